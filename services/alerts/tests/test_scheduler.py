"""The scheduler: camera health and silence checks, the reconciler, the lock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from addax_alerts.handler import EvaluateHandler
from addax_alerts.scheduler import Scheduler
from addax_common.context import ServiceContext
from addax_common.db import AlertDelivery, AlertLog, CameraStatus, LogKind, RuleKind
from addax_common.reliable_queue import QUEUE_ALERT_DELIVERIES, QUEUE_CLASSIFICATION_COMPLETE
from tests.support import alert_seed as seed
from tests.support.alert_seed import drain, webhook
from tests.support.receivers import HttpReceiver


def logs(ctx: ServiceContext) -> list[AlertLog]:
    with ctx.sessions() as session:
        return list(session.scalars(select(AlertLog).order_by(AlertLog.id)))


def test_camera_silent_fires_once_per_silence(actx: ServiceContext, http_receiver: HttpReceiver) -> None:
    with actx.sessions.begin() as session:
        quiet = seed.camera(session, "quiet", created_at=seed.minutes_ago(60 * 30))
        busy = seed.camera(session, "busy", created_at=seed.minutes_ago(60 * 30))
        seed.completed_image(actx, session, busy.id, [("wolf", 0.9)])
        seed.rule(session, [webhook(actx, session, http_receiver)], {"silent_hours": 24}, kind=RuleKind.CAMERA_SILENT,
                  name="silent cameras")
    scheduler = Scheduler(actx, owner="test")
    now = datetime.now(UTC)
    assert scheduler.check_camera_silent(now) == 1
    assert scheduler.check_camera_silent(now + timedelta(hours=1)) == 0  # the same silence: no second alert
    drain(actx)
    [alert] = logs(actx)
    assert alert.kind is LogKind.SILENT and alert.camera_id == quiet.id and "limit 24 h" in alert.reason
    assert len(http_receiver.requests) == 1
    assert http_receiver.requests[0].json()["alert"]["camera_name"] == "quiet"


def test_low_battery_report_fires_one_alert(actx: ServiceContext, http_receiver: HttpReceiver) -> None:
    with actx.sessions.begin() as session:
        low, fine = seed.camera(session, "low"), seed.camera(session, "fine")
        seed.rule(session, [webhook(actx, session, http_receiver)], {"battery_below": 20, "sd_above": 90},
                  kind=RuleKind.CAMERA_HEALTH, name="battery")
        now = datetime.now(UTC)
        session.add_all([
            CameraStatus(camera_id=low.id, reported_at=now - timedelta(hours=2), source="report", battery_percent=60),
            CameraStatus(camera_id=low.id, reported_at=now - timedelta(minutes=5), source="report", battery_percent=12,
                         sd_used_percent=40),
            CameraStatus(camera_id=fine.id, reported_at=now - timedelta(minutes=5), source="exif", battery_percent=80),
        ])
    scheduler = Scheduler(actx, owner="test")
    assert scheduler.check_camera_health(now) == 1
    with actx.sessions.begin() as session:  # a second low reading the same day: still one alert
        session.add(CameraStatus(camera_id=low.id, reported_at=now - timedelta(minutes=1), source="exif",
                                 battery_percent=11))
    assert scheduler.check_camera_health(now) == 0
    drain(actx)
    [alert] = logs(actx)
    assert alert.kind is LogKind.HEALTH and alert.camera_id == low.id
    assert alert.reason == "battery at 12% (below 20%)"
    assert len(http_receiver.requests) == 1


def test_reconciler_evaluates_images_completed_while_down_but_not_old_ones(
        actx: ServiceContext, http_receiver: HttpReceiver) -> None:
    with actx.sessions.begin() as session:
        cam = seed.camera(session, "c1")
        seed.rule(session, [webhook(actx, session, http_receiver)], {"species": ["wolf"]})
        recent = [seed.completed_image(actx, session, cam.id, [("wolf", 0.9)], completed_at=seed.minutes_ago(5))
                  for _ in range(20)]
        old = [seed.completed_image(actx, session, cam.id, [("wolf", 0.9)], completed_at=seed.minutes_ago(120))
               for _ in range(3)]
    # No message reached the alerts service (it was down and the queue was lost).
    scheduler = Scheduler(actx, owner="test")
    assert scheduler.reconcile_images(datetime.now(UTC)) == 20
    assert scheduler.reconcile_images(datetime.now(UTC)) == 0  # already queued: not twice
    drain(actx, timeout=30)
    assert scheduler.reconcile_images(datetime.now(UTC)) == 0  # evaluated now
    fired = {alert.image_id for alert in logs(actx)}
    assert fired == {image.id for image in recent}
    assert len(http_receiver.requests) == 20
    assert not fired & {image.id for image in old}
    # An old image's message still arriving (a backlog) fires nothing either.
    assert EvaluateHandler(actx).evaluate(old[0].id) == []


def test_reconciler_requeues_pending_deliveries(actx: ServiceContext, http_receiver: HttpReceiver) -> None:
    with actx.sessions.begin() as session:
        cam = seed.camera(session, "c1")
        seed.rule(session, [webhook(actx, session, http_receiver)], {"species": ["wolf"]})
        image = seed.completed_image(actx, session, cam.id, [("wolf", 0.9)])
    EvaluateHandler(actx).evaluate(image.id)
    actx.redis.delete(actx.queue(QUEUE_ALERT_DELIVERIES).key)  # Redis lost the wake-up call
    scheduler = Scheduler(actx, owner="test")
    assert scheduler.reconcile_deliveries(datetime.now(UTC) + timedelta(seconds=1)) == 1
    assert scheduler.reconcile_deliveries(datetime.now(UTC) + timedelta(seconds=1)) == 0
    drain(actx)
    assert len(http_receiver.requests) == 1
    with actx.sessions() as session:
        assert session.scalars(select(AlertDelivery.status)).one().value == "sent"


def test_one_scheduler_holds_the_lock(actx: ServiceContext) -> None:
    first, second = Scheduler(actx, owner="a"), Scheduler(actx, owner="b")
    assert first.acquire() and first.acquire()  # renews its own lock
    assert not second.acquire()
    first.release()
    assert second.acquire()
    assert actx.queue(QUEUE_CLASSIFICATION_COMPLETE).depth() == 0


def test_daily_digest_moment_in_the_rules_time_zone() -> None:
    from addax_common.db import AlertRule, TriggerMode

    rule = AlertRule(mode=TriggerMode.DIGEST_DAILY, digest_time="07:00", timezone="Europe/Amsterdam")
    # 05:30 UTC is 06:30 in Amsterdam (winter): the last digest moment was yesterday 07:00 local.
    assert Scheduler.period_end(rule, datetime(2026, 11, 30, 5, 30, tzinfo=UTC)) == datetime(2026, 11, 29, 6, 0, tzinfo=UTC)
    assert Scheduler.period_end(rule, datetime(2026, 11, 30, 6, 0, tzinfo=UTC)) == datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
    hourly = AlertRule(mode=TriggerMode.DIGEST_HOURLY, timezone="UTC")
    assert Scheduler.period_end(hourly, datetime(2026, 11, 30, 5, 59, 59, tzinfo=UTC)) == datetime(2026, 11, 30, 5, 0,
                                                                                                   tzinfo=UTC)
