"""System health: an Alertmanager webhook payload (version 4) -> one alert log per alert and status.

Alertmanager repeats itself (every group_interval while a group changes, every repeat_interval, and
after a failed post), so each alert is keyed by fingerprint + status + startsAt: a resend fires
nothing new, the resolve fires once, and the same alert firing again later (a new startsAt) fires
again. The logs belong to the enabled system rules (server admins, no project); when the server has
no system rule at all, the first alert creates the built-in "System health" rule with every enabled
server-wide channel. A rule the admins switched off stays off: the alerts are acknowledged unrecorded.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from addax_alerts.firing import Fired, Firing, RuleRef, announce, fire_all
from addax_common.context import ServiceContext
from addax_common.db import AlertChannel, AlertRule, LogKind, RuleKind, TriggerMode
from addax_common.logging import get_logger

log = get_logger(__name__)
BUILT_IN_RULE = "System health"
# pg_advisory_xact_lock key: two first payloads at once create one built-in rule, not two.
_CREATE_LOCK = 0x5359_5354  # "SYST"


class AlertmanagerAlert(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="ignore")

    status: Literal["firing", "resolved"]
    labels: dict[str, str] = Field(min_length=1)
    annotations: dict[str, str] = Field(default_factory=dict)
    starts_at: datetime = Field(alias="startsAt")
    ends_at: datetime | None = Field(default=None, alias="endsAt")
    generator_url: str = Field(default="", alias="generatorURL")
    fingerprint: str = Field(min_length=1, max_length=64, pattern=r"^[0-9A-Za-z]+$")


class AlertmanagerPayload(BaseModel):
    """The fields of Alertmanager's webhook body this service reads (version "4")."""

    model_config = ConfigDict(populate_by_name=True, extra="ignore")

    version: Literal["4"]
    status: Literal["firing", "resolved"]
    receiver: str = ""
    external_url: str = Field(default="", alias="externalURL")
    alerts: list[AlertmanagerAlert] = Field(min_length=1, max_length=1000)


def dedup_key(alert: AlertmanagerAlert) -> str:
    return f"am:{alert.fingerprint}:{alert.status}:{alert.starts_at.isoformat()}"


def describe(alert: AlertmanagerAlert) -> str:
    name = alert.labels.get("alertname", "unnamed alert")
    summary = alert.annotations.get("summary") or alert.annotations.get("description") or ""
    return f"{alert.status.upper()}: {name}" + (f" - {summary}" if summary else "")


def alert_payload(alert: AlertmanagerAlert, external_url: str) -> dict[str, Any]:
    resolved = alert.status == "resolved"
    return {
        "headline": describe(alert),
        "alertname": alert.labels.get("alertname"),
        "status": alert.status,
        "severity": alert.labels.get("severity"),
        "labels": alert.labels,
        "annotations": alert.annotations,
        "starts_at": alert.starts_at.isoformat(),
        "ends_at": alert.ends_at.isoformat() if resolved and alert.ends_at else None,
        "local_time": (alert.ends_at if resolved and alert.ends_at else alert.starts_at).isoformat(),
        "fingerprint": alert.fingerprint,
        "generator_url": alert.generator_url,
        "external_url": external_url,
    }


def system_rules(session: Session) -> list[RuleRef]:
    """The enabled system rules; creates the built-in one when the server has none at all."""
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CREATE_LOCK})
    rows = [(rule_id, name, enabled, mode) for rule_id, name, enabled, mode in session.execute(
        select(AlertRule.id, AlertRule.name, AlertRule.enabled, AlertRule.mode)
        .where(AlertRule.kind == RuleKind.SYSTEM).order_by(AlertRule.id)
    )]
    if not rows:
        rule = AlertRule(project_id=None, name=BUILT_IN_RULE, kind=RuleKind.SYSTEM, conditions={},
                         mode=TriggerMode.IMMEDIATE)
        rule.channels = list(session.scalars(
            select(AlertChannel).where(AlertChannel.project_id.is_(None), AlertChannel.enabled.is_(True))
            .order_by(AlertChannel.id)
        ))
        session.add(rule)
        session.flush()
        log.info("system_rule_created", rule_id=rule.id, channels=[c.id for c in rule.channels])
        rows = [(rule.id, rule.name, True, rule.mode)]
    return [RuleRef(id=rule_id, name=name, kind=RuleKind.SYSTEM.value, project_id=None, mode=mode)
            for rule_id, name, enabled, mode in rows if enabled]


def receive(ctx: ServiceContext, payload: AlertmanagerPayload) -> list[Fired]:
    """Record every alert of the payload for every enabled system rule, then notify (after commit)."""
    unique = {dedup_key(alert): alert for alert in payload.alerts}
    with ctx.sessions.begin() as session:
        rules = system_rules(session)
        fired = fire_all(session, [
            Firing(rule, LogKind.SYSTEM, key, describe(alert), alert_payload(alert, payload.external_url))
            for rule in rules for key, alert in unique.items()
        ])
    announce(ctx, fired)
    log.info("alertmanager_payload", alerts=len(payload.alerts), rules=[r.id for r in rules], fired=len(fired),
             status=payload.status, receiver=payload.receiver)
    return fired
