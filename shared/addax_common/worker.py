"""The consume -> handle -> acknowledge loop every pipeline worker shares (ARCHITECTURE §3).

A stage supplies a handler that processes a batch of image ids and reports, per image, success or
the exception that stopped it. The loop does the rest: heartbeat, reaping dead consumers, retries
with exponential backoff, dead letters, marking images `failed`, and reconciling images whose state
has not moved (e.g. after Redis lost its data).
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import FrameType
from typing import TypeVar

import redis
from sqlalchemy import select, tuple_, update
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session

from addax_common.context import ServiceContext, make_context
from addax_common.db.images import Image, ImageStatus
from addax_common.errors import PermanentError, SkipMessage
from addax_common.events import IMAGE_FAILED
from addax_common.logging import bind_image, configure_logging, get_logger
from addax_common.metrics import (
    BATCH_SIZE,
    FAILED,
    OUTAGES,
    PROCESSED,
    REAPED,
    RECONCILED,
    REDIS_DATA_LOST,
    RETRIED,
    STAGE_DURATION,
    register_queue_collector,
    start_metrics_server,
)
from addax_common.model_check import EXIT_MODEL_ERROR, ModelError, refuse_model
from addax_common.reliable_queue import DeadLetters, Heartbeats, Message, RedisEpoch, ReliableQueue
from addax_common.settings import get_settings

log = get_logger(__name__)


T = TypeVar("T")
R = TypeVar("R")

# image_id -> None on success, or the exception that stopped it.
BatchResult = dict[str, Exception | None]
BatchHandler = Callable[[list[Message]], BatchResult]

# A database that cannot be reached (down, restarting, network). Other database errors are bugs or
# bad data and still stop the loop.
DATABASE_OUTAGE = (OperationalError, InterfaceError)


def for_each_image(
    results: BatchResult, items: Iterable[T], image_id: Callable[[T], object], action: Callable[[T], R]
) -> list[R]:
    """Run `action` per item with its image_id bound to the logs; a failure is recorded in `results`
    for that image only, so one bad image never sinks the rest of its batch. Returns the successes."""
    done: list[R] = []
    for item in items:
        key = str(image_id(item))
        with bind_image(key):
            try:
                done.append(action(item))
                results[key] = None
            except Exception as exc:  # noqa: BLE001 - reported per image to the worker loop
                results[key] = exc
    return done


def for_each_image_concurrently(
    results: BatchResult, items: Iterable[T], image_id: Callable[[T], object], action: Callable[[T], R],
    pool: Executor | None,
) -> list[R]:
    """`for_each_image` with the actions run side by side on `pool`'s threads (serially without a
    pool): for per-image work that mostly runs outside the GIL (JPEG decoding and encoding, file writes
    and their fsync, database round trips), so that one image's waits and C code overlap another's
    instead of leaving cores idle between two model calls. Each action gets its image_id bound to the
    logs and its own failure, as in `for_each_image`; the successes keep the order of `items`."""
    items = list(items)
    if pool is None or len(items) < 2:
        return for_each_image(results, items, image_id, action)

    def one(item: T) -> tuple[BatchResult, list[R]]:
        own: BatchResult = {}
        return own, for_each_image(own, [item], image_id, action)

    done: list[R] = []
    for own, successes in pool.map(one, items):  # map keeps the order of items
        results.update(own)
        done.extend(successes)
    return done


@dataclass
class Stage:
    name: str  # "detection", used in metrics and consumer names
    queue: str  # the input queue
    handler: BatchHandler
    batch_size: int = 1
    # Unfinished states whose images belong in this stage's input queue (for the reconciler).
    reconcile_states: Sequence[ImageStatus] = ()
    # What giving up on a message means (after its last attempt): by default the image is `failed`.
    # A stage whose messages name something else (the alert deliveries) or that must not fail an
    # image it only reads (alert evaluation) passes its own.
    on_give_up: Callable[[ServiceContext, str, str], None] | None = None


class Worker:
    def __init__(self, ctx: ServiceContext, stage: Stage, consumer: str | None = None) -> None:
        self.ctx = ctx
        self.stage = stage
        self.settings = ctx.settings
        self.consumer = consumer or f"{stage.name}-{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.queue = ReliableQueue(ctx.redis, stage.queue, self.settings.redis_prefix)
        self.heartbeats = Heartbeats(ctx.redis, self.settings.redis_prefix, self.settings.heartbeat_ttl_seconds)
        self.dead_letters = DeadLetters(ctx.redis, self.settings.redis_prefix)
        self.epoch = RedisEpoch(ctx.redis, self.settings.redis_prefix)
        self.stop_event = threading.Event()
        self._last_reconcile = 0.0
        # Set when Redis lost its data: reconcile everything older than this moment at once.
        self._lost_at: datetime | None = None
        # Consecutive rounds cut short by an outage; when > 0 this consumer's processing list may hold
        # messages no round will finish.
        self._outages = 0
        self.reconcile_page_size = 1000

    # --- lifecycle ------------------------------------------------------------------------------
    def run(self) -> None:
        log.info("worker_started", stage=self.stage.name, consumer=self.consumer, queue=self.queue.key)
        beat_thread = threading.Thread(target=self._housekeeping_loop, name="housekeeping", daemon=True)
        self.heartbeats.beat(self.consumer)
        beat_thread.start()
        while not self.stop_event.is_set():
            try:
                if self._outages:
                    self._release_own_messages()
                self.run_once(timeout=1.0)
                self._outages = 0
            except redis.RedisError as exc:
                self._ride_out("redis", exc)
            except DATABASE_OUTAGE as exc:
                self._ride_out("database", exc)
        # Housekeeping must not beat again after the heartbeat is removed.
        beat_thread.join(timeout=max(1.0, self.settings.heartbeat_ttl_seconds))
        try:
            self.heartbeats.stop(self.consumer)
        except redis.RedisError as exc:
            log.warning("heartbeat_not_removed", error=str(exc))
        log.info("worker_stopped", consumer=self.consumer)

    def _ride_out(self, dependency: str, exc: Exception) -> None:
        """A round cut short by Redis or PostgreSQL being unreachable: wait with backoff and go on."""
        self._outages += 1
        OUTAGES.labels(self.stage.name, dependency).inc()
        delay = min(self.settings.outage_backoff_max_seconds, 0.5 * 2 ** min(self._outages - 1, 16))
        log.warning(f"{dependency}_unavailable", stage=self.stage.name, error=str(exc), retry_in=delay)
        self.stop_event.wait(delay)

    def _release_own_messages(self) -> None:
        """The round an outage cut short may have left its batch unacknowledged in this consumer's
        processing list; the reaper skips live consumers and the reconciler skips queued images, so
        nothing else would ever pick them up. Handlers are idempotent: handing them back is safe."""
        released = self.queue.release(self.consumer)
        if released:
            log.warning("released_own_messages", queue=self.stage.queue, count=released)

    def install_signal_handlers(self) -> None:
        def _stop(signum: int, _frame: FrameType | None) -> None:
            log.info("worker_stopping", signal=signum)
            self.stop_event.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)

    def _housekeeping_loop(self) -> None:
        interval = max(0.5, self.settings.heartbeat_ttl_seconds / 3)
        while not self.stop_event.wait(interval):
            try:
                self.heartbeats.beat(self.consumer)
                self.housekeeping()
            except Exception as exc:  # noqa: BLE001 - housekeeping must survive outages
                log.warning("housekeeping_failed", error=str(exc))

    def housekeeping(self) -> None:
        """Reap dead consumers, release due retries, reconcile stuck images. Safe to run anywhere."""
        reaped = self.queue.reap(self.heartbeats.is_alive)
        if reaped:
            REAPED.labels(self.stage.queue).inc(reaped)
            log.warning("reaped_dead_consumer_messages", queue=self.stage.queue, count=reaped)
        self.queue.promote_due()
        seen_before = self.epoch.seen is not None
        if self.epoch.changed():
            # Redis is new or came back empty: every message may be gone, so do not wait
            # RECONCILE_AFTER_SECONDS. (Also true at a worker's start: a cheap pass over unqueued images.)
            if seen_before:
                REDIS_DATA_LOST.inc()
                log.warning("redis_data_lost", queue=self.stage.queue)
            self._lost_at = datetime.now(UTC)
        if self._lost_at is not None or time.time() - self._last_reconcile >= self.settings.reconcile_interval_seconds:
            self._last_reconcile = time.time()
            self.reconcile()

    # --- one round ------------------------------------------------------------------------------
    def run_once(self, timeout: float = 1.0) -> int:
        messages = self.queue.take(self.consumer, self.stage.batch_size, timeout)
        if not messages:
            return 0
        valid: dict[str, Message] = {}
        for message in messages:
            if not message.image_id:
                log.error("malformed_message_dropped", raw=message.raw[:200])
                self.queue.ack(self.consumer, message)
            elif message.image_id in valid:
                # At-least-once delivery can name an image twice in one batch (a reconciler's re-push
                # beside the original). Results are per image, so the second copy's skip would overwrite
                # the first's success: handle the image once, drop the copy.
                log.info("duplicate_message_dropped", stage=self.stage.name, image_id=message.image_id)
                self.queue.ack(self.consumer, message)
            else:
                valid[message.image_id] = message
        if valid:
            self._handle(list(valid.values()))
        return len(messages)

    def _handle(self, messages: list[Message]) -> None:
        started = time.perf_counter()
        try:
            results = self.stage.handler(messages)
        except Exception as exc:  # the whole batch failed (e.g. database down)
            log.exception("batch_failed", stage=self.stage.name, size=len(messages))
            results = {m.image_id: exc for m in messages}
        per_image = (time.perf_counter() - started) / len(messages)
        BATCH_SIZE.labels(self.stage.name).observe(len(messages))
        for message in messages:
            error = results.get(message.image_id, RuntimeError("handler returned no result for this image"))
            with bind_image(message.image_id):
                if error is None:
                    STAGE_DURATION.labels(self.stage.name).observe(per_image)
                    PROCESSED.labels(self.stage.name).inc()
                elif isinstance(error, SkipMessage):
                    log.info("message_skipped", stage=self.stage.name, reason=str(error))
                else:
                    self._on_error(message, error)
            # Acknowledge last: a crash before this line leaves the message for the reaper.
            self.queue.ack(self.consumer, message)

    def _on_error(self, message: Message, error: Exception) -> None:
        reason = f"{self.stage.name}: {type(error).__name__}: {error}"
        if isinstance(error, PermanentError) or message.attempt >= self.settings.queue_max_attempts:
            log.error("image_failed", stage=self.stage.name, attempt=message.attempt, error=reason)
            FAILED.labels(self.stage.name).inc()
            # The database first: if it is down the message stays unacknowledged and comes back, and
            # the dead letter is written once, after the image is really `failed`.
            (self.stage.on_give_up or mark_failed)(self.ctx, message.image_id, reason)
            self.dead_letters.add(self.stage.queue, message, reason)
            return
        delay = self.settings.queue_backoff_seconds * 2 ** (message.attempt - 1)
        log.warning("attempt_failed_retrying", stage=self.stage.name, attempt=message.attempt, delay=delay, error=reason)
        RETRIED.labels(self.stage.name).inc()
        self.queue.push_later(message.image_id, message.attempt + 1, delay)

    # --- reconciler -----------------------------------------------------------------------------
    def reconcile(self) -> int:
        """Enqueue again the images of this stage whose state has not moved for too long, or, after
        Redis lost its data, every image of this stage that no queue names.

        Redis may lose every message (it can run without persistence); PostgreSQL cannot.
        A lock keeps several replicas of a stage from reconciling at the same moment.
        """
        if not self.stage.reconcile_states:
            self._lost_at = None
            return 0
        lock = self.ctx.redis.set(
            self.settings.key(f"lock:reconcile:{self.stage.queue}"), self.consumer, nx=True,
            ex=max(5, int(self.settings.reconcile_interval_seconds)),
        )
        if not lock:
            return 0  # another replica is at it; a pending pass after data loss stays pending
        cutoff = datetime.now(UTC) - timedelta(seconds=self.settings.reconcile_after_seconds)
        if self._lost_at is not None:
            cutoff = max(cutoff, self._lost_at)
        self._lost_at = None
        # One read of every queued id per pass: a pass may look at thousands of images.
        queued = self.queue.queued_ids()
        requeued = 0
        after: tuple[datetime, uuid.UUID] | None = None
        while True:
            page = self._stuck_page(cutoff, after)
            lost = [str(image_id) for image_id, _ in page if str(image_id) not in queued]
            self.queue.push_many(lost)
            requeued += len(lost)
            if len(page) < self.reconcile_page_size:
                break
            last_id, last_updated = page[-1]
            after = (last_updated, last_id)
        if requeued:
            RECONCILED.labels(self.stage.queue).inc(requeued)
            log.warning("reconciled_stuck_images", queue=self.stage.queue, count=requeued)
        return requeued

    def _stuck_page(self, cutoff: datetime, after: tuple[datetime, uuid.UUID] | None) -> list[tuple[uuid.UUID, datetime]]:
        """The next page of this stage's images unchanged since `cutoff`, oldest first (keyset paging)."""
        query = (
            select(Image.id, Image.updated_at)
            .where(Image.status.in_(list(self.stage.reconcile_states)), Image.updated_at < cutoff)
            .order_by(Image.updated_at, Image.id)
            .limit(self.reconcile_page_size)
        )
        if after is not None:
            query = query.where(tuple_(Image.updated_at, Image.id) > after)
        with self.ctx.sessions() as session:
            return [(row.id, row.updated_at) for row in session.execute(query)]


# The time column a stage stamps when it claims an image (ARCHITECTURE §2).
STARTED_AT = {ImageStatus.DETECTING: "detection_started_at", ImageStatus.CLASSIFYING: "classification_started_at"}


def claim_image(session: Session, image_id: uuid.UUID, claimable: Sequence[ImageStatus], to: ImageStatus) -> Image:
    """Lock the image row and move it into this stage's working state, stamping the stage's start time.

    A message for an image that is gone or already past this stage is a duplicate (at-least-once
    delivery, the reconciler): SkipMessage acknowledges it without touching anything."""
    image = session.get(Image, image_id, with_for_update=True)
    if image is None:
        raise SkipMessage("image no longer exists")
    if image.status not in claimable:
        raise SkipMessage(f"image is {image.status.value}; this stage takes {'/'.join(s.value for s in claimable)}")
    image.status = to
    setattr(image, STARTED_AT[to], datetime.now(UTC))
    return image


def mark_failed(ctx: ServiceContext, image_id: str, reason: str) -> None:
    with ctx.sessions.begin() as session:
        row = session.execute(
            update(Image)
            .where(Image.id == uuid.UUID(image_id), Image.status.not_in([ImageStatus.COMPLETED, ImageStatus.REJECTED]))
            .values(status=ImageStatus.FAILED, error=reason[:4000], failed_at=datetime.now(UTC))
            .returning(Image.camera_id, Image.project_id)
        ).first()
    camera_id, project_id = (row.camera_id, row.project_id) if row is not None else (None, None)
    ctx.events.publish(IMAGE_FAILED, project_id=project_id, image_id=image_id, camera_id=camera_id, error=reason[:500])


def serve(service: str, build_stage: Callable[[ServiceContext], Stage]) -> None:
    """Entry point of a worker process: logging, wiring, the stage (model loaded and warmed), metrics, loop."""
    settings = get_settings()
    configure_logging(service, settings.log_level)
    ctx = make_context(settings)
    try:
        stage = build_stage(ctx)
    except ModelError as exc:
        refuse_model(ctx, service, exc)
        ctx.close()
        sys.exit(EXIT_MODEL_ERROR)
    register_queue_collector(ctx.redis, settings.redis_prefix)
    port = start_metrics_server(service, settings.metrics_port)
    log.info("service_ready", service=service, metrics_port=port, queue=stage.queue, batch_size=stage.batch_size)
    worker = Worker(ctx, stage)
    worker.install_signal_handlers()
    worker.run()
    ctx.close()
