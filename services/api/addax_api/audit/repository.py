from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from addax_common.db import AuditLog


def add(db: Session, **values: Any) -> AuditLog:
    row = AuditLog(**values)
    db.add(row)
    return row


def search(
    db: Session,
    *,
    project_id: int | None,
    user_id: int | None,
    action: str | None,
    resource_type: str | None,
    resource_id: str | None,
    date_from: datetime | None,
    date_to: datetime | None,
    offset: int,
    limit: int,
) -> tuple[list[AuditLog], int]:
    conditions = []
    if project_id is not None:
        conditions.append(AuditLog.project_id == project_id)
    if user_id is not None:
        conditions.append(AuditLog.user_id == user_id)
    if action:
        # "image.review" matches exactly; "image." (trailing dot) matches every action of that resource.
        conditions.append(AuditLog.action.startswith(action, autoescape=True) if action.endswith(".") else AuditLog.action == action)
    if resource_type:
        conditions.append(AuditLog.resource_type == resource_type)
    if resource_id:
        conditions.append(AuditLog.resource_id == resource_id)
    if date_from is not None:
        conditions.append(AuditLog.created_at >= date_from)
    if date_to is not None:
        conditions.append(AuditLog.created_at < date_to)
    total = db.scalar(select(func.count()).select_from(AuditLog).where(*conditions)) or 0
    rows = db.scalars(
        select(AuditLog).where(*conditions).order_by(AuditLog.created_at.desc(), AuditLog.id.desc()).offset(offset).limit(limit)
    ).all()
    return list(rows), total
