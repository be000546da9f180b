"""The scheduler (loop 3): one active replica at a time, under a Redis lock.

Each tick: camera-health checks (latest camera_status reading per camera), camera-silent checks,
digests that are due, and the reconciler: pending deliveries whose message was lost are queued again,
and completed images never evaluated (the service was down, Redis lost the queue) are evaluated,
up to ALERTS_MAX_AGE_SECONDS old. Every step is idempotent (dedup keys, evaluation marks), so a tick
run twice, or by a new replica after a crash, fires nothing twice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.orm import Session

from addax_alerts.firing import Fired, RuleRef, announce, fire
from addax_alerts.metrics import SCHEDULER_RUNS
from addax_common.alerts.conditions import RuleSpec, parse_conditions, parse_hhmm
from addax_common.alerts.render import summary_line
from addax_common.context import ServiceContext
from addax_common.db import (
    AlertDelivery,
    AlertEvaluation,
    AlertLog,
    AlertRule,
    Camera,
    CameraStatus,
    DeliveryStatus,
    Image,
    ImageStatus,
    LogKind,
    RuleKind,
    TriggerMode,
)
from addax_common.logging import get_logger
from addax_common.reliable_queue import QUEUE_ALERT_DELIVERIES, QUEUE_CLASSIFICATION_COMPLETE
from addax_common.species_groups import default_taxonomy

log = get_logger(__name__)
LOCK_NAME = "lock:alerts-scheduler"
RECONCILE_LIMIT = 1000


@dataclass(frozen=True)
class HealthRule:
    ref: RuleRef
    spec: RuleSpec


class Scheduler:
    def __init__(self, ctx: ServiceContext, owner: str) -> None:
        self.ctx = ctx
        self.settings = ctx.settings
        self.owner = owner
        self.taxonomy = default_taxonomy(ctx.settings.species_groups_file)

    # --- lock and loop --------------------------------------------------------------------------
    def acquire(self) -> bool:
        """Hold the scheduler lock (or renew it when this process holds it already)."""
        key = self.settings.key(LOCK_NAME)
        ttl = max(5, int(self.settings.alerts_scheduler_interval_seconds * 3))
        if self.ctx.redis.set(key, self.owner, nx=True, ex=ttl):
            return True
        if self.ctx.redis.get(key) == self.owner:
            self.ctx.redis.expire(key, ttl)
            return True
        return False

    def release(self) -> None:
        key = self.settings.key(LOCK_NAME)
        if self.ctx.redis.get(key) == self.owner:
            self.ctx.redis.delete(key)

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                if self.acquire():
                    self.tick()
            except Exception as exc:  # noqa: BLE001 - the scheduler must outlive database or Redis outages
                log.warning("alert_scheduler_tick_failed", error=str(exc))
            stop.wait(self.settings.alerts_scheduler_interval_seconds)
        self.release()

    def tick(self, now: datetime | None = None) -> dict[str, int]:
        now = now or datetime.now(UTC)
        steps: dict[str, Callable[[datetime], int]] = {
            "camera_health": self.check_camera_health,
            "camera_silent": self.check_camera_silent,
            "digests": self.send_digests,
            "reconcile_deliveries": self.reconcile_deliveries,
            "reconcile_images": self.reconcile_images,
        }
        done = {}
        for name, step in steps.items():
            done[name] = step(now)
            SCHEDULER_RUNS.labels(name).inc()
        return done

    # --- camera health --------------------------------------------------------------------------
    def rules_of(self, session: Session, kind: RuleKind) -> list[HealthRule]:
        rules = []
        for rule in session.scalars(select(AlertRule).where(AlertRule.enabled.is_(True), AlertRule.kind == kind)):
            try:
                spec = parse_conditions(kind, rule.conditions, self.taxonomy)
            except ValueError as exc:
                log.error("alert_rule_invalid", rule_id=rule.id, error=str(exc))
                continue
            rules.append(HealthRule(RuleRef(rule.id, rule.name, kind.value, rule.project_id, rule.mode), spec))
        return rules

    @staticmethod
    def cameras_of(rule: HealthRule) -> list[ColumnElement[bool]]:
        """Conditions limiting a camera query to the rule's cameras and project."""
        conditions: list[ColumnElement[bool]] = []
        if rule.spec.camera_ids is not None:
            conditions.append(Camera.id.in_(rule.spec.camera_ids))
        if rule.ref.project_id is not None:  # a server admins' rule (no project) watches every camera
            conditions.append(Camera.project_id == rule.ref.project_id)
        return conditions

    def check_camera_health(self, now: datetime) -> int:
        fired: list[Fired] = []
        since = now - timedelta(seconds=self.settings.alerts_max_age_seconds)
        with self.ctx.sessions.begin() as session:
            for rule in self.rules_of(session, RuleKind.CAMERA_HEALTH):
                latest = (
                    select(CameraStatus, Camera.name).join(Camera, Camera.id == CameraStatus.camera_id)
                    .where(CameraStatus.reported_at >= since, *self.cameras_of(rule))
                    .ext(distinct_on(CameraStatus.camera_id))
                    .order_by(CameraStatus.camera_id, CameraStatus.reported_at.desc())
                )
                for reading, camera_name in session.execute(latest):
                    fired.extend(self.fire_health(session, rule, reading, camera_name))
        announce(self.ctx, fired)
        return len(fired)

    def fire_health(self, session: Session, rule: HealthRule, reading: CameraStatus, camera_name: str) -> list[Fired]:
        spec = rule.spec
        problems: list[tuple[str, str]] = []
        if spec.battery_below is not None and reading.battery_percent is not None \
                and reading.battery_percent < spec.battery_below:
            problems.append(("battery", f"battery at {reading.battery_percent:g}% (below {spec.battery_below:g}%)"))
        if spec.sd_above is not None and reading.sd_used_percent is not None and reading.sd_used_percent > spec.sd_above:
            problems.append(("sd", f"SD card {reading.sd_used_percent:g}% full (above {spec.sd_above:g}%)"))
        temperature = reading.temperature_c
        if temperature is not None and (
            (spec.temperature_min is not None and temperature < spec.temperature_min)
            or (spec.temperature_max is not None and temperature > spec.temperature_max)
        ):
            problems.append(("temperature", f"temperature {temperature:g} °C out of range "
                             f"({spec.temperature_min if spec.temperature_min is not None else '-'} .. "
                             f"{spec.temperature_max if spec.temperature_max is not None else '-'} °C)"))
        window = int(reading.reported_at.timestamp() // (spec.health_window_hours * 3600))
        fired = []
        for check, reason in problems:
            item = fire(session, rule.ref, kind=LogKind.HEALTH, dedup_key=f"{check}:{reading.camera_id}:{window}",
                        camera_id=reading.camera_id, reason=reason, payload={
                            "camera_name": camera_name, "check": check, "reported_at": reading.reported_at.isoformat(),
                            "local_time": reading.reported_at.isoformat(), "source": reading.source,
                            "battery_percent": reading.battery_percent, "sd_used_percent": reading.sd_used_percent,
                            "temperature_c": reading.temperature_c})
            if item is not None:
                fired.append(item)
        return fired

    def check_camera_silent(self, now: datetime) -> int:
        fired: list[Fired] = []
        with self.ctx.sessions.begin() as session:
            for rule in self.rules_of(session, RuleKind.CAMERA_SILENT):
                assert rule.spec.silent_hours is not None  # parse_conditions requires it  # noqa: S101
                last_image = (select(func.max(Image.received_at)).where(Image.camera_id == Camera.id)
                              .correlate(Camera).scalar_subquery())
                last_seen = func.coalesce(last_image, Camera.created_at)
                silent = select(Camera.id, Camera.name, last_seen).where(
                    last_seen < now - timedelta(hours=rule.spec.silent_hours), *self.cameras_of(rule))
                for camera_id, name, seen in session.execute(silent):
                    hours = (now - seen).total_seconds() / 3600
                    item = fire(session, rule.ref, kind=LogKind.SILENT, dedup_key=f"silent:{camera_id}:{seen.isoformat()}",
                                camera_id=camera_id, reason=f"no image for {hours:.1f} h (limit {rule.spec.silent_hours:g} h)",
                                payload={"camera_name": name, "last_seen": seen.isoformat(),
                                         "local_time": seen.isoformat()})
                    if item is not None:
                        fired.append(item)
        announce(self.ctx, fired)
        return len(fired)

    # --- digests --------------------------------------------------------------------------------
    @staticmethod
    def period_end(rule: AlertRule, now: datetime) -> datetime | None:
        """The most recent digest moment at or before `now` (hourly: the hour; daily: digest_time local)."""
        if rule.mode is TriggerMode.DIGEST_HOURLY:
            return now.replace(minute=0, second=0, microsecond=0)
        errors: list[tuple[str, str]] = []
        at = parse_hhmm(rule.digest_time, "digest_time", errors)
        if at is None:
            return None
        local = now.astimezone(ZoneInfo(rule.timezone))
        moment = local.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
        if moment > local:
            moment -= timedelta(days=1)
        return moment.astimezone(UTC)

    def send_digests(self, now: datetime) -> int:
        fired: list[Fired] = []
        with self.ctx.sessions.begin() as session:
            rules = session.scalars(select(AlertRule).where(
                AlertRule.enabled.is_(True), AlertRule.mode != TriggerMode.IMMEDIATE)).all()
            for rule in rules:
                end = self.period_end(rule, now)
                if end is None:
                    continue
                items = session.scalars(
                    select(AlertLog).where(AlertLog.rule_id == rule.id, AlertLog.digest_log_id.is_(None),
                                           AlertLog.kind != LogKind.DIGEST, AlertLog.fired_at < end)
                    .order_by(AlertLog.fired_at).with_for_update(skip_locked=True)
                ).all()
                if not items:
                    continue
                listed = [{**item.payload, "alert_id": item.id, "reason": item.reason,
                           "fired_at": item.fired_at.isoformat()} for item in items]
                ref = RuleRef(rule.id, rule.name, rule.kind.value, rule.project_id, rule.mode)
                digest = fire(session, ref, kind=LogKind.DIGEST, dedup_key=f"digest:{end.isoformat()}",
                              reason=f"{len(items)} alerts since the last digest",
                              payload={"items": listed, "period_end": end.isoformat(),
                                       "lines": [summary_line(entry) for entry in listed]})
                if digest is None:  # this period's digest exists; newer alerts wait for the next one
                    continue
                session.execute(update(AlertLog).where(AlertLog.id.in_([item.id for item in items]))
                                .values(digest_log_id=digest.log_id))
                fired.append(digest)
        announce(self.ctx, fired)
        return len(fired)

    # --- reconciler -----------------------------------------------------------------------------
    def reconcile_deliveries(self, now: datetime) -> int:
        cutoff = now - timedelta(seconds=self.settings.alerts_reconcile_after_seconds)
        with self.ctx.sessions() as session:
            due = session.scalars(
                select(AlertDelivery.id).where(
                    AlertDelivery.status == DeliveryStatus.PENDING,
                    or_(AlertDelivery.next_attempt_at.is_(None), AlertDelivery.next_attempt_at <= now),
                    AlertDelivery.updated_at < cutoff,
                ).order_by(AlertDelivery.id).limit(RECONCILE_LIMIT)
            ).all()
        return self._requeue(QUEUE_ALERT_DELIVERIES, [str(i) for i in due], "alert_deliveries_requeued")

    def reconcile_images(self, now: datetime) -> int:
        newest = now - timedelta(seconds=self.settings.alerts_reconcile_after_seconds)
        oldest = now - timedelta(seconds=self.settings.alerts_max_age_seconds)
        with self.ctx.sessions() as session:
            missed = session.scalars(
                select(Image.id).where(
                    Image.completed_at.is_not(None), Image.completed_at >= oldest, Image.completed_at < newest,
                    Image.status == ImageStatus.COMPLETED,
                    ~select(AlertEvaluation.image_id).where(AlertEvaluation.image_id == Image.id).exists(),
                ).order_by(Image.completed_at).limit(RECONCILE_LIMIT)
            ).all()
        return self._requeue(QUEUE_CLASSIFICATION_COMPLETE, [str(i) for i in missed], "unevaluated_images_requeued")

    def _requeue(self, queue_name: str, ids: list[str], event: str) -> int:
        if not ids:
            return 0
        queue = self.ctx.queue(queue_name)
        present = queue.queued_ids()
        missing = [i for i in ids if i not in present]
        for item in missing:
            queue.push(item)
        if missing:
            log.warning(event, count=len(missing))
        return len(missing)
