"""Writing a fired alert: the alert log and its pending deliveries, in the caller's transaction; then,
after commit, the wake-up messages, the live event and the metric.

Used by rule evaluation, the health checks and digests alike, so every alert takes the same path.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from addax_alerts.channels import CHANNELS
from addax_alerts.metrics import ALERTS_FIRED
from addax_common.context import ServiceContext
from addax_common.db.alerts import (
    AlertChannel,
    AlertDelivery,
    AlertLog,
    LogKind,
    TriggerMode,
    alert_rule_channels,
)
from addax_common.events import ALERT_FIRED
from addax_common.logging import get_logger
from addax_common.reliable_queue import QUEUE_ALERT_DELIVERIES

log = get_logger(__name__)


@dataclass(frozen=True)
class RuleRef:
    """What firing needs to know about a rule (a plain value: no ORM object crosses threads)."""

    id: int
    name: str
    kind: str
    project_id: int | None
    mode: TriggerMode


@dataclass
class Fired:
    log_id: int
    rule: RuleRef
    kind: LogKind
    camera_id: int | None
    image_id: uuid.UUID | None
    reason: str
    payload: dict[str, Any]
    fired_at: datetime
    delivery_ids: list[int] = field(default_factory=list)


def idempotency_key(log_id: int, channel_id: int, recipient: str) -> str:
    return hashlib.sha256(f"addax-alert:{log_id}:{channel_id}:{recipient}".encode()).hexdigest()


def fire(session: Session, rule: RuleRef, *, kind: LogKind, dedup_key: str, reason: str, payload: dict[str, Any],
         camera_id: int | None = None, image_id: uuid.UUID | None = None) -> Fired | None:
    """Insert the alert log (nothing when this rule already fired for `dedup_key`) and, unless the rule
    waits for a digest, one pending delivery per channel x recipient. Returns None for a repeat."""
    row = session.execute(
        insert(AlertLog)
        .values(rule_id=rule.id, project_id=rule.project_id, kind=kind, dedup_key=dedup_key[:200], reason=reason,
                payload={"rule_name": rule.name, **payload}, camera_id=camera_id, image_id=image_id)
        .on_conflict_do_nothing(constraint="uq_alert_logs_rule_dedup")
        .returning(AlertLog.id, AlertLog.fired_at)
    ).first()
    if row is None:
        return None
    fired = Fired(log_id=row.id, rule=rule, kind=kind, camera_id=camera_id, image_id=image_id, reason=reason,
                  payload=payload, fired_at=row.fired_at)
    if rule.mode is TriggerMode.IMMEDIATE or kind is LogKind.DIGEST:
        fired.delivery_ids = add_deliveries(session, rule.id, fired.log_id)
    return fired


def add_deliveries(session: Session, rule_id: int, log_id: int) -> list[int]:
    channels = session.execute(
        select(AlertChannel.id, AlertChannel.kind, AlertChannel.settings)
        .join(alert_rule_channels, alert_rule_channels.c.channel_id == AlertChannel.id)
        .where(alert_rule_channels.c.rule_id == rule_id, AlertChannel.enabled.is_(True))
    ).all()
    values: list[dict[str, Any]] = []
    for channel_id, kind, settings in channels:
        cls = CHANNELS.get(kind.value)
        recipients = [str(r) for r in settings.get("recipients", [])] if cls and cls.has_recipients else [""]
        values.extend(
            {"alert_log_id": log_id, "channel_id": channel_id, "recipient": recipient,
             "idempotency_key": idempotency_key(log_id, channel_id, recipient)}
            for recipient in dict.fromkeys(recipients)  # a recipient listed twice is notified once
        )
    if not values:
        return []
    return list(session.scalars(
        insert(AlertDelivery).values(values).on_conflict_do_nothing().returning(AlertDelivery.id)
    ).all())


def announce(ctx: ServiceContext, fired: list[Fired]) -> None:
    """After commit: wake the delivery loop, tell the live feed, count. A crash before this line loses
    nothing: the scheduler's reconciler queues pending deliveries again."""
    queue = ctx.queue(QUEUE_ALERT_DELIVERIES)
    for item in fired:
        for delivery_id in item.delivery_ids:
            queue.push(str(delivery_id))
        ALERTS_FIRED.labels(item.rule.kind).inc()
        ctx.events.publish(
            ALERT_FIRED, image_id=item.image_id, camera_id=item.camera_id, project_id=item.rule.project_id,
            alert_id=item.log_id, rule_id=item.rule.id, rule_name=item.rule.name, kind=item.kind.value,
            reason=item.reason, species=item.payload.get("species", []),
        )
        log.info("alert_fired", alert_id=item.log_id, rule_id=item.rule.id, kind=item.kind.value,
                 camera_id=item.camera_id, image_id=str(item.image_id) if item.image_id else None,
                 deliveries=len(item.delivery_ids))
