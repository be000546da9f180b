"""Aggregations for the dashboard. Every query shares the image filters of the gallery (camera and
capture-date range); rejected uploads (not camera-trap photos) are left out of every count except
`rejected` itself. The summary, timeline and per-camera counts are read from the tallies (tallies.py)
whenever the filters allow; these queries answer the rest."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from geoalchemy2 import Geometry
from sqlalchemy import Integer, Interval, case, cast, func, literal, literal_column, or_, select
from sqlalchemy.orm import Session

from addax_api.queries.filters import ImageQuery
from addax_api.queries.images import TAKEN_AT, conditions, effective_labels
from addax_common.db import Camera, Deployment, Image, ImageStatus
from addax_common.db.images import PENDING_STATES

NOT_REJECTED = Image.status != ImageStatus.REJECTED
INTERVALS = ("hour", "day", "week", "month")


def cameras_where(q: ImageQuery) -> list[Any]:
    """The project's cameras, those of the camera filter when it names some."""
    where = [Camera.project_id == q.project_id]
    if q.camera_ids:
        where.append(Camera.id.in_(q.camera_ids))
    return where


def _image_labels(q: ImageQuery, *columns: Any) -> Any:
    """One row per (image, label that counts) under the filters, from images.species (migration 0018):
    the labels that count, kept by triggers, so a statistic that needs "which species does this image
    show" reads the images alone instead of joining every classification (at 1,000,000 images, seconds)."""
    return (
        select(*columns, func.unnest(Image.species).label("label"))
        .where(NOT_REJECTED, *conditions(q))
        .subquery("image_labels")
    )


def species(db: Session, q: ImageQuery) -> list[tuple[str, int, int]]:
    eff = effective_labels()
    stmt = (
        select(eff.c.label, func.count(), func.count(func.distinct(eff.c.image_id)))
        .select_from(eff)
        .join(Image, Image.id == eff.c.image_id)
        .where(NOT_REJECTED, *conditions(q))
        .group_by(eff.c.label)
    )
    return [(label, detections, images) for label, detections, images in db.execute(stmt).all()]


def timeline(db: Session, q: ImageQuery, interval: str) -> list[tuple[datetime, int]]:
    if interval not in INTERVALS:
        raise ValueError(f"unknown interval {interval!r}")
    # A literal (from the fixed list above), so SELECT and GROUP BY render the same expression.
    bucket = func.date_trunc(literal_column(f"'{interval}'"), TAKEN_AT, literal_column("'UTC'")).label("bucket")
    # A time series of capture times: images without one are left out unless capture_time asks for
    # them (then they are counted at their arrival time).
    dated = replace(q, capture_time=q.capture_time or "known")
    stmt = select(bucket, func.count()).where(NOT_REJECTED, *conditions(dated)).group_by(bucket).order_by(bucket)
    return [(when, n) for when, n in db.execute(stmt).all()]


def cameras(db: Session, q: ImageQuery) -> list[Any]:
    image_stats = (
        select(Image.camera_id, func.count().label("image_count"), func.max(TAKEN_AT).label("last_image_at"))
        .where(NOT_REJECTED, *conditions(q))
        .group_by(Image.camera_id)
        .subquery("image_stats")
    )
    labelled = _image_labels(q, Image.camera_id)
    # With a species filter, conditions() keeps the images showing one of the species; of their
    # labels only the requested species count (not whatever else is in the same photos).
    label_filter = [labelled.c.label.in_(q.species)] if q.species else []
    species_stats = (
        select(labelled.c.camera_id, func.count(func.distinct(labelled.c.label)).label("species_count"))
        .where(*label_filter)
        .group_by(labelled.c.camera_id)
        .subquery("species_stats")
    )
    stmt = (
        select(
            Camera.id,
            Camera.name,
            func.coalesce(image_stats.c.image_count, 0),
            func.coalesce(species_stats.c.species_count, 0),
            image_stats.c.last_image_at,
        )
        .outerjoin(image_stats, image_stats.c.camera_id == Camera.id)
        .outerjoin(species_stats, species_stats.c.camera_id == Camera.id)
        .where(*cameras_where(q))
        .order_by(func.coalesce(image_stats.c.image_count, 0).desc(), Camera.name)
    )
    return list(db.execute(stmt).all())


def summary(db: Session, q: ImageQuery, now: datetime) -> dict[str, int]:
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    week_ago = now - timedelta(days=7)
    row = db.execute(
        select(
            func.count().filter(NOT_REJECTED),
            func.count().filter(Image.status == ImageStatus.COMPLETED),
            func.count().filter(Image.status.in_(PENDING_STATES)),
            func.count().filter(Image.status == ImageStatus.FAILED),
            func.count().filter(Image.status == ImageStatus.REJECTED),
            func.count().filter(Image.status == ImageStatus.COMPLETED, Image.completed_at >= today),
            func.count(func.distinct(Image.camera_id)).filter(NOT_REJECTED, Image.received_at >= week_ago),
        ).where(*conditions(q))
    ).one()
    labelled = _image_labels(q)
    species_count = db.scalar(select(func.count(func.distinct(labelled.c.label))))
    total, completed, pending, failed, rejected, today_count, active = row
    return dict(
        total_images=total,
        completed_images=completed,
        species_count=species_count or 0,
        active_cameras=active,
        processed_today=today_count,
        pending=pending,
        failed=failed,
        rejected=rejected,
    )


# --- ecology (stats/ecology.py) ------------------------------------------------------------------


def deployments(db: Session, q: ImageQuery) -> list[Any]:
    """The deployments of the project's cameras (those of the camera filter), with their coordinates."""
    geometry = cast(Deployment.location, Geometry)
    stmt = (
        select(
            Deployment.id,
            Deployment.camera_id,
            Camera.name.label("camera_name"),
            Deployment.location_name,
            Deployment.start_at,
            Deployment.end_at,
            Deployment.timezone,
            func.ST_Y(geometry).label("lat"),
            func.ST_X(geometry).label("lon"),
        )
        .join(Camera, Camera.id == Deployment.camera_id)
        .where(*cameras_where(q))
        .order_by(Camera.name, Deployment.start_at, Deployment.id)
    )
    return list(db.execute(stmt).all())


def event_tally(db: Session, q: ImageQuery, interval_minutes: int) -> list[Any]:
    """Observations and independent events, counted in SQL: one row per (deployment_id, species, local
    hour) with `detections` (observations: images showing the species), `events` (independent events
    starting in that hour) and `first_at` (the earliest observation).

    The SQL counterpart of addax_common/ecology/events.py with measure_from="previous": observations of
    one deployment and species in time order, an event starting at the first one and at each one more
    than the interval after the previous (tests/test_stats_ecology.py checks both agree). Observations are
    images of a deployment, not rejected, under the filters; the species is the label that counts (a
    human correction wins); the hour is local to the deployment's time zone."""
    labelled = _image_labels(
        replace(q, capture_time="known"), Image.deployment_id, Image.captured_at, Image.id.label("image_id")
    )
    label_filter = [labelled.c.label.in_(q.species)] if q.species else []
    # images.species holds each label once per image: one observation per (image, species).
    obs = (
        select(
            labelled.c.deployment_id,
            labelled.c.label.label("species"),
            labelled.c.captured_at,
            labelled.c.image_id,
            Deployment.timezone,
        )  # fmt: skip
        .join(Deployment, Deployment.id == labelled.c.deployment_id)
        .where(*label_filter)
        .subquery("obs")
    )
    previous = func.lag(obs.c.captured_at).over(
        partition_by=(obs.c.deployment_id, obs.c.species), order_by=(obs.c.captured_at, obs.c.image_id)
    )
    gap = literal(timedelta(minutes=interval_minutes), type_=Interval())
    starts = case((or_(previous.is_(None), obs.c.captured_at - previous > gap), 1), else_=0)
    marked = select(
        obs.c.deployment_id, obs.c.species, obs.c.captured_at, obs.c.timezone, starts.label("starts")
    ).subquery("marked")
    hour = cast(func.extract("hour", func.timezone(marked.c.timezone, marked.c.captured_at)), Integer)
    stmt = select(
        marked.c.deployment_id,
        marked.c.species,
        hour.label("hour"),
        func.count().label("detections"),
        func.sum(marked.c.starts).label("events"),
        func.min(marked.c.captured_at).label("first_at"),
    ).group_by(marked.c.deployment_id, marked.c.species, hour)
    return list(db.execute(stmt).all())
