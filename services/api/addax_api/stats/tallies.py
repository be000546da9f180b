"""The dashboard's summary, species, timeline and per-camera statistics from the tallies (migration 0019):
counts per (camera, capture day or month, status, label) kept by triggers, so the default views and the
camera and date filters read a fraction of the rows instead of every image of the project (at a million
images 13-125x faster; docs/performance.md, "Statistics from the tallies").

Filters the tallies cannot answer (species, pipeline or review status, confidence, a bound that is not a
UTC midnight, hourly buckets) go to repository.py, which reads the images. Both give the same rows
(services/api/tests/test_stats_tallies.py compares them)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import DateTime, cast, func, literal_column, select, union_all
from sqlalchemy.orm import Session

from addax_api.queries.filters import ImageQuery
from addax_api.queries.images import TAKEN_AT, capture_time_mode, conditions
from addax_api.stats.repository import INTERVALS, NOT_REJECTED, cameras_where
from addax_common.db import Camera, Image, ImageStatus, ImageTally, ImageTallyChange, ImageTallyMonthly
from addax_common.db.images import PENDING_STATES
from addax_common.db.tallies import IMAGE_ROW

REJECTED = ImageStatus.REJECTED.value


def _at_midnight(bound: datetime | None) -> bool:
    return bound is None or bound.astimezone(UTC).timetz() == time.min.replace(tzinfo=UTC)


def covers(q: ImageQuery, interval: str | None = None) -> bool:
    """Whether the tallies hold the answer: only the camera filter and whole UTC days are kept apart."""
    return (
        not (q.species or q.statuses or q.review_statuses or q.min_confidence is not None)
        and _at_midnight(q.date_from)
        and _at_midnight(q.date_to)
        and interval in (None, *INTERVALS[1:])  # no hours: the tallies count days
    )


def compact(db: Session) -> None:
    """Folds the changes the triggers appended into the daily and monthly tallies (skipped while another
    session does), committed at once so the advisory lock is not held through the read."""
    db.execute(select(func.compact_image_tallies()))
    db.commit()


def _month_start(bound: datetime | None) -> bool:
    return bound is None or bound.astimezone(UTC).day == 1


def _rows(q: ImageQuery, interval: str | None = None) -> Any:
    """The tally rows under the filters, folded or not: one snapshot sums both exactly. Views of whole
    months read the monthly counts (their `day` is the month's first), others the daily ones."""
    monthly = interval in (None, "month") and _month_start(q.date_from) and _month_start(q.date_to)
    mode = capture_time_mode(q)
    parts = []
    for table in (ImageTallyMonthly if monthly else ImageTally, ImageTallyChange):
        where: list[Any] = [table.project_id == q.project_id]
        if q.camera_ids:
            where.append(table.camera_id.in_(q.camera_ids))
        if q.date_from is not None:
            where.append(table.day >= q.date_from.astimezone(UTC).date())
        if q.date_to is not None:
            where.append(table.day < q.date_to.astimezone(UTC).date())
        if mode in ("known", "unknown"):
            where.append(table.dated.is_(mode == "known"))
        parts.append(
            select(table.camera_id, table.day, table.status, table.label, table.n, table.detections).where(*where)
        )
    return union_all(*parts).subquery("tallies")


def _labels_per_camera(t: Any) -> Any:
    """(camera, label) pairs with at least one image that is not rejected."""
    return (
        select(t.c.camera_id, t.c.label)
        .where(t.c.label != IMAGE_ROW, t.c.status != REJECTED)
        .group_by(t.c.camera_id, t.c.label)
        .having(func.sum(t.c.n) > 0)
        .subquery("labels")
    )


def summary(db: Session, q: ImageQuery, now: datetime) -> dict[str, int]:
    compact(db)
    t = _rows(q)
    stmt = select(t.c.status, func.sum(t.c.n)).where(t.c.label == IMAGE_ROW).group_by(t.c.status)
    by_status = {status: int(n) for status, n in db.execute(stmt).all()}
    labels = (
        select(t.c.label)
        .where(t.c.label != IMAGE_ROW, t.c.status != REJECTED)
        .group_by(t.c.label)
        .having(func.sum(t.c.n) > 0)
        .subquery("labels")
    )
    species_count = db.scalar(select(func.count()).select_from(labels))
    # The two counts by time of arrival and completion, not of capture: index ranges over recent images.
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    processed_today = db.scalar(
        select(func.count()).where(Image.status == ImageStatus.COMPLETED, Image.completed_at >= today, *conditions(q))
    )
    active = db.scalar(
        select(func.count(func.distinct(Image.camera_id))).where(
            NOT_REJECTED, Image.received_at >= now - timedelta(days=7), *conditions(q)
        )
    )
    return dict(
        total_images=sum(n for status, n in by_status.items() if status != REJECTED),
        completed_images=by_status.get(ImageStatus.COMPLETED.value, 0),
        species_count=species_count or 0,
        active_cameras=active or 0,
        processed_today=processed_today or 0,
        pending=sum(by_status.get(s.value, 0) for s in PENDING_STATES),
        failed=by_status.get(ImageStatus.FAILED.value, 0),
        rejected=by_status.get(REJECTED, 0),
    )


def species(db: Session, q: ImageQuery) -> list[tuple[str, int, int]]:
    """(label, detections with it, images showing it), as repository.species."""
    compact(db)
    t = _rows(q)
    stmt = (
        select(t.c.label, func.sum(t.c.detections), func.sum(t.c.n))
        .where(t.c.label != IMAGE_ROW, t.c.status != REJECTED)
        .group_by(t.c.label)
        .having(func.sum(t.c.n) > 0)
    )
    return [(label, int(detections), int(images)) for label, detections, images in db.execute(stmt).all()]


def timeline(db: Session, q: ImageQuery, interval: str) -> list[tuple[datetime, int]]:
    if interval not in INTERVALS[1:]:
        raise ValueError(f"the tallies count days, not {interval!r}")
    compact(db)
    # As repository.timeline: a time series of capture times unless capture_time asks otherwise.
    t = _rows(replace(q, capture_time=q.capture_time or "known"), interval)
    day = cast(t.c.day, DateTime)
    # A literal (from the fixed list), so SELECT and GROUP BY render the same expression.
    bucket = func.timezone(
        literal_column("'UTC'"), func.date_trunc(literal_column(f"'{interval}'"), day), type_=DateTime(timezone=True)
    ).label("bucket")
    stmt = (
        select(bucket, func.sum(t.c.n))
        .where(t.c.label == IMAGE_ROW, t.c.status != REJECTED)
        .group_by(bucket)
        .having(func.sum(t.c.n) > 0)
        .order_by(bucket)
    )
    return [(when, int(n)) for when, n in db.execute(stmt).all()]


def cameras(db: Session, q: ImageQuery) -> list[Any]:
    compact(db)
    t = _rows(q)
    image_stats = (
        select(t.c.camera_id, func.sum(t.c.n).label("image_count"))
        .where(t.c.label == IMAGE_ROW, t.c.status != REJECTED)
        .group_by(t.c.camera_id)
        .subquery("image_stats")
    )
    labels = _labels_per_camera(t)
    species_stats = (
        select(labels.c.camera_id, func.count().label("species_count")).group_by(labels.c.camera_id).subquery("species")
    )
    # The newest image per camera: one step down the (camera, taken_at) index each.
    last_image_at = (
        select(TAKEN_AT)
        .where(Image.camera_id == Camera.id, NOT_REJECTED, *conditions(q))
        .order_by(TAKEN_AT.desc())
        .limit(1)
        .scalar_subquery()
    )
    image_count = func.coalesce(image_stats.c.image_count, 0)
    stmt = (
        select(Camera.id, Camera.name, image_count, func.coalesce(species_stats.c.species_count, 0), last_image_at)
        .outerjoin(image_stats, image_stats.c.camera_id == Camera.id)
        .outerjoin(species_stats, species_stats.c.camera_id == Camera.id)
        .where(*cameras_where(q))
        .order_by(image_count.desc(), Camera.name)
    )
    return [(i, name, int(n), int(s), last) for i, name, n, s, last in db.execute(stmt).all()]
