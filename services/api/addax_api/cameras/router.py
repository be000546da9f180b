from typing import Annotated

from fastapi import APIRouter, Depends, Path
from sqlalchemy.orm import Session

from addax_api.cameras import service
from addax_api.cameras.schemas import (
    CameraAssign,
    CameraCollection,
    CameraCreate,
    CameraDetail,
    CameraOut,
    CameraUpdate,
    UnassignedCamera,
)
from addax_api.deps import get_db
from addax_api.errors import create_route, error_responses
from addax_api.images.service import Presentation, presentation
from addax_api.queries.filters import ImageQuery, image_filters
from addax_api.scope import SIGNED_IN_RESPONSES, ProjectAdmin, ProjectViewer, project_scoped_router
from addax_api.security import AdminUser
from addax_api.uow import UoW
from addax_api.validation import MAX_INT32

router = project_scoped_router("/cameras", "cameras")
# Server-wide: cameras that registered themselves and no admin has adopted yet, in every project.
admin_router = APIRouter(prefix="/api/cameras", tags=["cameras"], responses=SIGNED_IN_RESPONSES)

CameraId = Annotated[int, Path(ge=1, le=MAX_INT32)]


@router.get(
    "",
    name="list",
    summary="The project's cameras as a GeoJSON FeatureCollection",
    description="Takes the image list's filters (species, dates, capture time, review status, status, minimum "
    "confidence, camera): each camera's `image_count` and `last_image_at` cover only the images they match (a human "
    "correction wins over the machine label, as in the image list). Every camera is still listed. Rejected uploads "
    "are never counted.",
)
def list_cameras(
    scope: ProjectViewer,
    db: Annotated[Session, Depends(get_db)],
    images: Annotated[ImageQuery, Depends(image_filters)],
) -> CameraCollection:
    return service.collection(db, images)


@create_route(router, "Create a camera in the project (project admin)")
def create_camera(body: CameraCreate, scope: ProjectAdmin, uow: UoW) -> CameraOut:
    return service.create(uow, scope, body)


@router.get(
    "/{camera_id}",
    name="get",
    summary="One camera with its 10 newest images and status history",
)
def get_camera(
    camera_id: CameraId,
    scope: ProjectViewer,
    db: Annotated[Session, Depends(get_db)],
    view: Annotated[Presentation, Depends(presentation)],
) -> CameraDetail:
    return service.detail(db, view, scope.project_id, camera_id)


@router.put(
    "/{camera_id}",
    name="update",
    summary="Update a camera (project admin); only the fields sent change; `project` moves it",
    responses=error_responses(409),
)
def update_camera(camera_id: CameraId, body: CameraUpdate, scope: ProjectAdmin, uow: UoW) -> CameraOut:
    return service.update(uow, scope, camera_id, body)


@router.post(
    "/{camera_id}/assign",
    name="assign",
    summary="Adopt an unassigned camera (project admin): name and place it, and with `project` move it there",
    responses=error_responses(409),
)
def assign_camera(camera_id: CameraId, body: CameraAssign, scope: ProjectAdmin, uow: UoW) -> CameraOut:
    return service.assign(uow, scope, camera_id, body)


@admin_router.get(
    "/unassigned",
    name="unassigned",
    summary="Cameras no admin has adopted yet, in every project (server admin)",
    description="Cameras register themselves with their first upload, unassigned and usually without a location. "
    "Adopt one with `POST /api/projects/{slug}/cameras/{camera_id}/assign` (its `project` moves it).",
)
def unassigned_cameras(user: AdminUser, db: Annotated[Session, Depends(get_db)]) -> list[UnassignedCamera]:
    return service.unassigned(db)
