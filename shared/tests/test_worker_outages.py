"""The worker loop rides out Redis and PostgreSQL outages and Redis data loss (issue 13, items 1-4).

Every fault here is made on a private server (tests/support/private_servers.py), never the shared ones.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
import redis
from prometheus_client import REGISTRY
from sqlalchemy import update

from addax_common.context import ServiceContext, make_context
from addax_common.db import Image, ImageStatus
from addax_common.errors import PermanentError
from addax_common.reliable_queue import DeadLetters, ReliableQueue
from addax_common.worker import Stage, Worker
from tests.support.stack import wait_until

# Short waits: an outage is retried after 0.05 s, 0.1 s, ... instead of seconds.
FAST = {"queue_backoff_seconds": 0.05, "outage_backoff_max_seconds": 0.2, "heartbeat_ttl_seconds": 3}


def private_context(settings, **update_settings) -> ServiceContext:
    context = make_context(settings.model_copy(update={**FAST, **update_settings}))
    context.storage.ensure_buckets()
    return context


def add_image(ctx, status=ImageStatus.RECEIVED, age_seconds: float = 0) -> uuid.UUID:
    image_id = uuid.uuid4()
    with ctx.sessions.begin() as s:
        s.add(Image(id=image_id, original_filename="a.jpg", sha256=uuid.uuid4().hex * 2, file_size=1, status=status))
    if age_seconds:
        with ctx.sessions.begin() as s:
            s.execute(update(Image).where(Image.id == image_id)
                      .values(updated_at=datetime.now(UTC) - timedelta(seconds=age_seconds)))
    return image_id


@contextmanager
def running(worker: Worker) -> Iterator[threading.Thread]:
    """The worker's real loop in a thread, stopped and joined before the test closes its context."""
    thread = threading.Thread(target=worker.run, name=f"worker-{worker.consumer}", daemon=True)
    thread.start()
    try:
        yield thread
    finally:
        worker.stop_event.set()
        thread.join(10)


def rejected_calls(client: redis.Redis, command: str) -> int:
    stats = client.info("commandstats").get(f"cmdstat_{command}", {})
    return int(stats.get("rejected_calls", 0))


def command_calls(client: redis.Redis, command: str) -> int:
    return int(client.info("commandstats").get(f"cmdstat_{command}", {}).get("calls", 0))


# --- 1: a Redis error while acknowledging or retrying -------------------------------------------------
@pytest.mark.parametrize(("denied", "first_result"), [("lrem", None), ("zadd", OSError("storage unreachable"))],
                         ids=["acknowledge", "retry"])
def test_redis_error_after_handling_returns_the_batch_to_the_queue(settings, private_redis, denied, first_result):
    ctx = private_context(settings, redis_url=private_redis.url)
    admin = redis.Redis.from_url(private_redis.url)
    calls: list[str] = []

    def handler(messages):
        calls.extend(m.image_id for m in messages)
        if len(calls) == 1:
            # Redis refuses the acknowledgement (LREM) or the retry (ZADD) the loop sends next; the
            # server keeps its data, so the message stays in this live consumer's processing list.
            admin.execute_command("ACL", "SETUSER", "default", f"-{denied}")
            return {m.image_id: first_result for m in messages}
        return {m.image_id: None for m in messages}

    try:
        worker = Worker(ctx, Stage("t", "in", handler), consumer="c")
        image_id = add_image(ctx)
        worker.queue.push(image_id)
        with running(worker) as thread:
            wait_until(lambda: rejected_calls(admin, denied) > 0, 10, interval=0.02, what=f"{denied} refused")
            admin.execute_command("ACL", "SETUSER", "default", f"+{denied}")

            # The consumer is alive, so the reaper leaves its list alone; the worker must hand it back.
            wait_until(lambda: worker.queue.in_flight("c") == [] and worker.queue.depth() == 0
                       and worker.queue.delayed_count() == 0, 5, interval=0.05, what="the message handled again")
            assert calls[0] == str(image_id) and len(calls) >= 2 and set(calls) == {str(image_id)}
            assert thread.is_alive()
    finally:
        admin.close()
        ctx.close()


def status_of(ctx, image_id) -> ImageStatus | None:
    with ctx.sessions() as s:
        image = s.get(Image, image_id)
        return None if image is None else image.status


# --- 2: PostgreSQL down while giving up on an image -------------------------------------------------
def outages(stage: str, dependency: str) -> float:
    return REGISTRY.get_sample_value("addax_worker_outages_total", {"stage": stage, "dependency": dependency}) or 0.0


def test_database_down_while_failing_an_image_is_ridden_out(settings, private_postgres):
    ctx = private_context(settings, database_url=private_postgres.url)
    calls: list[str] = []
    stage = f"db-{uuid.uuid4().hex[:6]}"

    def handler(messages):
        calls.extend(m.image_id for m in messages)
        if len(calls) == 1:
            private_postgres.stop()  # down between the handler and mark_failed
        return {m.image_id: PermanentError("not a jpeg") for m in messages}

    try:
        worker = Worker(ctx, Stage(stage, "in", handler), consumer="c")
        image_id = add_image(ctx)
        worker.queue.push(image_id)
        with running(worker) as thread:
            wait_until(lambda: not thread.is_alive() or outages(stage, "database") > 0, 10, interval=0.02,
                       what="the worker meeting the outage")
            assert thread.is_alive(), "a database outage killed the worker loop"
            private_postgres.restart()
            wait_until(lambda: status_of(ctx, image_id) == ImageStatus.FAILED, 10, interval=0.05,
                       what="the image failed once the database is back")
            wait_until(lambda: worker.queue.in_flight("c") == [], 5, interval=0.05, what="the message acknowledged")
            assert worker.queue.depth() == 0 and thread.is_alive()
        with ctx.sessions() as s:
            assert "not a jpeg" in s.get(Image, image_id).error
        assert DeadLetters(ctx.redis, ctx.settings.redis_prefix).count() == 1  # one give-up, not one per try
    finally:
        ctx.close()


# --- 3: one read of the queued ids per reconcile pass ---------------------------------------------
def test_reconcile_reads_each_redis_list_once_per_pass(settings, private_redis):
    ctx = private_context(settings, redis_url=private_redis.url, reconcile_after_seconds=60)
    admin = redis.Redis.from_url(private_redis.url)
    try:
        worker = Worker(ctx, Stage("t", "in", lambda _m: {}, reconcile_states=(ImageStatus.RECEIVED,)), "c")
        stuck = [add_image(ctx, age_seconds=300) for _ in range(40)]
        worker.queue.push(stuck[0])
        for consumer in ("a", "b"):  # two consumers with work in flight
            worker.queue.push(stuck[1])
            worker.queue.take(consumer, 1, timeout=0.1)
        admin.config_resetstat()
        assert worker.reconcile() == 38
        # The queue and the two processing lists, each read once, however many images are stuck.
        assert command_calls(admin, "lrange") <= 3
        assert command_calls(admin, "zrange") <= 1
        assert worker.queue.depth() == 39
    finally:
        admin.close()
        ctx.close()


# --- 4: Redis loses its data --------------------------------------------------------------------------
def test_redis_data_loss_is_reconciled_at_once(settings, private_redis):
    ctx = private_context(settings, redis_url=private_redis.url, reconcile_after_seconds=600,
                          reconcile_interval_seconds=0.2)
    try:
        worker = Worker(ctx, Stage("t", "in", lambda _m: {}, reconcile_states=(ImageStatus.RECEIVED,)), "c")
        image_id = add_image(ctx, age_seconds=5)  # far younger than RECONCILE_AFTER_SECONDS
        worker.queue.push(image_id)
        worker.housekeeping()
        assert worker.queue.depth() == 1  # still queued: nothing to reconcile

        private_redis.restart()  # back, empty: the message is gone

        def requeued() -> bool:
            try:
                worker.housekeeping()
            except redis.ConnectionError:
                return False  # the client's first command after the restart may meet the dead connection
            return worker.queue.depth() == 1
        wait_until(requeued, 5, interval=0.1, what="the lost message enqueued again")
        assert [m.image_id for m in worker.queue.take("c", 10, timeout=0.1)] == [str(image_id)]
    finally:
        ctx.close()


def test_reconcile_after_data_loss_reaches_past_one_page(settings, private_redis):
    ctx = private_context(settings, redis_url=private_redis.url, reconcile_after_seconds=600)
    try:
        worker = Worker(ctx, Stage("t", "in", lambda _m: {}, reconcile_states=(ImageStatus.RECEIVED,)), "c")
        worker.reconcile_page_size = 7
        ids = {str(add_image(ctx, age_seconds=5)) for _ in range(16)}
        worker.housekeeping()  # a fresh Redis counts as a loss: everything unqueued goes back
        assert {m.image_id for m in worker.queue.take("c", 100, timeout=0.1)} == ids
        assert ReliableQueue(ctx.redis, "in", ctx.settings.redis_prefix).depth() == 0
    finally:
        ctx.close()
