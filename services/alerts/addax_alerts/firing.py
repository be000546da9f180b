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

from addax_alerts.metrics import ALERTS_FIRED
from addax_common.alerts.channels import CHANNELS
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


@dataclass(frozen=True)
class Firing:
    """One alert to write (see `fire_all`)."""

    rule: RuleRef
    kind: LogKind
    dedup_key: str
    reason: str
    payload: dict[str, Any]
    camera_id: int | None = None
    image_id: uuid.UUID | None = None


def fire(session: Session, rule: RuleRef, *, kind: LogKind, dedup_key: str, reason: str, payload: dict[str, Any],
         camera_id: int | None = None, image_id: uuid.UUID | None = None) -> Fired | None:
    """One alert; None when this rule already fired for `dedup_key`."""
    fired = fire_all(session, [Firing(rule, kind, dedup_key, reason, payload, camera_id, image_id)])
    return fired[0] if fired else None


def fire_all(session: Session, firings: list[Firing]) -> list[Fired]:
    """Insert the alert logs (skipping any rule x dedup key that already fired) and, for every new log of
    an immediate rule (and every digest), one pending delivery per channel x recipient.

    Three statements however many alerts an image fires: the logs, the rules' channels, the deliveries."""
    if not firings:
        return []
    # executemany (insertmanyvalues): one round trip, and a compiled statement SQLAlchemy caches.
    connection = session.connection()  # Core, not the ORM bulk path: several times cheaper per row
    rows = connection.execute(
        insert(AlertLog).on_conflict_do_nothing(constraint="uq_alert_logs_rule_dedup")
        .returning(AlertLog.id, AlertLog.rule_id, AlertLog.dedup_key, AlertLog.fired_at),
        [{"rule_id": f.rule.id, "project_id": f.rule.project_id, "kind": f.kind, "dedup_key": f.dedup_key[:200],
          "reason": f.reason, "payload": {"rule_name": f.rule.name, **f.payload}, "camera_id": f.camera_id,
          "image_id": f.image_id} for f in firings],
    ).all()
    by_key = {(f.rule.id, f.dedup_key[:200]): f for f in firings}
    fired = []
    for log_id, rule_id, dedup_key, fired_at in rows:
        f = by_key[(rule_id, dedup_key)]
        fired.append(Fired(log_id=log_id, rule=f.rule, kind=f.kind, camera_id=f.camera_id, image_id=f.image_id,
                           reason=f.reason, payload=f.payload, fired_at=fired_at))
    notify = [item for item in fired if item.rule.mode is TriggerMode.IMMEDIATE or item.kind is LogKind.DIGEST]
    if notify:
        add_deliveries(session, notify)
    return fired


def add_deliveries(session: Session, fired: list[Fired]) -> None:
    channels: dict[int, list[tuple[int, list[str]]]] = {}
    for rule_id, channel_id, kind, settings in session.execute(
        select(alert_rule_channels.c.rule_id, AlertChannel.id, AlertChannel.kind, AlertChannel.settings)
        .join(alert_rule_channels, alert_rule_channels.c.channel_id == AlertChannel.id)
        .where(alert_rule_channels.c.rule_id.in_({item.rule.id for item in fired}), AlertChannel.enabled.is_(True))
    ):
        cls = CHANNELS.get(kind.value)
        recipients = [str(r) for r in settings.get("recipients", [])] if cls and cls.has_recipients else [""]
        # A recipient listed twice is notified once.
        channels.setdefault(rule_id, []).append((channel_id, list(dict.fromkeys(recipients))))
    values: list[dict[str, Any]] = [
        {"alert_log_id": item.log_id, "channel_id": channel_id, "recipient": recipient,
         "idempotency_key": idempotency_key(item.log_id, channel_id, recipient)}
        for item in fired for channel_id, recipients in channels.get(item.rule.id, []) for recipient in recipients
    ]
    if not values:
        return
    rows = session.connection().execute(
        insert(AlertDelivery).on_conflict_do_nothing().returning(AlertDelivery.id, AlertDelivery.alert_log_id), values
    ).all()
    by_log = {item.log_id: item for item in fired}
    for delivery_id, log_id in rows:
        by_log[log_id].delivery_ids.append(delivery_id)


def announce(ctx: ServiceContext, fired: list[Fired]) -> None:
    """After commit: wake the delivery loop, tell the live feed, count. A crash before this line loses
    nothing: the scheduler's reconciler queues pending deliveries again."""
    if not fired:
        return
    ctx.queue(QUEUE_ALERT_DELIVERIES).push_many([str(i) for item in fired for i in item.delivery_ids])
    ctx.events.publish_many([
        ctx.events.event(
            ALERT_FIRED, image_id=item.image_id, camera_id=item.camera_id, project_id=item.rule.project_id,
            alert_id=item.log_id, rule_id=item.rule.id, rule_name=item.rule.name, kind=item.kind.value,
            reason=item.reason, species=item.payload.get("species", []),
        )
        for item in fired
    ])
    for item in fired:
        ALERTS_FIRED.labels(item.rule.kind).inc()
    log.info("alerts_fired", alert_ids=[item.log_id for item in fired], rule_ids=[item.rule.id for item in fired],
             camera_id=fired[0].camera_id, image_id=str(fired[0].image_id) if fired[0].image_id else None,
             deliveries=sum(len(item.delivery_ids) for item in fired))
