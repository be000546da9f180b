"""Delivery (loop 2): one pending `alert_deliveries` row through its channel.

The row is locked (FOR UPDATE SKIP LOCKED) for the duration of the send, so two copies of a message
(the reaper, the reconciler) can never send one delivery twice at the same time; a row already `sent`
or `failed` is acknowledged untouched. A retryable failure schedules the next attempt with exponential
backoff in the queue's delayed set; after the last attempt, or at once for a permanent failure, the row
ends `failed` with the reason. Each delivery is its own message and the loop runs several consumers,
so a slow or failing channel never holds up another.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from addax_alerts.metrics import DELIVERY_LATENCY, NOTIFICATIONS
from addax_common.alerts.channels import PermanentError, RetryableError, make_channel
from addax_common.alerts.errors import AlertValidationError
from addax_common.alerts.render import Notification, render
from addax_common.context import ServiceContext
from addax_common.db import AlertChannel, AlertDelivery, AlertLog, DeliveryStatus
from addax_common.errors import SkipMessage
from addax_common.logging import get_logger
from addax_common.reliable_queue import QUEUE_ALERT_DELIVERIES, Message
from addax_common.secret_box import SecretBox, SecretBoxError
from addax_common.storage import BUCKET_THUMBNAILS
from addax_common.worker import BatchResult

log = get_logger(__name__)


class DeliverHandler:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.settings = ctx.settings
        self.box = SecretBox(ctx.settings.alerts_secret_key)
        self.queue = ctx.queue(QUEUE_ALERT_DELIVERIES)

    def __call__(self, messages: list[Message]) -> BatchResult:
        results: BatchResult = {}
        for message in messages:
            try:
                self.deliver(int(message.image_id))
                results[message.image_id] = None
            except ValueError:
                results[message.image_id] = SkipMessage(f"not a delivery id: {message.image_id!r}")
            except Exception as exc:  # noqa: BLE001 - reported per message to the worker loop
                results[message.image_id] = exc
        return results

    def deliver(self, delivery_id: int, now: datetime | None = None) -> DeliveryStatus:
        retry_in: float | None = None
        with self.ctx.sessions.begin() as session:
            delivery = session.scalars(
                select(AlertDelivery).where(AlertDelivery.id == delivery_id).with_for_update(skip_locked=True)
            ).first()
            if delivery is None:
                raise SkipMessage("delivery gone, or being sent by another consumer")
            if delivery.status is not DeliveryStatus.PENDING:
                raise SkipMessage(f"delivery already {delivery.status.value}")
            now = now or datetime.now(UTC)
            if delivery.next_attempt_at is not None and delivery.next_attempt_at > now + timedelta(seconds=1):
                raise SkipMessage("next attempt not due yet (a delayed message will bring it)")
            channel = session.get(AlertChannel, delivery.channel_id)
            alert = session.get(AlertLog, delivery.alert_log_id)
            if channel is None or alert is None:
                raise SkipMessage("channel or alert deleted")
            retry_in = self.attempt(delivery, channel, alert)
        if retry_in is not None:
            self.queue.push_later(str(delivery_id), delivery.attempts + 1, retry_in)
        return delivery.status

    def attempt(self, delivery: AlertDelivery, channel: AlertChannel, alert: AlertLog) -> float | None:
        """Send once and record the outcome on the locked row; returns the retry delay, if any."""
        kind = channel.kind.value
        delivery.attempts += 1
        try:
            if not channel.enabled:
                raise PermanentError("channel is disabled")
            sender = make_channel(kind, channel.settings, self.box.decrypt(channel.secrets_encrypted),
                                  timeout=self.settings.alerts_channel_timeout_seconds)
            receipt = sender.send(self.notification(alert, delivery), delivery.recipient)
        except RetryableError as exc:
            if delivery.attempts >= self.settings.alerts_delivery_max_attempts:
                self._failed(delivery, kind, f"gave up after {delivery.attempts} attempts: {exc}")
                return None
            delay: float = self.settings.alerts_delivery_backoff_seconds * 2 ** (delivery.attempts - 1)
            delivery.last_error = str(exc)[:2000]
            delivery.next_attempt_at = datetime.now(UTC) + timedelta(seconds=delay)
            NOTIFICATIONS.labels(kind, "retry").inc()
            log.warning("alert_delivery_retrying", delivery_id=delivery.id, channel=kind, attempt=delivery.attempts,
                        delay=delay, error=str(exc)[:300])
            return delay
        except (PermanentError, AlertValidationError, SecretBoxError) as exc:
            self._failed(delivery, kind, str(exc))
            return None
        sent_at = datetime.now(UTC)
        delivery.status = DeliveryStatus.SENT
        delivery.sent_at = sent_at
        delivery.last_error = None
        delivery.receipt = {"provider_id": receipt.provider_id, "status_code": receipt.status_code, **receipt.detail}
        NOTIFICATIONS.labels(kind, "sent").inc()
        DELIVERY_LATENCY.labels(kind).observe(max(0.0, (sent_at - alert.fired_at).total_seconds()))
        log.info("alert_delivered", delivery_id=delivery.id, alert_id=alert.id, channel=kind,
                 attempt=delivery.attempts, provider_id=receipt.provider_id)
        return None

    def _failed(self, delivery: AlertDelivery, kind: str, reason: str) -> None:
        delivery.status = DeliveryStatus.FAILED
        delivery.last_error = reason[:2000]
        delivery.next_attempt_at = None
        NOTIFICATIONS.labels(kind, "failed").inc()
        log.error("alert_delivery_failed", delivery_id=delivery.id, channel=kind, attempt=delivery.attempts,
                  error=reason[:300])

    def notification(self, alert: AlertLog, delivery: AlertDelivery) -> Notification:
        payload: dict[str, Any] = dict(alert.payload)
        thumbnail = None
        key = payload.pop("thumbnail_key", None)
        if key:
            try:
                thumbnail = self.ctx.storage.get(BUCKET_THUMBNAILS, key)
            except Exception as exc:  # noqa: BLE001 - a missing picture must not stop the alert
                log.warning("alert_thumbnail_unavailable", alert_id=alert.id, error=str(exc))
        return render(alert_id=alert.id, kind=alert.kind.value, reason=alert.reason, payload=payload,
                      fired_at=alert.fired_at, idempotency_key=delivery.idempotency_key, thumbnail=thumbnail,
                      base_url=self.settings.alerts_public_base_url)
