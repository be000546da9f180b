"""The project of a request: resolved once from the `{slug}` path parameter and the signed-in user.

A project the user is not a member of answers 404, exactly like a project that does not exist, so
nobody learns which projects exist. Server administrators (users.role = admin) are admins of every
project. Every project-scoped route declares its minimum project role with ProjectViewer,
ProjectAnalyst or ProjectAdmin (route-matrix test: services/api/tests/test_route_matrix.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from addax_api.deps import get_db
from addax_api.errors import Forbidden, NotFound, Unauthorized, error_responses
from addax_api.response_cache import request_data_version
from addax_api.scope_cache import ScopeCache, ScopeRow
from addax_api.security import ROLE_RANK, Credentials, signed_in, token_claims
from addax_common.db import Project, ProjectMember, User, UserRole
from addax_common.ftp_accounts import PROJECT_SLUG_PATTERN

SLUG_PATTERN = PROJECT_SLUG_PATTERN
READS = frozenset({"GET", "HEAD"})
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


def visible_projects(db: Session, user: User) -> frozenset[int] | None:
    """Ids of the projects the user is a member of; None for server admins (every project)."""
    if is_server_admin(user):
        return None
    return frozenset(db.scalars(select(ProjectMember.project_id).where(ProjectMember.user_id == user.id)).all())


def scope_of(user: User, project: Project | None, membership: str | None) -> ProjectScope:
    if project is not None:
        if is_server_admin(user):
            return ProjectScope(project=project, user=user, role=UserRole.ADMIN)
        if membership is not None:
            return ProjectScope(project=project, user=user, role=UserRole(membership))
    raise NotFound("project not found")


async def project_scope(
    slug: Slug, request: Request, credentials: Credentials, db: Annotated[Session, Depends(get_db)]
) -> ProjectScope:
    # The token's user, the project and the membership: every project-scoped request needs them. A read
    # finds them in memory when nothing changed since they were last read (scope_cache.py); otherwise one
    # round trip reads all three (docs/performance.md).
    claims = token_claims(request, credentials)
    cache: ScopeCache = request.app.state.scope_cache
    version = await request_data_version(request) if request.method in READS else None
    row = cache.get(db, version, claims.user_id, slug)
    if row is None:
        row = await run_in_threadpool(_scope_row, db, claims.user_id, slug)
        if row is None:  # the token's user no longer exists
            raise Unauthorized("user is inactive or no longer exists")
        cache.put(version, slug, row)
    return scope_of(signed_in(request, row.user), row.project, row.role)


def _scope_row(db: Session, user_id: int, slug: str) -> ScopeRow | None:
    row = db.execute(
        select(User, Project, ProjectMember.role)
        .select_from(User)
        .outerjoin(Project, Project.slug == slug)
        .outerjoin(ProjectMember, and_(ProjectMember.project_id == Project.id, ProjectMember.user_id == User.id))
        .where(User.id == user_id)
    ).first()
    return ScopeRow(row[0], row[1], row[2]) if row is not None else None


def resolve(db: Session, user: User, slug: str) -> ProjectScope:
    """Another project's scope for the signed-in user (moving a camera there): 404 unless a member."""
    row = db.execute(
        select(Project, ProjectMember.role)
        .outerjoin(ProjectMember, and_(ProjectMember.project_id == Project.id, ProjectMember.user_id == user.id))
        .where(Project.slug == slug)
    ).first()
    return scope_of(user, row[0], row[1]) if row is not None else scope_of(user, None, None)


def require_project_role(minimum: UserRole) -> Callable[[ProjectScope], Awaitable[ProjectScope]]:
    """A dependency that lets through members of the path's project whose role there is `minimum` or higher."""

    # async: no I/O here, so FastAPI need not hop to the thread pool for it.
    async def dependency(scope: Annotated[ProjectScope, Depends(project_scope)]) -> ProjectScope:
        if not scope.allows(minimum):
            raise Forbidden(f"this action requires the {minimum.value} role in this project")
        return scope

    dependency.required_project_role = minimum  # type: ignore[attr-defined]
    return dependency


ProjectViewer = Annotated[ProjectScope, Depends(require_project_role(UserRole.VIEWER))]
ProjectAnalyst = Annotated[ProjectScope, Depends(require_project_role(UserRole.ANALYST))]
ProjectAdmin = Annotated[ProjectScope, Depends(require_project_role(UserRole.ADMIN))]


def project_scoped_router(path: str, tag: str) -> APIRouter:
    """A router for the routes under ``/api/projects/{slug}<path>``. Every one of them can answer 401 (not
    signed in), 403 (no role in the project) and 404 (unknown project, or one you cannot see): declared once
    here, not per route."""
    return APIRouter(prefix=f"/api/projects/{{slug}}{path}", tags=[tag], responses=error_responses(401, 403, 404))


# Every signed-in route outside a project (your projects, users, the server admins' pages) can answer 401
# (not signed in) and 403 (the user's role is not enough): their routers declare it once with
# `APIRouter(prefix=..., tags=..., responses=SIGNED_IN_RESPONSES)`, not per route.
SIGNED_IN_RESPONSES = error_responses(401, 403)
