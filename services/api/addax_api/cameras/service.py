"""Cameras: the map's FeatureCollection, details, and admin changes (create, update, assign)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from addax_api.audit.service import record
from addax_api.cameras import repository
from addax_api.cameras.schemas import (
    CameraAssign,
    CameraCollection,
    CameraCreate,
    CameraDetail,
    CameraFeature,
    CameraOut,
    CameraProperties,
    CameraStatusOut,
    CameraUpdate,
    PointGeometry,
    UnassignedCamera,
)
from addax_api.errors import Conflict, Forbidden, NotFound
from addax_api.images import service as image_service
from addax_api.images.schemas import LatLon
from addax_api.images.service import Presentation
from addax_api.mapping import attributes
from addax_api.queries.filters import ImageQuery
from addax_api.scope import ProjectScope, resolve
from addax_api.uow import UnitOfWork
from addax_common import sequences
from addax_common.db import Camera, UserRole

UNIQUE_MESSAGES = {
    "uq_cameras_name": "a camera with this name already exists",
    "uq_cameras_serial_number": "a camera with this serial number already exists",
}


def collection(db: Session, images: ImageQuery) -> CameraCollection:
    """Every camera of the query's project; its counts over the images `images` matches."""
    features = []
    for row in repository.list_with_stats(db, images):
        camera: Camera = row.Camera
        geometry = PointGeometry(coordinates=[row.lon, row.lat]) if row.lat is not None else None
        features.append(
            CameraFeature(
                id=camera.id,
                geometry=geometry,
                properties=CameraProperties(
                    **attributes(camera, "id", "name", "serial_number", "is_assigned", "site", "make", "model"),
                    **attributes(camera, "altitude_m"),
                    **attributes(row, "last_image_at", "image_count", "battery_percent", "temperature_c"),
                    **attributes(row, "sd_used_percent", "status_reported_at"),
                ),
            )
        )
    return CameraCollection(features=features)


def _out(row: Any) -> dict[str, Any]:
    camera: Camera = row.Camera
    return dict(
        **attributes(camera, "id", "name", "serial_number", "ftps_account", "altitude_m", "make", "model"),
        **attributes(camera, "is_assigned", "site", "notes", "installed_at", "created_at", "updated_at"),
        **attributes(row, "last_image_at", "image_count"),
        location=LatLon(lat=row.lat, lon=row.lon) if row.lat is not None else None,
        config=camera.config or {},
    )


def get(db: Session, project_id: int, camera_id: int) -> CameraOut:
    row = repository.get_with_stats(db, project_id, camera_id)
    if row is None:
        raise NotFound("camera not found")
    return CameraOut(**_out(row))


def detail(db: Session, view: Presentation, project_id: int, camera_id: int) -> CameraDetail:
    row = repository.get_with_stats(db, project_id, camera_id)
    if row is None:
        raise NotFound("camera not found")
    history = [CameraStatusOut.model_validate(s) for s in repository.status_history(db, camera_id)]
    recent = image_service.list_page(db, view, ImageQuery(project_id=project_id, camera_ids=(camera_id,)), page=1, limit=10).items
    return CameraDetail(
        **_out(row), latest_status=history[0] if history else None, recent_images=recent, status_history=history
    )


def _apply(camera: Camera, values: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for field, value in values.items():
        if field == "location":
            camera.location = repository.point(value["lat"], value["lon"]) if value is not None else None
            changes["location"] = value
            continue
        old = getattr(camera, field)
        if old != value:
            setattr(camera, field, value)
            changes[field] = value if not hasattr(value, "isoformat") else value.isoformat()
    return changes


def _flush(db: Session) -> None:
    try:
        db.flush()
    except IntegrityError as exc:
        db.rollback()
        constraint = getattr(getattr(exc.orig, "diag", None), "constraint_name", None)
        raise Conflict(UNIQUE_MESSAGES.get(constraint or "", "the camera conflicts with an existing one")) from exc


def create(uow: UnitOfWork, scope: ProjectScope, data: CameraCreate) -> CameraOut:
    db, actor, project_id = uow.db, uow.actor, scope.project_id
    camera = Camera(name=data.name, project_id=project_id)
    db.add(camera)
    changes = _apply(camera, data.model_dump(exclude={"name"}))
    _flush(db)
    record(db, actor, "camera.create", "camera", camera.id, {"name": camera.name, **changes}, project_id=project_id)
    db.flush()
    uow.invalidate_stats(project_id)
    return get(db, project_id, camera.id)


def update(uow: UnitOfWork, scope: ProjectScope, camera_id: int, data: CameraUpdate) -> CameraOut:
    db, actor, project_id = uow.db, uow.actor, scope.project_id
    camera = repository.get_for_update(db, project_id, camera_id)
    if camera is None:
        raise NotFound("camera not found")
    values = data.model_dump(exclude_unset=True)
    target_slug = values.pop("project", None)
    for required in ("name", "is_assigned", "config"):
        if required in values and values[required] is None:
            values.pop(required)
    changes = _apply(camera, values)
    _flush(db)
    if changes:
        details = {"name": camera.name, "changes": changes}
        record(db, actor, "camera.update", "camera", camera.id, details, project_id=project_id)
    if target_slug is not None and target_slug != scope.project.slug:
        project_id = _move(uow, scope, camera, target_slug)
    db.flush()
    db.expire(camera)
    uow.invalidate_stats(scope.project_id)
    uow.invalidate_stats(project_id)
    return get(db, project_id, camera.id)


def _move(uow: UnitOfWork, scope: ProjectScope, camera: Camera, target_slug: str) -> int:
    """Move a camera and its images to another project the actor administers; the audit trail
    records the move in both projects."""
    target = resolve(uow.db, scope.user, target_slug)  # 404 when the actor is not a member
    if not target.allows(UserRole.ADMIN):
        raise Forbidden("moving a camera requires the admin role in the target project")
    if target.project.archived_at is not None:
        raise Conflict("the target project is archived")
    camera.project_id = target.project_id
    sequences.lock_camera(uow.db, camera.id)  # before the image rows (addax_common/sequences.py)
    moved = repository.move_images(uow.db, camera.id, target.project_id)
    sequences.recompute_camera(uow.db, camera.id)  # the target project's sequence gap applies now
    details = {"name": camera.name, "from": scope.project.slug, "to": target_slug, "images": moved}
    for project_id in (scope.project_id, target.project_id):
        record(uow.db, uow.actor, "camera.move", "camera", camera.id, details, project_id=project_id)
    return target.project_id


def assign(uow: UnitOfWork, scope: ProjectScope, camera_id: int, data: CameraAssign) -> CameraOut:
    db, actor, project_id = uow.db, uow.actor, scope.project_id
    camera = repository.get_for_update(db, project_id, camera_id)
    if camera is None:
        raise NotFound("camera not found")
    if camera.is_assigned:
        raise Conflict("the camera is already assigned")
    values = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    target_slug = values.pop("project", None)
    changes = _apply(camera, {**values, "is_assigned": True})
    _flush(db)
    record(db, actor, "camera.assign", "camera", camera.id, {"name": camera.name, **changes}, project_id=project_id)
    if target_slug is not None and target_slug != scope.project.slug:
        project_id = _move(uow, scope, camera, target_slug)
    db.flush()
    db.expire(camera)
    uow.invalidate_stats(scope.project_id)
    uow.invalidate_stats(project_id)
    return get(db, project_id, camera.id)


def unassigned(db: Session) -> list[UnassignedCamera]:
    """Cameras waiting to be adopted, in every project, newest registration first."""
    return [
        UnassignedCamera(
            **attributes(row.Camera, "id", "name", "serial_number", "make", "model", "ftps_account", "created_at"),
            **attributes(row, "image_count", "last_image_at", "project_name"),
            project=row.project_slug,
            location=LatLon(lat=row.lat, lon=row.lon) if row.lat is not None else None,
        )
        for row in repository.unassigned(db)
    ]
