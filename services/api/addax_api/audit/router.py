from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from addax_api.audit import service
from addax_api.audit.schemas import AuditLogPage
from addax_api.deps import get_db
from addax_api.errors import error_responses
from addax_api.pagination import PageParam, limit_param
from addax_api.security import AdminUser
from addax_api.validation import DATE_OR_DATETIME_PATTERN, DATE_PARAM_DESCRIPTION, MAX_INT32, text

router = APIRouter(prefix="/api/audit-logs", tags=["audit"], responses=error_responses(401, 403))


@router.get("", response_model=AuditLogPage, name="list", summary="Search the audit log (admin)")
def list_audit_logs(
    user: AdminUser,
    db: Annotated[Session, Depends(get_db)],
    page: PageParam = 1,
    limit: limit_param(50, 500) = 50,
    user_id: Annotated[int | None, Query(ge=1, le=MAX_INT32)] = None,
    action: Annotated[
        text(64) | None, Query(description="Exact action (`image.review`), or a prefix ending in a dot (`image.`)")
    ] = None,
    resource_type: Annotated[text(64) | None, Query()] = None,
    resource_id: Annotated[text(64) | None, Query()] = None,
    date_from: Annotated[str | None, Query(pattern=DATE_OR_DATETIME_PATTERN, description=DATE_PARAM_DESCRIPTION)] = None,
    date_to: Annotated[str | None, Query(pattern=DATE_OR_DATETIME_PATTERN, description=DATE_PARAM_DESCRIPTION)] = None,
) -> AuditLogPage:
    start, end = service.date_bounds(date_from, date_to)
    return service.search(
        db,
        page=page,
        limit=limit,
        user_id=user_id,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        date_from=start,
        date_to=end,
    )
