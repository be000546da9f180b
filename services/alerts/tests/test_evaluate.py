"""Evaluation and delivery against the real database, Redis queues and loopback receivers."""

from __future__ import annotations

import time
import uuid

from sqlalchemy import select, update

from addax_alerts.deliver import DeliverHandler
from addax_alerts.handler import EvaluateHandler
from addax_alerts.scheduler import Scheduler
from addax_common.context import ServiceContext
from addax_common.db import AlertDelivery, AlertEvaluation, AlertLog, AlertRule, DeliveryStatus, TriggerMode
from addax_common.events import EventPublisher
from addax_common.reliable_queue import QUEUE_ALERT_DELIVERIES, QUEUE_CLASSIFICATION_COMPLETE
from tests.support import alert_seed as seed
from tests.support.alert_seed import count, drain, webhook
from tests.support.receivers import HttpReceiver, SmtpReceiver


def test_same_message_twice_notifies_each_recipient_once(actx: ServiceContext, smtp_receiver: SmtpReceiver,
                                                         http_receiver: HttpReceiver) -> None:
    with actx.sessions.begin() as session:
        cam = seed.camera(session, "north gate")
        mail = seed.channel(actx, session, "email", {
            "host": "127.0.0.1", "port": smtp_receiver.port, "from_address": "alerts@park.example",
            "recipients": ["a@park.example", "b@park.example"], "ca_file": str(smtp_receiver.cert_file)})
        hook = webhook(actx, session, http_receiver)
        seed.rule(session, [mail, hook], {"species": ["wolf"], "min_confidence": 0.5})
        image = seed.completed_image(actx, session, cam.id, [("wolf", 0.9), ("red fox", 0.8)])
    events = actx.redis.pubsub()
    events.subscribe(EventPublisher(actx.redis, actx.settings.redis_prefix).channel)
    queue = actx.queue(QUEUE_CLASSIFICATION_COMPLETE)
    queue.push(image.id)
    queue.push(image.id)  # at-least-once: the same wake-up call twice
    drain(actx)
    queue.push(image.id)  # and once more after everything was sent
    drain(actx)

    assert sorted(r for m in smtp_receiver.messages for r in m.rcpt_tos) == ["a@park.example", "b@park.example"]
    assert len(http_receiver.requests) == 1
    assert count(actx, AlertLog) == 1
    assert count(actx, AlertDelivery, AlertDelivery.status == DeliveryStatus.SENT) == 3
    assert count(actx, AlertEvaluation) == 1
    with actx.sessions() as session:
        log = session.scalars(select(AlertLog)).one()
        assert log.image_id == image.id and log.payload["species"] == [{"label": "wolf", "count": 1}]
        keys = session.scalars(select(AlertDelivery.idempotency_key)).all()
        assert len(set(keys)) == 3
    fired = []
    deadline = time.time() + 3
    while time.time() < deadline and not fired:
        message = events.get_message(timeout=0.2)
        if message and message["type"] == "message" and '"alert_fired"' in message["data"]:
            fired.append(message["data"])
    events.close()
    assert fired and '"project_id": 1' in fired[0] and '"wolf"' in fired[0]


def test_no_match_no_alert_but_marked_evaluated(actx: ServiceContext, http_receiver: HttpReceiver) -> None:
    with actx.sessions.begin() as session:
        cam = seed.camera(session, "c1")
        seed.rule(session, [webhook(actx, session, http_receiver)], {"species": ["wolf"], "min_confidence": 0.95})
        image = seed.completed_image(actx, session, cam.id, [("wolf", 0.9)])
    assert EvaluateHandler(actx).evaluate(image.id) == []
    assert count(actx, AlertEvaluation) == 1 and count(actx, AlertLog) == 0


def test_cooldown_per_rule_and_camera(actx: ServiceContext, http_receiver: HttpReceiver) -> None:
    with actx.sessions.begin() as session:
        cam1, cam2 = seed.camera(session, "c1"), seed.camera(session, "c2")
        seed.rule(session, [webhook(actx, session, http_receiver)], {"groups": ["large carnivores"]},
                  cooldown_minutes=30)
        first = seed.completed_image(actx, session, cam1.id, [("wolf", 0.9)])
        second = seed.completed_image(actx, session, cam1.id, [("brown bear", 0.9)])
        other_camera = seed.completed_image(actx, session, cam2.id, [("wolf", 0.9)])
    handler = EvaluateHandler(actx)
    assert len(handler.evaluate(first.id)) == 1
    assert handler.evaluate(second.id) == []  # inside the cooldown at the same camera
    assert len(handler.evaluate(other_camera.id)) == 1  # another camera has its own cooldown
    drain(actx)
    assert len(http_receiver.requests) == 2


def test_area_rule_fires_inside_the_polygon_only(actx: ServiceContext, http_receiver: HttpReceiver) -> None:
    with actx.sessions.begin() as session:
        inside = seed.camera(session, "inside", lon=5.0, lat=52.0)
        outside = seed.camera(session, "outside", lon=6.0, lat=52.0)
        nowhere = seed.camera(session, "no location", lon=None, lat=None)
        seed.rule(session, [webhook(actx, session, http_receiver)], {"species": ["person"]},
                  area=seed.square(5.0, 52.0))
        images = [seed.completed_image(actx, session, cam.id, [], persons=1) for cam in (inside, outside, nowhere)]
    handler = EvaluateHandler(actx)
    fired = [len(handler.evaluate(image.id)) for image in images]
    assert fired == [1, 0, 0]
    drain(actx)
    assert [r.json()["alert"]["camera_name"] for r in http_receiver.requests] == ["inside"]


def test_first_sighting_in_n_days(actx: ServiceContext, http_receiver: HttpReceiver) -> None:
    with actx.sessions.begin() as session:
        cam = seed.camera(session, "c1")
        seed.rule(session, [webhook(actx, session, http_receiver)], {"species": ["lynx"], "first_sighting_days": 7})
        old = seed.completed_image(actx, session, cam.id, [("lynx", 0.9)], captured_at=seed.minutes_ago(60 * 24 * 10))
        first = seed.completed_image(actx, session, cam.id, [("lynx", 0.9)], captured_at=seed.minutes_ago(30))
        again = seed.completed_image(actx, session, cam.id, [("lynx", 0.9)], captured_at=seed.minutes_ago(5))
    handler = EvaluateHandler(actx)
    with actx.sessions.begin() as session:  # the 10-day-old sighting predates the rule's window
        session.add(AlertEvaluation(image_id=old.id))
    assert len(handler.evaluate(first.id)) == 1
    assert handler.evaluate(again.id) == []


def test_digest_lists_both_alerts_in_one_message_per_channel(actx: ServiceContext, http_receiver: HttpReceiver,
                                                            smtp_receiver: SmtpReceiver) -> None:
    with actx.sessions.begin() as session:
        cam = seed.camera(session, "c1")
        hook = webhook(actx, session, http_receiver)
        mail = seed.channel(actx, session, "email", {
            "host": "127.0.0.1", "port": smtp_receiver.port, "from_address": "alerts@park.example",
            "recipients": ["a@park.example"], "ca_file": str(smtp_receiver.cert_file)})
        seed.rule(session, [hook, mail], {"species": ["wolf", "wild boar"]}, mode=TriggerMode.DIGEST_HOURLY,
                  name="night digest")
        wolf = seed.completed_image(actx, session, cam.id, [("wolf", 0.9)])
        boar = seed.completed_image(actx, session, cam.id, [("wild boar", 0.8), ("wild boar", 0.7)])
    handler = EvaluateHandler(actx)
    assert len(handler.evaluate(wolf.id)) == 1 and len(handler.evaluate(boar.id)) == 1
    drain(actx)
    assert http_receiver.requests == [] and smtp_receiver.messages == []  # nothing before the digest

    scheduler = Scheduler(actx, owner="test")
    later = seed.minutes_ago(-61)
    assert scheduler.send_digests(later) == 1
    assert scheduler.send_digests(later) == 0  # the same period again: nothing new
    drain(actx)
    assert len(http_receiver.requests) == 1 and len(smtp_receiver.messages) == 1
    text = http_receiver.requests[0].json()["text"]
    assert "1 x wolf at c1" in text and "2 x wild boar at c1" in text
    mail_text = smtp_receiver.messages[0].message.get_body(preferencelist=("plain",))
    assert mail_text is not None and "1 x wolf at c1" in mail_text.get_content()
    assert "2 alerts since the last digest" in smtp_receiver.messages[0].message["Subject"]


def test_failing_channel_retries_with_backoff_then_fails_without_delaying_another(
        actx: ServiceContext, http_receiver: HttpReceiver) -> None:
    broken = HttpReceiver(answers=[(503, {"error": "down"})])
    try:
        with actx.sessions.begin() as session:
            cam = seed.camera(session, "c1")
            seed.rule(session, [webhook(actx, session, broken, "broken"), webhook(actx, session, http_receiver)],
                      {"species": ["wolf"]})
            image = seed.completed_image(actx, session, cam.id, [("wolf", 0.9)])
        EvaluateHandler(actx).evaluate(image.id)
        started = time.time()
        drain(actx, timeout=20)
        assert len(http_receiver.requests) == 1
        assert len(broken.requests) == actx.settings.alerts_delivery_max_attempts == 3
        assert time.time() - started >= 0.2 + 0.4  # backoff 0.2 s, then 0.4 s
        with actx.sessions() as session:
            rows = {d.recipient + str(d.channel_id): d for d in session.scalars(select(AlertDelivery))}
            statuses = sorted((d.status.value, d.attempts) for d in rows.values())
            assert statuses == [("failed", 3), ("sent", 1)]
            failed = next(d for d in rows.values() if d.status is DeliveryStatus.FAILED)
            assert failed.last_error is not None and "HTTP 503" in failed.last_error
            assert "gave up after 3 attempts" in failed.last_error
    finally:
        broken.close()


def test_secrets_are_encrypted_at_rest(actx: ServiceContext) -> None:
    with actx.sessions.begin() as session:
        row = seed.channel(actx, session, "telegram", {"recipients": ["42"]}, {"bot_token": "123456:VERY-SECRET"})
        assert "VERY-SECRET" not in (row.secrets_encrypted or "") and "VERY-SECRET" not in repr(row)
    deliver = DeliverHandler(actx)
    assert deliver.box.decrypt(row.secrets_encrypted) == {"bot_token": "123456:VERY-SECRET"}
    assert "alerts-secret" not in repr(deliver.box)


def test_unknown_delivery_id_is_skipped(actx: ServiceContext) -> None:
    actx.queue(QUEUE_ALERT_DELIVERIES).push(str(uuid.uuid4()))
    actx.queue(QUEUE_ALERT_DELIVERIES).push("987654")
    drain(actx)
    assert actx.queue(QUEUE_ALERT_DELIVERIES).in_flight_count() == 0


def test_rule_changes_apply_to_later_images(actx: ServiceContext, http_receiver: HttpReceiver, monkeypatch) -> None:
    import addax_alerts.handler as handler_module

    monkeypatch.setattr(handler_module, "RULES_RECHECK_SECONDS", 0.0)
    with actx.sessions.begin() as session:
        cam = seed.camera(session, "c1")
        hook = webhook(actx, session, http_receiver)
        wolves = seed.rule(session, [hook], {"species": ["wolf"]})
        first, second, third = (seed.completed_image(actx, session, cam.id, [("badger", 0.9)]) for _ in range(3))
    handler = EvaluateHandler(actx)
    assert handler.evaluate(first.id) == []
    with actx.sessions.begin() as session:
        seed.rule(session, [hook], {"species": ["badger"]}, name="badgers")
    assert [f.rule.name for f in handler.evaluate(second.id)] == ["badgers"]
    with actx.sessions.begin() as session:  # disabling a rule takes effect too
        session.execute(update(AlertRule).where(AlertRule.name == "badgers").values(enabled=False))
        session.execute(update(AlertRule).where(AlertRule.id == wolves.id).values(conditions={"species": ["badger"]}))
    assert [f.rule.name for f in handler.evaluate(third.id)] == ["wolves"]


def test_rules_of_another_project_never_fire(actx: ServiceContext, http_receiver: HttpReceiver) -> None:
    from addax_alerts.scheduler import Scheduler
    from addax_common.db import CameraStatus, Project, RuleKind

    with actx.sessions.begin() as session:
        other = Project(slug="other-park", name="Other park")
        session.add(other)
        session.flush()
        ours, theirs_camera = seed.camera(session, "ours"), seed.camera(session, "theirs")
        theirs_camera.project_id = other.id
        hook = webhook(actx, session, http_receiver)
        seed.rule(session, [hook], {"species": ["wolf"]}, name="our wolves")
        theirs = seed.rule(session, [hook], {"species": ["wolf"]}, name="their wolves")
        theirs.project_id = other.id
        seed.rule(session, [hook], {"battery_below": 20}, kind=RuleKind.CAMERA_HEALTH, name="our batteries")
        image = seed.completed_image(actx, session, ours.id, [("wolf", 0.9)])
        session.add(CameraStatus(camera_id=theirs_camera.id, reported_at=seed.minutes_ago(1), source="report",
                                 battery_percent=5))
    assert [f.rule.name for f in EvaluateHandler(actx).evaluate(image.id)] == ["our wolves"]
    assert Scheduler(actx, owner="test").check_camera_health(seed.minutes_ago(0)) == 0  # their camera, our rule
    with actx.sessions() as session:
        assert session.scalars(select(AlertLog.project_id)).all() == [seed.PROJECT]
