"""Model management: thresholds changed at run time, and reprocessing jobs (issue 11, items 4 and 5).

`runtime_settings` holds values an admin changes in the dashboard without a restart; the workers read
them through `addax_common.runtime_settings` (a cache with a TTL), the environment supplies defaults.
A reprocess job remembers which images it sent back through the pipeline; its progress is read from
those images' state (an image is done once it completed after the job started), so no worker has to
know about jobs."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from addax_common.db.base import Base, utc_timestamp


class RuntimeSetting(Base):
    __tablename__ = "runtime_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSONB)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)


class ReprocessJob(Base):
    __tablename__ = "reprocess_jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    # "detection" (detection + classification again) or "classification" (classification only).
    stages: Mapped[str] = mapped_column(String(16))
    total: Mapped[int] = mapped_column(Integer)
    # Images the filter matched that were still in the pipeline (or failed/rejected): not sent.
    skipped: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    filters: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    detector: Mapped[str | None] = mapped_column(String(120))
    classifier: Mapped[str | None] = mapped_column(String(120))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)

    __table_args__ = (CheckConstraint("stages IN ('detection','classification')", name="stages_kind"),)


Index("ix_reprocess_jobs_project_created", ReprocessJob.project_id, ReprocessJob.created_at.desc())


class ReprocessItem(Base):
    __tablename__ = "reprocess_items"

    job_id: Mapped[int] = mapped_column(ForeignKey("reprocess_jobs.id", ondelete="CASCADE"), primary_key=True)
    image_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("images.id", ondelete="CASCADE"), primary_key=True
    )


Index("ix_reprocess_items_image", ReprocessItem.image_id)
