"""Projects: listing (mine, with my role), create (server admin), settings, archive, members."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from addax_api.audit.service import record
from addax_api.errors import Conflict, NotFound
from addax_api.projects import repository
from addax_api.projects.schemas import (
    MemberAdd,
    MemberOut,
    MemberUpdate,
    ProjectCreate,
    ProjectOut,
    ProjectUpdate,
    Thresholds,
)
from addax_api.scope import ProjectScope, is_server_admin
from addax_api.uow import UnitOfWork
from addax_api.users import repository as users_repository
from addax_common import sequences
from addax_common.db import Project, ProjectMember, User, UserRole


def out(project: Project, role: UserRole) -> ProjectOut:
    return ProjectOut(
        id=project.id,
        slug=project.slug,
        name=project.name,
        description=project.description,
        timezone=project.timezone,
        independence_interval_minutes=project.independence_interval_minutes,
        sequence_gap_seconds=project.sequence_gap_seconds,
        allowed_species=list(project.allowed_species or []),
        geofence_countries=list(project.geofence_countries or []),
        thresholds=Thresholds(**(project.thresholds or {})),
        created_at=project.created_at,
        archived_at=project.archived_at,
        role=role,
    )


def list_mine(db: Session, user: User) -> list[ProjectOut]:
    if is_server_admin(user):
        return [out(p, UserRole.ADMIN) for p in repository.all_projects(db)]
    return [out(p, role) for p, role in repository.memberships(db, user.id)]


def _settings(data: ProjectCreate | ProjectUpdate) -> dict[str, Any]:
    values = data.model_dump(exclude_unset=True, exclude={"slug"})
    if "thresholds" in values:
        values["thresholds"] = {k: v for k, v in (values["thresholds"] or {}).items() if v is not None}
    if "allowed_species" in values:
        values["allowed_species"] = list(dict.fromkeys(values["allowed_species"] or []))
    if "geofence_countries" in values:
        values["geofence_countries"] = list(dict.fromkeys(values["geofence_countries"] or []))
    for required in ("name", "timezone", "independence_interval_minutes", "sequence_gap_seconds"):
        if required in values and values[required] is None:
            values.pop(required)
    return values


def create(uow: UnitOfWork, user: User, data: ProjectCreate) -> ProjectOut:
    db = uow.db
    if repository.by_slug(db, data.slug) is not None:
        raise Conflict(f"the slug {data.slug!r} is taken")
    project = Project(slug=data.slug, **_settings(data))
    db.add(project)
    try:
        db.flush()
    except IntegrityError as exc:  # a concurrent create with the same slug
        raise Conflict(f"the slug {data.slug!r} is taken") from exc
    # The creator administers the project, so it never starts without an admin.
    db.add(ProjectMember(project_id=project.id, user_id=user.id, role=UserRole.ADMIN))
    record(db, uow.actor, "project.create", "project", project.id, {"slug": project.slug}, project_id=project.id)
    db.flush()
    db.refresh(project)
    return out(project, UserRole.ADMIN)


def update(uow: UnitOfWork, scope: ProjectScope, data: ProjectUpdate) -> ProjectOut:
    project = scope.project
    changes: dict[str, Any] = {}
    for field, value in _settings(data).items():
        if getattr(project, field) != value:
            setattr(project, field, value)
            changes[field] = value
    if changes:
        record(uow.db, uow.actor, "project.update", "project", project.id, {"changes": changes}, project_id=project.id)
    uow.db.flush()
    if "sequence_gap_seconds" in changes:
        sequences.recompute_project(uow.db, project.id)
    if changes.keys() & {"sequence_gap_seconds", "independence_interval_minutes"}:
        uow.invalidate_stats(project.id)
    return out(project, scope.role)


def set_archived(uow: UnitOfWork, scope: ProjectScope, archived: bool) -> ProjectOut:
    project = scope.project
    if (project.archived_at is not None) != archived:
        project.archived_at = datetime.now(UTC) if archived else None
        action = "project.archive" if archived else "project.unarchive"
        record(uow.db, uow.actor, action, "project", project.id, {"slug": project.slug}, project_id=project.id)
        uow.db.flush()
    return out(project, scope.role)


# --- members ------------------------------------------------------------------------------------
def members(db: Session, scope: ProjectScope) -> list[MemberOut]:
    return members_of(db, scope.project_id)


def _member_out(db: Session, project_id: int, user_id: int) -> MemberOut:
    return next(m for m in members_of(db, project_id) if m.user_id == user_id)


def members_of(db: Session, project_id: int) -> list[MemberOut]:
    return [
        MemberOut(user_id=m.user_id, email=e, full_name=f, role=UserRole(m.role), is_active=a, created_at=m.created_at)
        for m, e, f, a in repository.members(db, project_id)
    ]


def add_member(uow: UnitOfWork, scope: ProjectScope, data: MemberAdd) -> MemberOut:
    db = uow.db
    repository.lock(db, scope.project_id)
    user = (
        db.get(User, data.user_id) if data.user_id is not None else users_repository.get_by_email(db, data.email or "")
    )
    if user is None:
        raise NotFound("no user with that e-mail" if data.user_id is None else "user not found")
    if repository.member(db, scope.project_id, user.id) is not None:
        raise Conflict("the user is already a member; change the role instead")
    db.add(ProjectMember(project_id=scope.project_id, user_id=user.id, role=data.role))
    details = {"user_id": user.id, "role": data.role.value}
    record(db, uow.actor, "project.member_add", "project", scope.project_id, details, project_id=scope.project_id)
    db.flush()
    return _member_out(db, scope.project_id, user.id)


def _keep_an_admin(db: Session, membership: ProjectMember, new_role: UserRole | None) -> None:
    losing_admin = UserRole(membership.role) == UserRole.ADMIN and new_role != UserRole.ADMIN
    if losing_admin and repository.admin_count(db, membership.project_id) <= 1:
        raise Conflict("a project needs at least one admin; make someone else admin first")


def update_member(uow: UnitOfWork, scope: ProjectScope, user_id: int, data: MemberUpdate) -> MemberOut:
    db = uow.db
    repository.lock(db, scope.project_id)
    membership = repository.member(db, scope.project_id, user_id)
    if membership is None:
        raise NotFound("member not found")
    _keep_an_admin(db, membership, data.role)
    previous = UserRole(membership.role)
    if previous != data.role:
        membership.role = data.role
        details = {"user_id": user_id, "from": previous.value, "to": data.role.value}
        record(db, uow.actor, "project.member_role", "project", scope.project_id, details, project_id=scope.project_id)
        db.flush()
    return _member_out(db, scope.project_id, user_id)


def remove_member(uow: UnitOfWork, scope: ProjectScope, user_id: int) -> None:
    db = uow.db
    repository.lock(db, scope.project_id)
    membership = repository.member(db, scope.project_id, user_id)
    if membership is None:
        raise NotFound("member not found")
    _keep_an_admin(db, membership, None)
    details = {"user_id": user_id, "role": UserRole(membership.role).value}
    db.delete(membership)
    record(db, uow.actor, "project.member_remove", "project", scope.project_id, details, project_id=scope.project_id)
    db.flush()
