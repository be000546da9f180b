from typing import Annotated

from fastapi import APIRouter, Depends, Path, status
from sqlalchemy.orm import Session

from addax_api.deps import get_db
from addax_api.errors import create_route, error_responses
from addax_api.projects import service
from addax_api.projects.schemas import MemberAdd, MemberOut, MemberUpdate, ProjectCreate, ProjectOut, ProjectUpdate
from addax_api.scope import SIGNED_IN_RESPONSES, ProjectAdmin, ProjectViewer
from addax_api.security import AdminUser, ViewerUser
from addax_api.uow import UoW
from addax_api.validation import MAX_INT32

router = APIRouter(prefix="/api/projects", tags=["projects"], responses=SIGNED_IN_RESPONSES)
# The routes under one project's slug: an unknown project (or one you cannot see) is a 404 for each of them,
# declared once here; included into `router` at the end of this module.
project_router = APIRouter(responses=error_responses(404))

DB = Annotated[Session, Depends(get_db)]
UserId = Annotated[int, Path(ge=1, le=MAX_INT32)]


@router.get("", name="list", summary="The projects you are a member of, with your role")
def list_projects(user: ViewerUser, db: DB) -> list[ProjectOut]:
    return service.list_mine(db, user)


@create_route(router, "Create a project (server admin); you become its admin")
def create_project(body: ProjectCreate, user: AdminUser, uow: UoW) -> ProjectOut:
    return service.create(uow, user, body)


@project_router.get("/{slug}", name="get", summary="One project")
def get_project(scope: ProjectViewer) -> ProjectOut:
    return service.out(scope.project, scope.role)


@project_router.patch(
    "/{slug}",
    name="update",
    summary="Change a project's name, description, time zone, intervals, species or thresholds (project admin)",
)
def update_project(body: ProjectUpdate, scope: ProjectAdmin, uow: UoW) -> ProjectOut:
    return service.update(uow, scope, body)


@project_router.post(
    "/{slug}/archive",
    name="archive",
    summary="Archive a project (project admin); its data stays readable",
)
def archive_project(scope: ProjectAdmin, uow: UoW) -> ProjectOut:
    return service.set_archived(uow, scope, True)


@project_router.post(
    "/{slug}/unarchive",
    name="unarchive",
    summary="Bring an archived project back (project admin)",
)
def unarchive_project(scope: ProjectAdmin, uow: UoW) -> ProjectOut:
    return service.set_archived(uow, scope, False)


@project_router.get(
    "/{slug}/members",
    name="members",
    summary="Members of a project with their roles (project admin)",
)
def list_members(scope: ProjectAdmin, db: DB) -> list[MemberOut]:
    return service.members(db, scope)


@create_route(
    project_router, "Add a user to a project with a role (project admin)", path="/{slug}/members", name="add_member"
)
def add_member(body: MemberAdd, scope: ProjectAdmin, uow: UoW) -> MemberOut:
    return service.add_member(uow, scope, body)


@project_router.patch(
    "/{slug}/members/{user_id}",
    name="update_member",
    summary="Change a member's role (project admin); the last admin cannot be demoted",
    responses=error_responses(409),
)
def update_member(user_id: UserId, body: MemberUpdate, scope: ProjectAdmin, uow: UoW) -> MemberOut:
    return service.update_member(uow, scope, user_id, body)


@project_router.delete(
    "/{slug}/members/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    name="remove_member",
    summary="Remove a member (project admin); the last admin cannot be removed",
    responses=error_responses(409),
)
def remove_member(user_id: UserId, scope: ProjectAdmin, uow: UoW) -> None:
    service.remove_member(uow, scope, user_id)


router.include_router(project_router)
