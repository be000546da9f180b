"""The species groups alert rules may name ("large carnivores", "people"), from a TOML file in the repo.

`data/species_groups.toml` is the default; SPECIES_GROUPS_FILE points to another copy (a deployment's
own groups). Both the alerts service and the API read it, so the groups a rule editor offers are the
ones the service resolves.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_FILE = Path(__file__).with_name("data") / "species_groups.toml"


@dataclass(frozen=True)
class Taxonomy:
    labels: frozenset[str]
    groups: dict[str, tuple[str, ...]]

    def resolve_group(self, name: str) -> tuple[str, ...]:
        return self.groups[name.strip().lower()]


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    data = tomllib.loads((path or DEFAULT_FILE).read_text(encoding="utf-8"))
    labels = frozenset(str(label).strip().lower() for label in data.get("labels", []))
    groups: dict[str, tuple[str, ...]] = {}
    for name, members in dict(data.get("groups", {})).items():
        members = tuple(str(m).strip().lower() for m in members)
        unknown = [m for m in members if m not in labels]
        if unknown:
            raise ValueError(f"species group {name!r} names labels missing from `labels`: {unknown}")
        groups[str(name).strip().lower()] = members
    return Taxonomy(labels=labels, groups=groups)


@lru_cache(maxsize=4)
def default_taxonomy(path: Path | None = None) -> Taxonomy:
    return load_taxonomy(path)
