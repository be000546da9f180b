from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from addax_common.db import Project, ProjectMember, User, UserRole


def all_projects(db: Session) -> list[Project]:
    return list(db.scalars(select(Project).order_by(Project.archived_at.is_not(None), Project.name)).all())


def memberships(db: Session, user_id: int) -> list[tuple[Project, UserRole]]:
    rows = db.execute(
        select(Project, ProjectMember.role)
        .join(ProjectMember, ProjectMember.project_id == Project.id)
        .where(ProjectMember.user_id == user_id)
        .order_by(Project.archived_at.is_not(None), Project.name)
    ).all()
    return [(project, UserRole(role)) for project, role in rows]


def by_slug(db: Session, slug: str) -> Project | None:
    return db.scalar(select(Project).where(Project.slug == slug))


def lock(db: Session, project_id: int) -> Project | None:
    """Lock the project row: membership changes of one project run one at a time (last-admin rule)."""
    return db.scalar(select(Project).where(Project.id == project_id).with_for_update())


def members(db: Session, project_id: int) -> list[Any]:
    return list(
        db.execute(
            select(ProjectMember, User.email, User.full_name, User.is_active)
            .join(User, User.id == ProjectMember.user_id)
            .where(ProjectMember.project_id == project_id)
            .order_by(User.email)
        ).all()
    )


def member(db: Session, project_id: int, user_id: int) -> ProjectMember | None:
    return db.get(ProjectMember, (project_id, user_id))


def admin_count(db: Session, project_id: int) -> int:
    stmt = select(func.count()).where(ProjectMember.project_id == project_id, ProjectMember.role == UserRole.ADMIN)
    return db.scalar(stmt) or 0
