from __future__ import annotations

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.orm import Session

from addax_common.db import Classification, Image, SpeciesLabel


def machine_labels(db: Session, project_id: int) -> list[str]:
    """Every label the classifier gave in this project (any rank): the labels its model knows here."""
    stmt = (
        select(Classification.label)
        .join(Image, Image.id == Classification.image_id)
        .where(Image.project_id == project_id, Classification.source == "machine")
        .distinct()
    )
    return list(db.scalars(stmt))


def is_machine_label(db: Session, project_id: int, label: str) -> bool:
    """Whether the classifier gave `label` (normalized) in this project. The list shows machine labels in
    normal form, so a label stored as "Greater  Kudu" must match "greater kudu": the exact comparison
    first (the common case), then the normalized one."""

    def given(condition: ColumnElement[bool]) -> bool:
        where = (
            condition,
            Classification.source == "machine",
            Classification.image_id == Image.id,
            Image.project_id == project_id,
        )
        return bool(db.scalar(select(exists().where(*where))))

    normal = func.lower(func.regexp_replace(func.btrim(Classification.label), r"\s+", " ", "g"))
    return given(Classification.label == label) or given(normal == label)


def custom_labels(db: Session, project_id: int) -> list[str]:
    return list(
        db.scalars(select(SpeciesLabel.label).where(SpeciesLabel.project_id == project_id).order_by(SpeciesLabel.label))
    )


def is_custom_label(db: Session, project_id: int, label: str) -> bool:
    stmt = select(exists().where(SpeciesLabel.project_id == project_id, SpeciesLabel.label == label))
    return bool(db.scalar(stmt))


def add(db: Session, project_id: int, label: str, user_id: int | None) -> SpeciesLabel:
    row = SpeciesLabel(project_id=project_id, label=label, created_by=user_id)
    db.add(row)
    db.flush()
    return row
