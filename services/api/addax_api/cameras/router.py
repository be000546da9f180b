from typing import Annotated

from fastapi import APIRouter, Depends, Path, status
from sqlalchemy.orm import Session

from addax_api.cameras import service
from addax_api.cameras.schemas import (
    CameraAssign,
    CameraCollection,
    CameraCreate,
    CameraDetail,
    CameraOut,
    CameraUpdate,
)
from addax_api.deps import get_db
from addax_api.errors import error_responses
from addax_api.images.service import Presentation, presentation
from addax_api.queries.filters import SpeciesLabels
from addax_api.security import AdminUser, ViewerUser
from addax_api.uow import UoW
from addax_api.validation import MAX_INT32

router = APIRouter(prefix="/api/cameras", tags=["cameras"], responses=error_responses(401, 403))

CameraId = Annotated[int, Path(ge=1, le=MAX_INT32)]


@router.get(
    "",
    response_model=CameraCollection,
    name="list",
    summary="All cameras as a GeoJSON FeatureCollection",
    description="With `species`, each camera's `image_count` and `last_image_at` cover only images with one of these "
    "species (a human correction wins over the machine label, as in the image list); every camera is still listed.",
)
def list_cameras(
    user: ViewerUser, db: Annotated[Session, Depends(get_db)], species: SpeciesLabels = None
) -> CameraCollection:
    return service.collection(db, tuple(dict.fromkeys(species or ())))


@router.post(
    "",
    response_model=CameraOut,
    status_code=status.HTTP_201_CREATED,
    name="create",
    summary="Create a camera (admin)",
    responses=error_responses(409),
)
def create_camera(body: CameraCreate, user: AdminUser, uow: UoW) -> CameraOut:
    return service.create(uow, body)


@router.get(
    "/{camera_id}",
    response_model=CameraDetail,
    name="get",
    summary="One camera with its 10 newest images and status history",
    responses=error_responses(404),
)
def get_camera(
    camera_id: CameraId,
    user: ViewerUser,
    db: Annotated[Session, Depends(get_db)],
    view: Annotated[Presentation, Depends(presentation)],
) -> CameraDetail:
    return service.detail(db, view, camera_id)


@router.put(
    "/{camera_id}",
    response_model=CameraOut,
    name="update",
    summary="Update a camera (admin); only the fields sent change",
    responses=error_responses(404, 409),
)
def update_camera(camera_id: CameraId, body: CameraUpdate, user: AdminUser, uow: UoW) -> CameraOut:
    return service.update(uow, camera_id, body)


@router.post(
    "/{camera_id}/assign",
    response_model=CameraOut,
    name="assign",
    summary="Assign an unassigned camera (admin)",
    responses=error_responses(404, 409),
)
def assign_camera(camera_id: CameraId, body: CameraAssign, user: AdminUser, uow: UoW) -> CameraOut:
    return service.assign(uow, camera_id, body)
