from typing import Annotated

from fastapi import Depends, Path, Query, status
from sqlalchemy.orm import Session

from addax_api.deployments import service
from addax_api.deployments.schemas import DeploymentCreate, DeploymentOut, DeploymentUpdate
from addax_api.deps import get_db
from addax_api.errors import create_route
from addax_api.scope import ProjectAdmin, ProjectViewer, project_scoped_router
from addax_api.uow import UoW
from addax_api.validation import MAX_INT32

router = project_scoped_router("/deployments", "deployments")

DeploymentId = Annotated[int, Path(ge=1, le=MAX_INT32)]
WRITE_DESCRIPTION = (
    "Periods are half-open, [start_at, end_at); one camera's deployments may not overlap (422 naming `start_at`). "
    "Images of the camera are re-assigned to the deployment active at their capture time, and a changed "
    "`clock_offset_seconds` shifts their capture times (EXIF time + offset; set the old value back to undo). "
    "EXIF times carry no zone: they are read in the deployment's `timezone`, so changing it re-computes the "
    "capture times too (audited as `deployment.timezone`; set the old zone back to undo)."
)


@router.get("", name="list", summary="The project's deployments")
def list_deployments(
    scope: ProjectViewer,
    db: Annotated[Session, Depends(get_db)],
    camera_id: Annotated[int | None, Query(ge=1, le=MAX_INT32, description="Only this camera's")] = None,
) -> list[DeploymentOut]:
    return service.list_all(db, scope.project_id, camera_id)


@create_route(router, "Create a deployment (project admin)", description=WRITE_DESCRIPTION)
def create_deployment(body: DeploymentCreate, scope: ProjectAdmin, uow: UoW) -> DeploymentOut:
    return service.create(uow, scope, body)


@router.get("/{deployment_id}", name="get", summary="One deployment")
def get_deployment(
    deployment_id: DeploymentId, scope: ProjectViewer, db: Annotated[Session, Depends(get_db)]
) -> DeploymentOut:
    return service.get(db, scope.project_id, deployment_id)


@router.put(
    "/{deployment_id}",
    name="update",
    summary="Update a deployment (project admin); only the fields sent change",
    description=WRITE_DESCRIPTION,
)
def update_deployment(deployment_id: DeploymentId, body: DeploymentUpdate, scope: ProjectAdmin, uow: UoW) -> DeploymentOut:
    return service.update(uow, scope, deployment_id, body)


@router.delete(
    "/{deployment_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    name="delete",
    summary="Delete a deployment (project admin); its images return to their EXIF times",
)
def delete_deployment(deployment_id: DeploymentId, scope: ProjectAdmin, uow: UoW) -> None:
    service.delete(uow, scope, deployment_id)
