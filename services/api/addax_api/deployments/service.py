"""Deployments: a camera at a location for a period. Every change re-derives which images belong to
which deployment and their corrected capture times (addax_common/deployments.py), in the same
transaction, so the gallery never shows a half-applied clock correction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi.exceptions import RequestValidationError
from sqlalchemy.orm import Session

from addax_api.audit.service import record
from addax_api.cameras.repository import point
from addax_api.deployments import repository
from addax_api.deployments.schemas import DeploymentCreate, DeploymentOut, DeploymentUpdate
from addax_api.errors import NotFound
from addax_api.images.schemas import LatLon
from addax_api.mapping import attributes
from addax_api.scope import ProjectScope
from addax_api.uow import UnitOfWork
from addax_common.db import Deployment
from addax_common.deployments import assign_camera_images

COLUMNS = (
    "id", "camera_id", "start_at", "end_at", "location_name", "camera_height_m", "bait", "habitat", "feature_type",
    "notes", "timezone", "clock_offset_seconds", "created_at", "updated_at",
)  # fmt: skip


def field_error(field: str, message: str) -> RequestValidationError:
    """A 422 in FastAPI's own shape, naming the body field, for checks that need the database."""
    return RequestValidationError([{"type": "value_error", "loc": ["body", field], "msg": message}])


def _out(row: Any) -> DeploymentOut:
    return DeploymentOut(
        **attributes(row.Deployment, *COLUMNS),
        camera_name=row.camera_name,
        location=LatLon(lat=row.lat, lon=row.lon),
        image_count=row.image_count,
    )


def list_all(db: Session, project_id: int, camera_id: int | None) -> list[DeploymentOut]:
    return [_out(row) for row in repository.list_rows(db, project_id, camera_id)]


def get(db: Session, project_id: int, deployment_id: int) -> DeploymentOut:
    row = repository.get_row(db, project_id, deployment_id)
    if row is None:
        raise NotFound("deployment not found")
    return _out(row)


def _check_period(db: Session, camera_id: int, start_at: datetime, end_at: datetime | None, own: int | None) -> None:
    if end_at is not None and end_at <= start_at:
        raise field_error("end_at", "must be after start_at")
    other = repository.overlapping(db, camera_id, start_at, end_at, own)
    if other is not None:
        until = other.end_at.isoformat() if other.end_at else "open end"
        raise field_error(
            "start_at",
            f"overlaps deployment {other.id} of the same camera ({other.start_at.isoformat()} to {until})",
        )


def _set(deployment: Deployment, values: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for field, value in values.items():
        if field == "location":
            deployment.location = point(value["lat"], value["lon"])
            changes[field] = value
        elif getattr(deployment, field) != value:
            setattr(deployment, field, value)
            changes[field] = value.isoformat() if isinstance(value, datetime) else value
    return changes


def create(uow: UnitOfWork, scope: ProjectScope, data: DeploymentCreate) -> DeploymentOut:
    db, project_id = uow.db, scope.project_id
    if repository.lock_camera(db, project_id, data.camera_id) is None:
        raise field_error("camera_id", "no camera with this id in the project")
    _check_period(db, data.camera_id, data.start_at, data.end_at, None)
    deployment = Deployment(camera_id=data.camera_id)
    db.add(deployment)
    changes = _set(deployment, data.model_dump(exclude={"camera_id"}))
    db.flush()
    moved = assign_camera_images(db, data.camera_id)
    details = {"camera_id": data.camera_id, **changes, "images_reassigned": moved}
    record(db, uow.actor, "deployment.create", "deployment", deployment.id, details, project_id=project_id)
    uow.invalidate_stats(project_id)
    return get(db, project_id, deployment.id)


def update(uow: UnitOfWork, scope: ProjectScope, deployment_id: int, data: DeploymentUpdate) -> DeploymentOut:
    db, project_id = uow.db, scope.project_id
    deployment = repository.get(db, project_id, deployment_id)
    if deployment is None or repository.lock_camera(db, project_id, deployment.camera_id) is None:
        raise NotFound("deployment not found")
    db.refresh(deployment)  # read again under the camera lock
    values = data.model_dump(exclude_unset=True)
    for required in ("start_at", "location", "timezone", "clock_offset_seconds"):
        if required in values and values[required] is None:
            raise field_error(required, "must not be null")
    start_at = values.get("start_at", deployment.start_at)
    end_at = values.get("end_at", deployment.end_at)
    _check_period(db, deployment.camera_id, start_at, end_at, deployment.id)
    old_offset, old_zone = deployment.clock_offset_seconds, deployment.timezone
    changes = _set(deployment, values)
    if not changes:
        return get(db, project_id, deployment.id)
    db.flush()
    moved = assign_camera_images(db, deployment.camera_id)
    details = {"camera_id": deployment.camera_id, "changes": changes, "images_reassigned": moved}
    record(db, uow.actor, "deployment.update", "deployment", deployment.id, details, project_id=project_id)
    if "clock_offset_seconds" in changes:
        # Its own audit row: a clock correction moves capture times, and undoing it means setting
        # `from` back, which this row names.
        correction = {"from": old_offset, "to": deployment.clock_offset_seconds, "images_reassigned": moved}
        record(db, uow.actor, "deployment.clock_offset", "deployment", deployment.id, correction, project_id=project_id)
    if "timezone" in changes:
        # The same for the zone the EXIF wall-clock times are read in: capture times move, and the row
        # names the zone to set back to undo it.
        zone_change: dict[str, Any] = {"from": old_zone, "to": deployment.timezone, "images_reassigned": moved}
        record(db, uow.actor, "deployment.timezone", "deployment", deployment.id, zone_change, project_id=project_id)
    uow.invalidate_stats(project_id)
    return get(db, project_id, deployment.id)


def delete(uow: UnitOfWork, scope: ProjectScope, deployment_id: int) -> None:
    db, project_id = uow.db, scope.project_id
    deployment = repository.get(db, project_id, deployment_id)
    if deployment is None or repository.lock_camera(db, project_id, deployment.camera_id) is None:
        raise NotFound("deployment not found")
    camera_id = deployment.camera_id
    db.delete(deployment)
    db.flush()
    moved = assign_camera_images(db, camera_id)
    details = {"camera_id": camera_id, "images_reassigned": moved}
    record(db, uow.actor, "deployment.delete", "deployment", deployment_id, details, project_id=project_id)
    uow.invalidate_stats(project_id)
