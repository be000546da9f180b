"""Alerts worker: `python -m addax_alerts`.

Four loops in one process (ALERTS_LOOPS picks a subset, e.g. more delivery-only replicas):
evaluate (classification-complete -> alert logs + pending deliveries; alert-reviews -> the verified-only
rules again after a review), deliver (alert-deliveries -> channels, several consumers so one slow
channel never blocks another), the scheduler (one active replica under a Redis lock) and the webhook
(Alertmanager's system-health alerts, addax_alerts.webhook).
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import uuid
from types import FrameType

from addax_alerts.deliver import DeliverHandler
from addax_alerts.handler import EvaluateHandler, ReviewHandler
from addax_alerts.scheduler import Scheduler
from addax_alerts.webhook import WebhookServer
from addax_common.context import ServiceContext, make_context
from addax_common.logging import configure_logging, get_logger
from addax_common.metrics import register_queue_collector, start_metrics_server
from addax_common.reliable_queue import QUEUE_ALERT_DELIVERIES, QUEUE_ALERT_REVIEWS, QUEUE_CLASSIFICATION_COMPLETE
from addax_common.settings import get_settings
from addax_common.worker import Stage, Worker

log = get_logger(__name__)
LOOPS = ("evaluate", "deliver", "schedule", "webhook")


def give_up_evaluation(_ctx: ServiceContext, image_id: str, reason: str) -> None:
    # The image stays `completed`: alerts only read it. The reconciler evaluates it again later.
    log.error("alert_evaluation_gave_up", image_id=image_id, error=reason)


def give_up_delivery(_ctx: ServiceContext, delivery_id: str, reason: str) -> None:
    # The row stays `pending` (the database was unreachable); the reconciler queues it again.
    log.error("alert_delivery_message_gave_up", delivery_id=delivery_id, error=reason)


class AlertsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.stop = threading.Event()
        self.name = f"alerts-{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        loops = set(ctx.settings.alerts_loops)
        unknown = loops - set(LOOPS)
        if unknown:
            raise ValueError(f"ALERTS_LOOPS: unknown loop(s) {sorted(unknown)}; choose from {LOOPS}")
        self.workers: list[Worker] = []
        if "evaluate" in loops:
            evaluate = EvaluateHandler(ctx)
            stage = Stage(name="alerts-evaluate", queue=QUEUE_CLASSIFICATION_COMPLETE, handler=evaluate,
                          batch_size=1, on_give_up=give_up_evaluation)
            self.workers.append(Worker(ctx, stage, consumer=f"{self.name}-evaluate"))
            reviews = Stage(name="alerts-reviews", queue=QUEUE_ALERT_REVIEWS, handler=ReviewHandler(evaluate),
                            batch_size=1, on_give_up=give_up_evaluation)
            self.workers.append(Worker(ctx, reviews, consumer=f"{self.name}-reviews"))
        if "deliver" in loops:
            deliver = DeliverHandler(ctx)
            for n in range(max(1, ctx.settings.alerts_delivery_concurrency)):
                stage = Stage(name="alerts-deliver", queue=QUEUE_ALERT_DELIVERIES, handler=deliver, batch_size=1,
                              on_give_up=give_up_delivery)
                self.workers.append(Worker(ctx, stage, consumer=f"{self.name}-deliver-{n}"))
        for worker in self.workers:
            worker.stop_event = self.stop  # one signal stops every loop
        self.scheduler = Scheduler(ctx, owner=self.name) if "schedule" in loops else None
        self.serves_webhook = "webhook" in loops

    def install_signal_handlers(self) -> None:
        def _stop(signum: int, _frame: FrameType | None) -> None:
            log.info("alerts_stopping", signal=signum)
            self.stop.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)

    def run(self) -> None:
        threads = [threading.Thread(target=w.run, name=w.consumer, daemon=True) for w in self.workers]
        if self.scheduler is not None:
            threads.append(threading.Thread(target=self.scheduler.run, args=(self.stop,), name="scheduler", daemon=True))
        # Bound here, not in __init__: tests build the service for its loops without serving anything.
        webhook = WebhookServer(self.ctx, self.ctx.settings.alerts_webhook_port).start() if self.serves_webhook else None
        for thread in threads:
            thread.start()
        log.info("alerts_running", loops=sorted(self.ctx.settings.alerts_loops), consumers=len(self.workers),
                 webhook_port=webhook.port if webhook else None)
        self.stop.wait()
        if webhook is not None:
            webhook.stop()
        for thread in threads:
            thread.join(timeout=30)


def main() -> None:
    settings = get_settings()
    configure_logging("alerts", settings.log_level)
    ctx = make_context(settings)
    register_queue_collector(ctx.redis, settings.redis_prefix)
    port = start_metrics_server("alerts", settings.metrics_port)
    service = AlertsService(ctx)
    log.info("service_ready", service="alerts", metrics_port=port)
    service.install_signal_handlers()
    service.run()
    ctx.close()


if __name__ == "__main__":
    main()
