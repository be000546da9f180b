from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.orm import Session

from addax_api.queries.filters import ImageQuery
from addax_api.queries.images import conditions
from addax_common.db import Image, ImageStatus, Project, ReprocessItem, ReprocessJob, RuntimeSetting, User


def settings_stamp(db: Session) -> tuple[datetime | None, str | None]:
    """When the run-time settings last changed, and by whom."""
    row = db.execute(
        select(RuntimeSetting.updated_at, User.email)
        .outerjoin(User, User.id == RuntimeSetting.updated_by)
        .order_by(RuntimeSetting.updated_at.desc())
        .limit(1)
    ).first()
    return (row.updated_at, row.email) if row else (None, None)


def count_matching(db: Session, q: ImageQuery) -> int:
    return db.scalar(select(func.count()).select_from(Image).where(*conditions(q))) or 0


def send_back(db: Session, q: ImageQuery, to: ImageStatus) -> list[uuid.UUID]:
    """Completed images under the filters go back to `to` (locked, in this transaction); their ids.
    Videos are never sent: the image models do not run on them (they count as skipped)."""
    matching = select(Image.id).where(*conditions(q), Image.status == ImageStatus.COMPLETED,
                                      Image.media_kind == "image")
    return list(
        db.scalars(
            update(Image)
            .where(Image.id.in_(matching), Image.status == ImageStatus.COMPLETED)
            .values(status=to, error=None, attempts=0, updated_at=func.now())
            .returning(Image.id)
            .execution_options(synchronize_session=False)
        )
    )


def add_job(db: Session, **values: Any) -> ReprocessJob:
    job = ReprocessJob(**values)
    db.add(job)
    db.flush()
    return job


def add_items(db: Session, job_id: int, image_ids: list[uuid.UUID]) -> None:
    for start in range(0, len(image_ids), 5000):
        chunk = image_ids[start : start + 5000]
        db.execute(insert(ReprocessItem), [{"job_id": job_id, "image_id": i} for i in chunk])


def jobs(db: Session, project_id: int | None, limit: int, job_id: int | None = None) -> list[Any]:
    """Jobs, newest first, with their progress read from the images: done = completed since the job began."""
    done = func.count().filter(and_(Image.status == ImageStatus.COMPLETED, Image.completed_at >= ReprocessJob.created_at))
    failed = func.count().filter(Image.status == ImageStatus.FAILED)
    progress = (
        select(ReprocessItem.job_id, done.label("done"), failed.label("failed"))
        .join(Image, Image.id == ReprocessItem.image_id)
        .join(ReprocessJob, ReprocessJob.id == ReprocessItem.job_id)
        .group_by(ReprocessItem.job_id)
        .subquery()
    )
    stmt = (
        select(
            ReprocessJob,
            Project.slug.label("project_slug"),
            User.email.label("created_by_email"),
            func.coalesce(progress.c.done, 0).label("done"),
            func.coalesce(progress.c.failed, 0).label("failed"),
        )
        .join(Project, Project.id == ReprocessJob.project_id)
        .outerjoin(User, User.id == ReprocessJob.created_by)
        .outerjoin(progress, progress.c.job_id == ReprocessJob.id)
        .order_by(ReprocessJob.created_at.desc(), ReprocessJob.id.desc())
        .limit(limit)
    )
    if project_id is not None:
        stmt = stmt.where(ReprocessJob.project_id == project_id)
    if job_id is not None:
        stmt = stmt.where(ReprocessJob.id == job_id)
    return list(db.execute(stmt).all())
