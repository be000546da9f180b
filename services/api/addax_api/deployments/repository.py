from __future__ import annotations

from datetime import datetime
from typing import Any

from geoalchemy2 import Geometry
from sqlalchemy import cast, func, literal_column, select
from sqlalchemy.orm import Session

from addax_common.db import Camera, Deployment, Image

# An open end_at: the deployment runs on.
FOREVER: Any = literal_column("'infinity'::timestamptz")


def _image_counts() -> Any:
    return (
        select(Image.deployment_id, func.count().label("image_count"))
        .where(Image.deployment_id.is_not(None))
        .group_by(Image.deployment_id)
        .subquery("deployment_images")
    )


def _rows(project_id: int, *where: Any) -> Any:
    geometry = cast(Deployment.location, Geometry)
    counts = _image_counts()
    return (
        select(
            Deployment,
            Camera.name.label("camera_name"),
            func.ST_Y(geometry).label("lat"),
            func.ST_X(geometry).label("lon"),
            func.coalesce(counts.c.image_count, 0).label("image_count"),
        )
        .join(Camera, Camera.id == Deployment.camera_id)
        .outerjoin(counts, counts.c.deployment_id == Deployment.id)
        .where(Camera.project_id == project_id, *where)
        .order_by(Camera.name, Deployment.start_at.desc(), Deployment.id)
    )


def list_rows(db: Session, project_id: int, camera_id: int | None) -> list[Any]:
    where = [Deployment.camera_id == camera_id] if camera_id is not None else []
    return list(db.execute(_rows(project_id, *where)).all())


def get_row(db: Session, project_id: int, deployment_id: int) -> Any:
    return db.execute(_rows(project_id, Deployment.id == deployment_id)).first()


def lock_camera(db: Session, project_id: int, camera_id: int) -> Camera | None:
    """Lock the camera row: deployments of one camera are checked for overlap and written one at a time."""
    stmt = select(Camera).where(Camera.id == camera_id, Camera.project_id == project_id).with_for_update()
    return db.scalars(stmt).first()


def get(db: Session, project_id: int, deployment_id: int) -> Deployment | None:
    stmt = (
        select(Deployment)
        .join(Camera, Camera.id == Deployment.camera_id)
        .where(Deployment.id == deployment_id, Camera.project_id == project_id)
    )
    return db.scalars(stmt).first()


def overlapping(
    db: Session, camera_id: int, start_at: datetime, end_at: datetime | None, exclude_id: int | None
) -> Deployment | None:
    """A deployment of the camera whose [start, end) period meets [start_at, end_at)."""
    stmt = select(Deployment).where(
        Deployment.camera_id == camera_id,
        Deployment.start_at < (end_at if end_at is not None else FOREVER),
        func.coalesce(Deployment.end_at, FOREVER) > start_at,
    )
    if exclude_id is not None:
        stmt = stmt.where(Deployment.id != exclude_id)
    return db.scalars(stmt.order_by(Deployment.start_at).limit(1)).first()
