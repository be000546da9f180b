from __future__ import annotations

import typing
from typing import Any

from geoalchemy2 import Geometry
from geoalchemy2.elements import WKTElement
from sqlalchemy import CursorResult, cast, func, select, update
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.orm import Session

from addax_api.queries.filters import ImageQuery
from addax_api.queries.images import TAKEN_AT, conditions
from addax_common.db import Camera, CameraStatus, Image, ImageStatus, Project

STATUS_HISTORY_LIMIT = 50


def point(lat: float, lon: float) -> WKTElement:
    # Both numbers are validated floats, so the WKT is built from numbers, never from user text.
    return WKTElement(f"POINT({float(lon)!r} {float(lat)!r})", srid=4326)


def _image_stats(*where: Any) -> Any:
    """Per camera: its images (rejected uploads never count) under `where`, and the latest one's time."""
    return (
        select(
            Image.camera_id.label("camera_id"),
            func.count().label("image_count"),
            func.max(TAKEN_AT).label("last_image_at"),
        )
        .where(Image.camera_id.is_not(None), Image.status != ImageStatus.REJECTED, *where)
        .group_by(Image.camera_id)
        .subquery("image_stats")
    )


def _latest_status() -> Any:
    return (
        select(
            CameraStatus.camera_id,
            CameraStatus.battery_percent,
            CameraStatus.temperature_c,
            CameraStatus.sd_used_percent,
            CameraStatus.reported_at,
        )
        .ext(distinct_on(CameraStatus.camera_id))
        .order_by(CameraStatus.camera_id, CameraStatus.reported_at.desc())
        .subquery("latest_status")
    )


def _with_stats(images: ImageQuery, *where: Any) -> Any:
    """Cameras of the query's project with their image statistics over the images matching `images`."""
    stats = _image_stats(*conditions(images))
    latest = _latest_status()
    geometry = cast(Camera.location, Geometry)
    return (
        select(
            Camera,
            func.ST_Y(geometry).label("lat"),
            func.ST_X(geometry).label("lon"),
            func.coalesce(stats.c.image_count, 0).label("image_count"),
            stats.c.last_image_at,
            latest.c.battery_percent,
            latest.c.temperature_c,
            latest.c.sd_used_percent,
            latest.c.reported_at.label("status_reported_at"),
        )
        .outerjoin(stats, stats.c.camera_id == Camera.id)
        .outerjoin(latest, latest.c.camera_id == Camera.id)
        .where(Camera.project_id == images.project_id, *where)
        .order_by(Camera.name)
    )


def list_with_stats(db: Session, images: ImageQuery) -> list[Any]:
    """Every camera of the project; image_count and last_image_at over the images matching `images`."""
    return list(db.execute(_with_stats(images)).all())


def unassigned(db: Session) -> list[Any]:
    """Unassigned cameras of every project with their project and image statistics (all their images)."""
    stats = _image_stats()
    geometry = cast(Camera.location, Geometry)
    stmt = (
        select(
            Camera,
            Project.slug.label("project_slug"),
            Project.name.label("project_name"),
            func.ST_Y(geometry).label("lat"),
            func.ST_X(geometry).label("lon"),
            func.coalesce(stats.c.image_count, 0).label("image_count"),
            stats.c.last_image_at,
        )
        .join(Project, Project.id == Camera.project_id)
        .outerjoin(stats, stats.c.camera_id == Camera.id)
        .where(Camera.is_assigned.is_(False))
        .order_by(Camera.created_at.desc(), Camera.id.desc())
    )
    return list(db.execute(stmt).all())


def get_with_stats(db: Session, project_id: int, camera_id: int) -> Any:
    return db.execute(_with_stats(ImageQuery(project_id=project_id), Camera.id == camera_id)).first()


def get_for_update(db: Session, project_id: int, camera_id: int) -> Camera | None:
    stmt = select(Camera).where(Camera.id == camera_id, Camera.project_id == project_id).with_for_update()
    return db.scalars(stmt).first()


def move_images(db: Session, camera_id: int, project_id: int) -> int:
    """Move a camera's images with it (images.project_id is the camera's, denormalised)."""
    result = db.execute(update(Image).where(Image.camera_id == camera_id).values(project_id=project_id))
    # An UPDATE runs through a cursor; Session.execute is typed as the general Result.
    return typing.cast("CursorResult[Any]", result).rowcount or 0


def status_history(db: Session, camera_id: int, limit: int = STATUS_HISTORY_LIMIT) -> list[CameraStatus]:
    return list(
        db.scalars(
            select(CameraStatus)
            .where(CameraStatus.camera_id == camera_id)
            .order_by(CameraStatus.reported_at.desc())
            .limit(limit)
        ).all()
    )
