"""Alert rules and channels of a project (or, with owner None, the server admins' system-health ones),
their history, and "send test".

Validation is the shared one (`addax_common.alerts`) that the worker also runs, so a rule the API
stores always parses in the worker; every problem is collected and raised as one AlertValidationError,
which the API answers with 422 naming each field. Channel secrets are encrypted with the secret box
before they are stored and never leave this module: responses name the secrets that are set, audit
rows name the ones that changed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from sqlalchemy.orm import Session

from addax_api.alerts import repository
from addax_api.alerts.repository import HistoryFilters
from addax_api.alerts.schemas import (
    AlertChannelCreate,
    AlertChannelOut,
    AlertChannelUpdate,
    AlertDetail,
    AlertHistoryItem,
    AlertHistoryPage,
    AlertRuleCreate,
    AlertRuleOut,
    AlertRuleUpdate,
    ChannelTestOut,
    DeliveryCounts,
    DeliveryOut,
    PolygonGeometry,
    RecipientTestResult,
    SpeciesGroupOut,
    SpeciesGroupsOut,
)
from addax_api.audit.service import Actor, record
from addax_api.errors import NotFound
from addax_common.alerts.area import area_wkt
from addax_common.alerts.channels import Channel, ChannelError, make_channel
from addax_common.alerts.conditions import parse_conditions, validate_rule_settings
from addax_common.alerts.errors import AlertValidationError
from addax_common.alerts.render import render
from addax_common.db.alerts import AlertChannel, AlertRule, RuleKind
from addax_common.logging import get_logger
from addax_common.secret_box import SecretBox, SecretBoxError
from addax_common.settings import Settings
from addax_common.species_groups import Taxonomy, default_taxonomy

log = get_logger(__name__)

PROJECT_RULE_KINDS = (RuleKind.SPECIES, RuleKind.CAMERA_HEALTH, RuleKind.CAMERA_SILENT)
RULE_FIELDS = ("name", "kind", "enabled", "conditions", "cooldown_minutes", "mode", "digest_time", "timezone")
MAX_TEST_RECIPIENTS = 20


def taxonomy(settings: Settings) -> Taxonomy:
    return default_taxonomy(settings.species_groups_file)


def species_groups(settings: Settings) -> SpeciesGroupsOut:
    tax = taxonomy(settings)
    groups = [SpeciesGroupOut(name=name, label=name[:1].upper() + name[1:], species=list(members))
              for name, members in sorted(tax.groups.items())]
    return SpeciesGroupsOut(groups=groups, labels=sorted(tax.labels))


# --- rules ---------------------------------------------------------------------------------------------
def _rule_out(rule: AlertRule, area: str | None, last_fired_at: datetime | None) -> AlertRuleOut:
    return AlertRuleOut(
        **{name: getattr(rule, name) for name in (*RULE_FIELDS, "id", "created_at", "updated_at")},
        area=PolygonGeometry.model_validate(json.loads(area)) if area else None,
        channel_ids=[channel.id for channel in rule.channels],
        last_fired_at=last_fired_at,
    )


def list_rules(db: Session, owner: int | None) -> list[AlertRuleOut]:
    return [_rule_out(*row) for row in repository.list_rules(db, owner)]


def get_rule(db: Session, owner: int | None, rule_id: int) -> AlertRuleOut:
    rule = repository.get_rule(db, owner, rule_id)
    if rule is None:
        raise NotFound("alert rule not found")
    return _rule_out(rule, *repository.area_and_last_fired(db, rule.id))


@dataclass
class _RuleChecked:
    area_wkt: str | None
    channels: list[AlertChannel]


def _check_rule(db: Session, settings: Settings, owner: int | None, values: Mapping[str, Any],
                area: dict[str, Any] | None, check_area: bool) -> _RuleChecked:
    """Every problem of a whole rule (after a PATCH: the stored rule with the changes) at once."""
    errors: list[tuple[str, str]] = []
    kind = RuleKind(values["kind"])
    allowed = PROJECT_RULE_KINDS if owner is not None else (RuleKind.SYSTEM,)
    if kind not in allowed:
        errors.append(("kind", f"must be one of {', '.join(k.value for k in allowed)} here"))
    conditions = values["conditions"]
    try:
        parse_conditions(kind, conditions, taxonomy(settings))
    except AlertValidationError as exc:
        errors += exc.within("conditions").errors
    try:
        validate_rule_settings(cooldown_minutes=values["cooldown_minutes"], mode=values["mode"],
                               digest_time=values["digest_time"], timezone=values["timezone"])
    except AlertValidationError as exc:
        errors += exc.errors
    wkt = None
    if check_area and area is not None:
        if kind is RuleKind.SYSTEM:
            errors.append(("area", "a system-health rule has no area"))
        else:
            try:
                wkt = area_wkt(area)
            except AlertValidationError as exc:
                errors += exc.errors
    cameras = conditions.get("camera_ids")
    if owner is not None and isinstance(cameras, list) and all(type(c) is int for c in cameras):
        missing = sorted(set(cameras) - repository.camera_ids_in_project(db, owner, cameras))
        if missing:
            errors.append(("conditions.camera_ids", f"no camera {missing} in this project"))
    ids = list(dict.fromkeys(values["channel_ids"]))
    channels = repository.channels_by_id(db, owner, ids)
    missing = sorted(set(ids) - {c.id for c in channels})
    if missing:
        where = "in this project" if owner is not None else "among the server-wide channels"
        errors.append(("channel_ids", f"no channel {missing} {where}"))
    if errors:
        raise AlertValidationError(errors)
    return _RuleChecked(area_wkt=wkt, channels=channels)


def create_rule(db: Session, settings: Settings, actor: Actor, owner: int | None, data: AlertRuleCreate) -> AlertRuleOut:
    values = data.model_dump(exclude={"area"})
    area = data.area.model_dump() if data.area is not None else None
    checked = _check_rule(db, settings, owner, values, area, check_area=True)
    rule = AlertRule(project_id=owner, **{name: values[name] for name in RULE_FIELDS})
    rule.area = repository.area_element(checked.area_wkt) if checked.area_wkt else None
    rule.channels = checked.channels
    db.add(rule)
    db.flush()
    record(db, actor, "alert_rule.create", "alert_rule", rule.id,
           {name: values[name] for name in (*RULE_FIELDS, "channel_ids")} | {"area": area is not None},
           project_id=owner)
    return get_rule(db, owner, rule.id)


def update_rule(db: Session, settings: Settings, actor: Actor, owner: int | None, rule_id: int,
                data: AlertRuleUpdate) -> AlertRuleOut:
    rule = repository.get_rule(db, owner, rule_id, for_update=True)
    if rule is None:
        raise NotFound("alert rule not found")
    sent = data.model_fields_set
    nullable = {"area", "digest_time"}
    errors = [(name, "cannot be null") for name in sent - nullable if getattr(data, name) is None]
    if errors:
        raise AlertValidationError(errors)
    current = {name: getattr(rule, name) for name in RULE_FIELDS} | {"channel_ids": [c.id for c in rule.channels]}
    values = current | {name: getattr(data, name) for name in sent if name != "area"}
    area = data.area.model_dump() if data.area is not None else None
    checked = _check_rule(db, settings, owner, values, area, check_area="area" in sent)
    changes: dict[str, Any] = {}
    for name in RULE_FIELDS:
        if values[name] != current[name]:
            changes[name] = [current[name], values[name]]
            setattr(rule, name, values[name])
    if values["channel_ids"] != current["channel_ids"]:
        changes["channel_ids"] = [current["channel_ids"], values["channel_ids"]]
        rule.channels = checked.channels
    if "area" in sent:
        changes["area"] = "changed" if area is not None else "removed"
        rule.area = repository.area_element(checked.area_wkt) if checked.area_wkt else None
    if changes:
        rule.updated_at = datetime.now(UTC)
        record(db, actor, "alert_rule.update", "alert_rule", rule.id, {"name": rule.name, "changes": changes},
               project_id=owner)
    db.flush()
    return get_rule(db, owner, rule.id)


def delete_rule(db: Session, actor: Actor, owner: int | None, rule_id: int) -> None:
    rule = repository.get_rule(db, owner, rule_id, for_update=True)
    if rule is None:
        raise NotFound("alert rule not found")
    record(db, actor, "alert_rule.delete", "alert_rule", rule.id, {"name": rule.name, "kind": rule.kind.value},
           project_id=owner)
    db.delete(rule)
    db.flush()


# --- channels -------------------------------------------------------------------------------------------
def _box(settings: Settings) -> SecretBox:
    return SecretBox(settings.alerts_secret_key)


def _stored_secrets(box: SecretBox, channel: AlertChannel) -> dict[str, Any]:
    try:
        return box.decrypt(channel.secrets_encrypted)
    except SecretBoxError:
        # ALERTS_SECRET_KEY changed: the stored secrets are lost; the admin sends them again.
        log.warning("alert_channel_secrets_unreadable", channel_id=channel.id)
        return {}


def _channel_out(box: SecretBox, channel: AlertChannel) -> AlertChannelOut:
    return AlertChannelOut(
        id=channel.id, kind=channel.kind, name=channel.name, settings=channel.settings,
        secret_fields=sorted(name for name, value in _stored_secrets(box, channel).items() if value),
        enabled=channel.enabled, created_at=channel.created_at, updated_at=channel.updated_at,
    )


def _checked_channel(kind: str, settings: dict[str, Any], secrets: dict[str, Any]) -> Channel:
    try:
        channel = make_channel(kind, settings, secrets)
    except AlertValidationError as exc:
        raise exc.within("settings") from None
    channel.check_secrets()
    return channel


def list_channels(db: Session, settings: Settings, owner: int | None) -> list[AlertChannelOut]:
    box = _box(settings)
    return [_channel_out(box, channel) for channel in repository.list_channels(db, owner)]


def _get_channel(db: Session, owner: int | None, channel_id: int, for_update: bool = False) -> AlertChannel:
    channel = repository.get_channel(db, owner, channel_id, for_update=for_update)
    if channel is None:
        raise NotFound("alert channel not found")
    return channel


def get_channel(db: Session, settings: Settings, owner: int | None, channel_id: int) -> AlertChannelOut:
    return _channel_out(_box(settings), _get_channel(db, owner, channel_id))


def create_channel(db: Session, settings: Settings, actor: Actor, owner: int | None,
                   data: AlertChannelCreate) -> AlertChannelOut:
    _checked_channel(data.kind.value, data.settings, data.secrets)
    box = _box(settings)
    channel = AlertChannel(project_id=owner, kind=data.kind, name=data.name, settings=data.settings,
                           secrets_encrypted=box.encrypt(data.secrets) if data.secrets else None, enabled=data.enabled)
    db.add(channel)
    db.flush()
    record(db, actor, "alert_channel.create", "alert_channel", channel.id,
           {"name": channel.name, "kind": data.kind.value, "settings": data.settings, "enabled": data.enabled,
            "secret_fields": sorted(data.secrets)}, project_id=owner)
    return _channel_out(box, channel)


def update_channel(db: Session, settings: Settings, actor: Actor, owner: int | None, channel_id: int,
                   data: AlertChannelUpdate) -> AlertChannelOut:
    channel = _get_channel(db, owner, channel_id, for_update=True)
    sent = data.model_fields_set
    errors = [(name, "cannot be null") for name in sent if getattr(data, name) is None]
    if errors:
        raise AlertValidationError(errors)
    box = _box(settings)
    secrets = _stored_secrets(box, channel)
    new_secrets = dict(secrets)
    for name, value in (data.secrets or {}).items():
        if value is None:
            new_secrets.pop(name, None)
        else:
            new_secrets[name] = value
    kind = data.kind or channel.kind
    new_settings = data.settings if data.settings is not None else channel.settings
    _checked_channel(kind.value, new_settings, new_secrets)
    changes: dict[str, Any] = {}
    proposed: dict[str, Any] = {"kind": kind, "name": data.name, "settings": data.settings, "enabled": data.enabled}
    for name, value in proposed.items():
        if name in sent and value != getattr(channel, name):
            changes[name] = [getattr(channel, name), value]
            setattr(channel, name, value)
    changed_secrets = sorted(name for name in set(secrets) | set(new_secrets) if secrets.get(name) != new_secrets.get(name))
    if changed_secrets:
        changes["secrets"] = changed_secrets  # the names only
        channel.secrets_encrypted = box.encrypt(new_secrets) if new_secrets else None
    if changes:
        channel.updated_at = datetime.now(UTC)
        record(db, actor, "alert_channel.update", "alert_channel", channel.id,
               {"name": channel.name, "changes": changes}, project_id=owner)
    db.flush()
    return _channel_out(box, channel)


def delete_channel(db: Session, actor: Actor, owner: int | None, channel_id: int) -> None:
    channel = _get_channel(db, owner, channel_id, for_update=True)
    record(db, actor, "alert_channel.delete", "alert_channel", channel.id,
           {"name": channel.name, "kind": channel.kind.value}, project_id=owner)
    db.delete(channel)
    db.flush()


# --- send test --------------------------------------------------------------------------------------------
def send_test(db: Session, settings: Settings, owner: int | None, channel_id: int) -> ChannelTestOut:
    """Send a test notification to each recipient through the real channel class; the receivers'
    answers (or refusals) are the result. Runs in the threadpool of a sync route, never on the event loop."""
    channel = _get_channel(db, owner, channel_id)
    kind, name, channel_settings = channel.kind.value, channel.name, dict(channel.settings)
    try:
        secrets = _box(settings).decrypt(channel.secrets_encrypted)
    except SecretBoxError as exc:
        return ChannelTestOut(ok=False, results=[_failed("", str(exc))])
    # No database connection is held while waiting for receivers.
    db.rollback()
    try:
        sender = make_channel(kind, channel_settings, secrets, timeout=settings.alerts_test_timeout_seconds)
    except AlertValidationError as exc:
        return ChannelTestOut(ok=False, results=[_failed("", f"the stored settings cannot work: {exc}")])
    recipients = sender.recipients()[:MAX_TEST_RECIPIENTS]
    now = datetime.now(UTC)
    payload = {"rule_name": "Test notification", "camera_name": f"channel {name!r}",
               "local_time": now.strftime("%Y-%m-%d %H:%M UTC")}

    def send(recipient: str) -> RecipientTestResult:
        notification = render(alert_id=0, kind="test", reason="AddaxAI Connect test notification", payload=payload,
                              fired_at=now, idempotency_key=f"test-{uuid4().hex}", thumbnail=None,
                              base_url=settings.alerts_public_base_url)
        try:
            receipt = sender.send(notification, recipient)
        except ChannelError as exc:
            return _failed(recipient, str(exc))
        except Exception as exc:  # noqa: BLE001 - a channel bug is this recipient's failed result, not a 500
            log.warning("alert_test_send_error", channel_id=channel_id, error=type(exc).__name__)
            return _failed(recipient, f"{type(exc).__name__}: {exc}")
        return RecipientTestResult(recipient=recipient, ok=True, status="sent", error=None, receipt={
            "provider_id": receipt.provider_id, "status_code": receipt.status_code, **receipt.detail})

    if not recipients:
        return ChannelTestOut(ok=False, results=[])
    with ThreadPoolExecutor(max_workers=min(8, len(recipients)), thread_name_prefix="alert-test") as pool:
        results = list(pool.map(send, recipients))
    log.info("alert_channel_tested", channel_id=channel_id, channel=kind, sent=sum(r.ok for r in results),
             failed=sum(not r.ok for r in results))
    return ChannelTestOut(ok=all(r.ok for r in results), results=results)


def _failed(recipient: str, error: str) -> RecipientTestResult:
    return RecipientTestResult(recipient=recipient, ok=False, status="failed", receipt=None, error=error[:2000])


# --- history --------------------------------------------------------------------------------------------
def _species(payload: Mapping[str, Any]) -> list[str]:
    return [str(item["label"]) for item in payload.get("species") or [] if isinstance(item, dict) and "label" in item]


def _summary(row: Any) -> dict[str, Any]:
    alert = row.AlertLog
    return dict(
        id=alert.id, rule_id=alert.rule_id, rule_name=row.rule_name, kind=alert.kind, camera_id=alert.camera_id,
        camera_name=row.camera_name, image_id=alert.image_id, reason=alert.reason, species=_species(alert.payload),
        fired_at=alert.fired_at,
    )


def _counts(row: Any) -> DeliveryCounts:
    return DeliveryCounts(sent=row.sent, failed=row.failed, pending=row.pending)


def history(db: Session, project_id: int, filters: HistoryFilters, page: int, limit: int) -> AlertHistoryPage:
    rows, total = repository.history(db, project_id, filters, offset=(page - 1) * limit, limit=limit)
    items = [AlertHistoryItem(**_summary(row), deliveries=_counts(row)) for row in rows]
    return AlertHistoryPage.build(items, total, page, limit)


def alert_detail(db: Session, project_id: int, alert_id: int) -> AlertDetail:
    row = repository.alert(db, project_id, alert_id)
    if row is None:
        raise NotFound("alert not found")
    deliveries = [
        DeliveryOut(
            id=d.AlertDelivery.id, channel_id=d.AlertDelivery.channel_id, channel_name=d.channel_name,
            channel_kind=d.channel_kind, recipient=d.AlertDelivery.recipient, status=d.AlertDelivery.status,
            attempts=d.AlertDelivery.attempts, last_error=d.AlertDelivery.last_error, sent_at=d.AlertDelivery.sent_at,
        )
        for d in repository.deliveries(db, alert_id)
    ]
    return AlertDetail(**_summary(row), delivery_counts=_counts(row), deliveries=deliveries,
                       payload=row.AlertLog.payload)
