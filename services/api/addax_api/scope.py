"""The project of a request: resolved once from the `{slug}` path parameter and the signed-in user.

A project the user is not a member of answers 404, exactly like a project that does not exist, so
nobody learns which projects exist. Server administrators (users.role = admin) are admins of every
project. Every project-scoped route declares its minimum project role with ProjectViewer,
ProjectAnalyst or ProjectAdmin (route-matrix test: services/api/tests/test_route_matrix.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path
from sqlalchemy import select
from sqlalchemy.orm import Session

from addax_api.deps import get_db
from addax_api.errors import Forbidden, NotFound
from addax_api.security import ROLE_RANK, get_current_user
from addax_common.db import Project, ProjectMember, User, UserRole
from addax_common.ftp_accounts import PROJECT_SLUG_PATTERN

SLUG_PATTERN = PROJECT_SLUG_PATTERN
Slug = Annotated[
    str,
    Path(
        min_length=1,
        max_length=64,
        pattern=SLUG_PATTERN,
        description="Project slug: lowercase letters, digits and inner hyphens",
    ),
]


@dataclass(frozen=True)
class ProjectScope:
    """The current project, the user, and the user's role in it (admin for server admins)."""

    project: Project
    user: User
    role: UserRole

    @property
    def project_id(self) -> int:
        return self.project.id

    @property
    def is_server_admin(self) -> bool:
        return is_server_admin(self.user)

    def allows(self, minimum: UserRole) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[minimum]


def is_server_admin(user: User) -> bool:
    return UserRole(user.role) == UserRole.ADMIN


def member_role(db: Session, user: User, project_id: int) -> UserRole | None:
    """The user's role in a project: admin for server admins, the membership's role, or None."""
    if is_server_admin(user):
        return UserRole.ADMIN
    role = db.scalar(
        select(ProjectMember.role).where(ProjectMember.project_id == project_id, ProjectMember.user_id == user.id)
    )
    return UserRole(role) if role is not None else None


def visible_projects(db: Session, user: User) -> frozenset[int] | None:
    """Ids of the projects the user is a member of; None for server admins (every project)."""
    if is_server_admin(user):
        return None
    return frozenset(db.scalars(select(ProjectMember.project_id).where(ProjectMember.user_id == user.id)).all())


def resolve(db: Session, user: User, slug: str) -> ProjectScope:
    project = db.scalar(select(Project).where(Project.slug == slug))
    role = member_role(db, user, project.id) if project is not None else None
    if project is None or role is None:
        raise NotFound("project not found")
    return ProjectScope(project=project, user=user, role=role)


def project_scope(
    slug: Slug, user: Annotated[User, Depends(get_current_user)], db: Annotated[Session, Depends(get_db)]
) -> ProjectScope:
    return resolve(db, user, slug)


def require_project_role(minimum: UserRole):
    """A dependency that lets through members of the path's project whose role there is `minimum` or higher."""

    def dependency(scope: Annotated[ProjectScope, Depends(project_scope)]) -> ProjectScope:
        if not scope.allows(minimum):
            raise Forbidden(f"this action requires the {minimum.value} role in this project")
        return scope

    dependency.required_project_role = minimum  # type: ignore[attr-defined]
    return dependency


ProjectViewer = Annotated[ProjectScope, Depends(require_project_role(UserRole.VIEWER))]
ProjectAnalyst = Annotated[ProjectScope, Depends(require_project_role(UserRole.ANALYST))]
ProjectAdmin = Annotated[ProjectScope, Depends(require_project_role(UserRole.ADMIN))]
