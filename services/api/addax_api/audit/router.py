from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from addax_api.audit import service
from addax_api.audit.schemas import AuditLogPage
from addax_api.deps import get_db
from addax_api.pagination import Limit500, PageParam
from addax_api.scope import SIGNED_IN_RESPONSES, ProjectAdmin, project_scoped_router
from addax_api.security import AdminUser
from addax_api.validation import DATE_OR_DATETIME_PATTERN, DATE_PARAM_DESCRIPTION, MAX_INT32, Text64

router = APIRouter(prefix="/api/audit-logs", tags=["audit"], responses=SIGNED_IN_RESPONSES)
project_router = project_scoped_router("/audit-logs", "audit")

DB = Annotated[Session, Depends(get_db)]


@dataclass(frozen=True)
class AuditFilters:
    page: int
    limit: int
    user_id: int | None
    action: str | None
    resource_type: str | None
    resource_id: str | None
    date_from: str | None
    date_to: str | None


async def audit_filters(
    page: PageParam = 1,
    limit: Limit500 = 50,
    user_id: Annotated[int | None, Query(ge=1, le=MAX_INT32)] = None,
    action: Annotated[
        Text64 | None, Query(description="Exact action (`image.review`), or a prefix ending in a dot (`image.`)")
    ] = None,
    resource_type: Annotated[Text64 | None, Query()] = None,
    resource_id: Annotated[Text64 | None, Query()] = None,
    date_from: Annotated[str | None, Query(pattern=DATE_OR_DATETIME_PATTERN, description=DATE_PARAM_DESCRIPTION)] = None,
    date_to: Annotated[str | None, Query(pattern=DATE_OR_DATETIME_PATTERN, description=DATE_PARAM_DESCRIPTION)] = None,
) -> AuditFilters:
    return AuditFilters(page, limit, user_id, action, resource_type, resource_id, date_from, date_to)


Filters = Annotated[AuditFilters, Depends(audit_filters)]


def _search(db: Session, f: AuditFilters, project_id: int | None) -> AuditLogPage:
    start, end = service.date_bounds(f.date_from, f.date_to)
    return service.search(
        db,
        page=f.page,
        limit=f.limit,
        project_id=project_id,
        user_id=f.user_id,
        action=f.action,
        resource_type=f.resource_type,
        resource_id=f.resource_id,
        date_from=start,
        date_to=end,
    )


@router.get(
    "",
    name="list",
    summary="Search the whole audit log, server-wide changes included (server admin)",
)
def list_audit_logs(user: AdminUser, db: DB, filters: Filters) -> AuditLogPage:
    return _search(db, filters, None)


@project_router.get(
    "", name="list_project", summary="Search the audit log of a project (project admin)"
)
def list_project_audit_logs(scope: ProjectAdmin, db: DB, filters: Filters) -> AuditLogPage:
    return _search(db, filters, scope.project_id)
