"""The species list a correction picks from, and the check every correction passes.

The list is, in this order: the special labels (blank / false trigger, person shown as "human",
vehicle), the classifier's labels (those it gave in this project) with the taxonomy's labels
(`species_groups.toml`), the taxonomy's groups (for an animal seen too badly to name), and the labels
the project's admins added. A correction naming anything else is refused with a 422 naming the label;
only admins add labels (free text), so the data stays comparable across reviewers.
"""

from __future__ import annotations

from fastapi.exceptions import RequestValidationError
from sqlalchemy.orm import Session

from addax_api.audit.service import record
from addax_api.errors import Conflict
from addax_api.scope import ProjectScope
from addax_api.species_labels import repository
from addax_api.species_labels.schemas import LabelKind, SpeciesLabelCreated, SpeciesLabelOut
from addax_api.uow import UnitOfWork
from addax_common.settings import Settings
from addax_common.species_groups import Taxonomy, default_taxonomy

# (label, display, aliases): what a reviewer picks when no animal is there, or not an animal.
SPECIAL_LABELS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("blank", "Blank / false trigger", ("empty", "false trigger", "nothing")),
    ("person", "Human", ("human", "people")),
    ("vehicle", "Vehicle", ("car", "truck")),
)
# Detector categories in the taxonomy's labels: "animal" names no species, the rest are specials.
_NOT_SPECIES = frozenset({"animal"}) | {label for label, _, _ in SPECIAL_LABELS}


def normalize(label: str) -> str:
    """Labels compare trimmed, with single spaces and in lower case ("  Red  Fox " is "red fox")."""
    return " ".join(label.split()).lower()


def taxonomy(settings: Settings) -> Taxonomy:
    return default_taxonomy(settings.species_groups_file)


def _display(label: str) -> str:
    return label[:1].upper() + label[1:]


def species_list(db: Session, settings: Settings, project_id: int) -> list[SpeciesLabelOut]:
    tax = taxonomy(settings)
    out: list[SpeciesLabelOut] = []
    seen: set[str] = set()

    def add(label: str, kind: LabelKind, display: str | None = None, aliases: tuple[str, ...] = ()) -> None:
        label = normalize(label)
        if label and label not in seen:
            seen.add(label)
            out.append(
                SpeciesLabelOut(label=label, display=display or _display(label), kind=kind, aliases=list(aliases))
            )

    for label, display, aliases in SPECIAL_LABELS:
        add(label, "special", display, aliases)
    machine = {normalize(label) for label in repository.machine_labels(db, project_id)}
    for label in sorted((machine | set(tax.labels)) - _NOT_SPECIES):
        add(label, "species")
    for group in sorted(tax.groups):
        add(group, "group")
    for label in repository.custom_labels(db, project_id):
        add(label, "custom")
    return out


def known_label(db: Session, settings: Settings, project_id: int, label: str) -> str:
    """The list's form of `label`, or a 422 naming it (FastAPI's validation shape, field `label`)."""
    value = normalize(label)
    tax = taxonomy(settings)
    static = {special for special, _, _ in SPECIAL_LABELS} | (set(tax.labels) - {"animal"}) | set(tax.groups)
    if (
        value in static
        or repository.is_custom_label(db, project_id, value)
        or repository.is_machine_label(db, project_id, value)
    ):
        return value
    raise RequestValidationError(
        [
            {
                "type": "value_error",
                "loc": ("body", "label"),
                "msg": f"{label.strip()!r} is not in this project's species list; pick a listed label, "
                "or ask a project admin to add it",
                "input": label,
            }
        ]
    )


def add_label(uow: UnitOfWork, settings: Settings, scope: ProjectScope, label: str) -> SpeciesLabelCreated:
    db = uow.db
    value = normalize(label)
    existing = next((item for item in species_list(db, settings, scope.project_id) if item.label == value), None)
    if existing is not None:
        raise Conflict(f"{value!r} is already in the species list ({existing.kind})")
    row = repository.add(db, scope.project_id, value, uow.actor.user_id)
    record(db, uow.actor, "species_label.add", "species_label", row.id, {"label": value}, project_id=scope.project_id)
    return SpeciesLabelCreated(label=value, display=_display(value), kind="custom", created_at=row.created_at)
