from __future__ import annotations

from sqlalchemy import exists, select
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
    stmt = select(
        exists().where(
            Classification.label == label,
            Classification.source == "machine",
            Classification.image_id == Image.id,
            Image.project_id == project_id,
        )
    )
    return bool(db.scalar(stmt))


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
