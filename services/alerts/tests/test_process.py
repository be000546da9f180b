"""The real `python -m addax_alerts` process: SIGKILLed between evaluation and delivery, then started
again, it delivers every notification exactly once."""

from __future__ import annotations

import os
import signal
from collections import Counter
from collections.abc import Callable

from sqlalchemy import func, select

from addax_common.context import ServiceContext
from addax_common.db import AlertDelivery, DeliveryStatus
from addax_common.reliable_queue import QUEUE_ALERT_DELIVERIES, QUEUE_CLASSIFICATION_COMPLETE
from addax_common.settings import Settings
from tests.support import alert_seed as seed
from tests.support.alert_seed import scheduler_runs
from tests.support.alert_seed import start_alerts as start
from tests.support.receivers import HttpReceiver
from tests.support.servers import free_port
from tests.support.stack import wait_until


def statuses(ctx: ServiceContext) -> Counter[str]:
    with ctx.sessions() as session:
        rows = session.execute(select(AlertDelivery.status, func.count()).group_by(AlertDelivery.status)).all()
    return Counter({status.value: n for status, n in rows})


def wait(condition: Callable[[], object], timeout: float, what: str) -> None:
    wait_until(condition, timeout, interval=0.1, what=what)


def test_sigkill_between_evaluation_and_delivery_delivers_exactly_once(
        actx: ServiceContext, alert_settings: Settings, http_receiver: HttpReceiver) -> None:
    signal_receiver = HttpReceiver(answers=[(201, {"timestamp": "1"})])
    try:
        with actx.sessions.begin() as session:
            cam = seed.camera(session, "c1")
            hook = seed.webhook(actx, session, http_receiver)
            phones = seed.channel(actx, session, "signal", {"base_url": signal_receiver.url, "number": "+31600000001",
                                                            "recipients": ["+31600000002", "+31600000003"]})
            seed.rule(session, [hook, phones], {"species": ["wolf"]})
            images = [seed.completed_image(actx, session, cam.id, [("wolf", 0.9)]) for _ in range(5)]
        for image in images:
            actx.queue(QUEUE_CLASSIFICATION_COMPLETE).push(image.id)

        evaluator = start(alert_settings, "evaluate")
        try:
            wait(lambda: statuses(actx)["pending"] == 15 and actx.queue(QUEUE_ALERT_DELIVERIES).depth() == 15,
                 60, "15 pending deliveries queued")
        finally:
            os.kill(evaluator.pid, signal.SIGKILL)
            evaluator.wait(10)
        assert http_receiver.requests == [] and signal_receiver.requests == []

        metrics = free_port()
        service = start(alert_settings, "evaluate,deliver,schedule", metrics)
        try:
            wait(lambda: statuses(actx)["sent"] == 15, 60, "15 sent deliveries")
            # Five more reconciler runs after the last send (>= 1.5 s): a duplicate would have shown by now.
            runs = scheduler_runs(metrics, "reconcile_deliveries")
            wait(lambda: scheduler_runs(metrics, "reconcile_deliveries") >= runs + 5, 30, "five reconciler runs")
        finally:
            service.send_signal(signal.SIGTERM)
            assert service.wait(30) == 0, "the service stops cleanly on SIGTERM"
        assert statuses(actx) == Counter({"sent": 15})
        assert len(http_receiver.requests) == 5
        assert len({r.headers["idempotency-key"] for r in http_receiver.requests}) == 5
        sent = Counter(r.json()["recipients"][0] for r in signal_receiver.requests)
        assert sent == Counter({"+31600000002": 5, "+31600000003": 5})
        with actx.sessions() as session:
            assert session.scalar(select(func.max(AlertDelivery.attempts))) == 1
            assert session.scalar(select(func.count()).where(AlertDelivery.status != DeliveryStatus.SENT)) == 0
    finally:
        signal_receiver.close()


def test_images_completed_while_the_service_was_down_fire_once_and_old_ones_never(
        actx: ServiceContext, alert_settings: Settings, http_receiver: HttpReceiver) -> None:
    """The service is down while 20 images complete (their messages are lost too); started, its
    reconciler evaluates them: one notification each. Images older than the maximum age fire none."""
    with actx.sessions.begin() as session:
        cam = seed.camera(session, "c1")
        seed.rule(session, [seed.webhook(actx, session, http_receiver)], {"species": ["wolf"]})
        recent = [seed.completed_image(actx, session, cam.id, [("wolf", 0.9)], completed_at=seed.minutes_ago(3))
                  for _ in range(20)]
        old = [seed.completed_image(actx, session, cam.id, [("wolf", 0.9)], completed_at=seed.minutes_ago(90))
               for _ in range(5)]
    metrics = free_port()
    service = start(alert_settings.model_copy(update={"alerts_reconcile_after_seconds": 1.0}),
                    "evaluate,deliver,schedule", metrics)
    try:
        wait(lambda: statuses(actx)["sent"] == 20, 90, "20 sent deliveries")
        runs = scheduler_runs(metrics, "reconcile_images")
        wait(lambda: scheduler_runs(metrics, "reconcile_images") >= runs + 5, 30, "further reconciler runs")
    finally:
        service.send_signal(signal.SIGTERM)
        service.wait(30)
    assert statuses(actx) == Counter({"sent": 20})
    fired = {r.json()["alert"]["image_id"] for r in http_receiver.requests}
    assert len(http_receiver.requests) == 20 and fired == {str(image.id) for image in recent}
    assert not fired & {str(image.id) for image in old}
