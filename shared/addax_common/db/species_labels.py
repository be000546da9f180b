"""Labels a project's admins added to the species list reviewers correct from (migration 0011).

The list itself is the classifier's labels, the taxonomy's labels and groups and the special labels
(blank, person, vehicle); these rows are what a project adds to it (a local species, a morphotype)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from addax_common.db.base import Base, utc_timestamp


class SpeciesLabel(Base):
    __tablename__ = "species_labels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    # Stored normalized (trimmed, single spaces, lower case), as corrections are compared.
    label: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)

    __table_args__ = (UniqueConstraint("project_id", "label", name="uq_species_labels_project_label"),)
