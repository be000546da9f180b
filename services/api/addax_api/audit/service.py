"""The audit trail: who changed what, when and from where. Rows are written in the same transaction
as the change they describe, so a change without its audit row cannot be committed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from addax_api.audit import repository
from addax_api.audit.schemas import AuditLogOut, AuditLogPage
from addax_api.deps import client_ip, user_agent
from addax_common.db import User


@dataclass(frozen=True)
class Actor:
    """The person (or process) behind a change, and where the request came from."""

    user_id: int | None
    email: str | None
    ip: str | None = None
    user_agent: str | None = None

    @classmethod
    def from_request(cls, request: Request, user: User | None) -> Actor:
        return cls(
            user_id=user.id if user else None,
            email=user.email if user else None,
            ip=client_ip(request),
            user_agent=user_agent(request),
        )


def record(
    db: Session,
    actor: Actor,
    action: str,
    resource_type: str,
    resource_id: object = None,
    details: dict[str, Any] | None = None,
    *,
    project_id: int | None = None,
) -> None:
    """Append an audit row; `project_id` is the project the change belongs to (None: server-wide)."""
    repository.add(
        db,
        project_id=project_id,
        user_id=actor.user_id,
        user_email=actor.email,
        action=action,
        resource_type=resource_type,
        resource_id=str(resource_id) if resource_id is not None else None,
        details=details or {},
        ip_address=actor.ip,
        user_agent=actor.user_agent,
    )


def search(db: Session, *, page: int, limit: int, **filters: Any) -> AuditLogPage:
    rows, total = repository.search(db, offset=(page - 1) * limit, limit=limit, **filters)
    return AuditLogPage.build([AuditLogOut.model_validate(r) for r in rows], total, page, limit)


def date_bounds(date_from: str | None, date_to: str | None) -> tuple[datetime | None, datetime | None]:
    from addax_api.validation import parse_date_bound

    return parse_date_bound(date_from, "date_from", upper=False), parse_date_bound(date_to, "date_to", upper=True)
