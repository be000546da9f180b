"""Alerts over HTTP: a project's rules, channels and history under `/api/projects/{slug}/alerts`, and
the server admins' system-health rules and server-wide channels under `/api/admin/alerts`.

Both sets of rule and channel routes are the same functions with a different owner (a project id, or
None for server-wide), so they are registered by one function per resource for each router.
"""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, status
from sqlalchemy.orm import Session

from addax_api.alerts import service
from addax_api.alerts.repository import HistoryFilters
from addax_api.alerts.schemas import (
    AlertChannelCreate,
    AlertChannelOut,
    AlertChannelUpdate,
    AlertDetail,
    AlertHistoryPage,
    AlertRuleCreate,
    AlertRuleOut,
    AlertRuleUpdate,
    ChannelTestOut,
    SpeciesGroupsOut,
)
from addax_api.audit.service import date_bounds
from addax_api.deps import get_db, get_settings
from addax_api.errors import error_responses
from addax_api.pagination import Limit200, PageParam
from addax_api.scope import SIGNED_IN_RESPONSES, ProjectAdmin, ProjectViewer, project_scoped_router
from addax_api.security import AdminUser
from addax_api.uow import UoW
from addax_api.validation import DATE_OR_DATETIME_PATTERN, DATE_PARAM_DESCRIPTION, MAX_INT32, MAX_INT64, Text120
from addax_common.db.alerts import DeliveryStatus
from addax_common.settings import Settings

router = project_scoped_router("/alerts", "alerts")
admin_router = APIRouter(prefix="/api/admin/alerts", tags=["alerts"], responses=SIGNED_IN_RESPONSES)

Db = Annotated[Session, Depends(get_db)]
AppSettings = Annotated[Settings, Depends(get_settings)]
RuleId = Annotated[int, Path(ge=1, le=MAX_INT32)]
ChannelId = Annotated[int, Path(ge=1, le=MAX_INT32)]
AlertId = Annotated[int, Path(ge=1, le=MAX_INT64)]
Owner = Callable[..., int | None]


def project_member(scope: ProjectViewer) -> int:
    return scope.project_id


def project_admin(scope: ProjectAdmin) -> int:
    return scope.project_id


def server_admin(user: AdminUser) -> None:
    return None


def add_rule_routes(target: APIRouter, read: Owner, write: Owner, prefix: str, who: str) -> None:
    Reader = Annotated[int | None, Depends(read)]
    Writer = Annotated[int | None, Depends(write)]

    @target.get("/rules", name=f"{prefix}rules_list", summary=f"Alert rules ({who})")
    def list_rules(owner: Reader, db: Db) -> list[AlertRuleOut]:
        return service.list_rules(db, owner)

    @target.post("/rules", status_code=status.HTTP_201_CREATED, name=f"{prefix}rules_create",
                 summary="Create an alert rule (admin)")
    def create_rule(body: AlertRuleCreate, owner: Writer, uow: UoW, settings: AppSettings) -> AlertRuleOut:
        return service.create_rule(uow.db, settings, uow.actor, owner, body)

    @target.get("/rules/{rule_id}", name=f"{prefix}rules_get", summary=f"One alert rule ({who})",
                responses=error_responses(404))
    def get_rule(rule_id: RuleId, owner: Reader, db: Db) -> AlertRuleOut:
        return service.get_rule(db, owner, rule_id)

    @target.patch("/rules/{rule_id}", name=f"{prefix}rules_update",
                  summary="Change an alert rule (admin); only the fields sent change", responses=error_responses(404))
    def update_rule(rule_id: RuleId, body: AlertRuleUpdate, owner: Writer, uow: UoW,
                    settings: AppSettings) -> AlertRuleOut:
        return service.update_rule(uow.db, settings, uow.actor, owner, rule_id, body)

    @target.delete("/rules/{rule_id}", status_code=status.HTTP_204_NO_CONTENT, name=f"{prefix}rules_delete",
                   summary="Delete an alert rule and its history (admin)", responses=error_responses(404))
    def delete_rule(rule_id: RuleId, owner: Writer, uow: UoW) -> None:
        service.delete_rule(uow.db, uow.actor, owner, rule_id)


def add_channel_routes(target: APIRouter, write: Owner, prefix: str) -> None:
    Writer = Annotated[int | None, Depends(write)]

    @target.get("/channels", name=f"{prefix}channels_list",
                summary="Alert channels (admin: they hold recipients); secrets are never returned")
    def list_channels(owner: Writer, db: Db, settings: AppSettings) -> list[AlertChannelOut]:
        return service.list_channels(db, settings, owner)

    @target.post("/channels", status_code=status.HTTP_201_CREATED, name=f"{prefix}channels_create",
                 summary="Create an alert channel (admin)")
    def create_channel(body: AlertChannelCreate, owner: Writer, uow: UoW, settings: AppSettings) -> AlertChannelOut:
        return service.create_channel(uow.db, settings, uow.actor, owner, body)

    @target.get("/channels/{channel_id}", name=f"{prefix}channels_get", summary="One alert channel (admin)",
                responses=error_responses(404))
    def get_channel(channel_id: ChannelId, owner: Writer, db: Db, settings: AppSettings) -> AlertChannelOut:
        return service.get_channel(db, settings, owner, channel_id)

    @target.patch("/channels/{channel_id}", name=f"{prefix}channels_update",
                  summary="Change an alert channel (admin); without `secrets` the stored ones stay",
                  responses=error_responses(404))
    def update_channel(channel_id: ChannelId, body: AlertChannelUpdate, owner: Writer, uow: UoW,
                       settings: AppSettings) -> AlertChannelOut:
        return service.update_channel(uow.db, settings, uow.actor, owner, channel_id, body)

    @target.delete("/channels/{channel_id}", status_code=status.HTTP_204_NO_CONTENT,
                   name=f"{prefix}channels_delete", summary="Delete an alert channel (admin)",
                   responses=error_responses(404))
    def delete_channel(channel_id: ChannelId, owner: Writer, uow: UoW) -> None:
        service.delete_channel(uow.db, uow.actor, owner, channel_id)

    @target.post("/channels/{channel_id}/test", name=f"{prefix}channels_test",
                 summary="Send a test notification to each recipient (admin)",
                 description="Answers 200 whatever the receivers said: each recipient's result carries the "
                 "receiver's answer (`receipt`) or its refusal (`error`).", responses=error_responses(404))
    def test_channel(channel_id: ChannelId, owner: Writer, db: Db, settings: AppSettings) -> ChannelTestOut:
        # A sync route: FastAPI runs it in its threadpool, so the blocking sends never hold the event loop.
        return service.send_test(db, settings, owner, channel_id)


add_rule_routes(router, project_member, project_admin, "", "project members")
add_channel_routes(router, project_admin, "")
add_rule_routes(admin_router, server_admin, server_admin, "admin_", "server admin")
add_channel_routes(admin_router, server_admin, "admin_")


@router.get("/groups", name="groups", summary="Species groups and labels a species rule may name")
def species_groups(scope: ProjectViewer, settings: AppSettings) -> SpeciesGroupsOut:
    return service.species_groups(settings)


DateParam = Annotated[str | None, Query(pattern=DATE_OR_DATETIME_PATTERN, description=DATE_PARAM_DESCRIPTION)]


@router.get("/history", response_model=AlertHistoryPage, name="history_list",
            summary="Fired alerts of the project, newest first, with delivery counts")
def list_history(
    scope: ProjectViewer,
    db: Db,
    page: PageParam = 1,
    limit: Limit200 = 50,
    rule_id: Annotated[int | None, Query(ge=1, le=MAX_INT32)] = None,
    camera_id: Annotated[int | None, Query(ge=1, le=MAX_INT32)] = None,
    species: Annotated[Text120 | None, Query(description="A species label the alert matched")] = None,
    status: Annotated[DeliveryStatus | None, Query(description="Alerts with at least one delivery in this state")] = None,
    date_from: DateParam = None,
    date_to: DateParam = None,
) -> Any:
    start, end = date_bounds(date_from, date_to)
    filters = HistoryFilters(rule_id=rule_id, camera_id=camera_id, species=species.lower() if species else None,
                             status=status, date_from=start, date_to=end)
    return service.history(db, scope.project_id, filters, page, limit)


@router.get("/history/{alert_id}", name="history_get", summary="One fired alert with its payload and every delivery",
            responses=error_responses(404))
def get_history(alert_id: AlertId, scope: ProjectViewer, db: Db) -> AlertDetail:
    return service.alert_detail(db, scope.project_id, alert_id)
