import time
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from addax_common.db import Image, ImageStatus
from addax_common.errors import PermanentError, SkipMessage
from addax_common.reliable_queue import DeadLetters
from addax_common.worker import Stage, Worker


def add_image(ctx, status=ImageStatus.RECEIVED) -> uuid.UUID:
    image_id = uuid.uuid4()
    with ctx.sessions.begin() as s:
        s.add(Image(id=image_id, original_filename="a.jpg", sha256=uuid.uuid4().hex * 2, file_size=1, status=status))
    return image_id


def get(ctx, image_id) -> Image:
    with ctx.sessions() as s:
        return s.get(Image, image_id)


def drain(worker, rounds=20, wait=0.05):
    for _ in range(rounds):
        worker.queue.promote_due()
        worker.run_once(timeout=wait)


def test_success_acknowledges(ctx):
    seen = []
    stage = Stage("t", "in", lambda msgs: {m.image_id: seen.append(m.image_id) for m in msgs}, batch_size=4)
    worker = Worker(ctx, stage, consumer="c")
    ids = [str(add_image(ctx)) for _ in range(3)]
    for i in ids:
        worker.queue.push(i)
    assert worker.run_once(timeout=0.1) == 3  # one batch
    assert seen == ids
    assert worker.queue.in_flight("c") == [] and worker.queue.depth() == 0


def test_transient_errors_retry_then_fail_with_reason(ctx):
    calls = []

    def handler(msgs):
        calls.extend(m.attempt for m in msgs)
        return {m.image_id: OSError("storage unreachable") for m in msgs}

    worker = Worker(ctx, Stage("t", "in", handler), consumer="c")
    image_id = add_image(ctx)
    worker.queue.push(image_id)
    deadline = time.time() + 10
    while get(ctx, image_id).status != ImageStatus.FAILED and time.time() < deadline:
        drain(worker, rounds=1, wait=0.1)
    image = get(ctx, image_id)
    assert calls == [1, 2, 3]
    assert image.status == ImageStatus.FAILED and image.failed_at is not None
    assert "storage unreachable" in image.error and image.error.startswith("t: OSError")
    assert DeadLetters(ctx.redis, ctx.settings.redis_prefix).count() == 1
    assert worker.queue.depth() == 0 and worker.queue.delayed_count() == 0


def test_permanent_error_fails_without_retry(ctx):
    worker = Worker(ctx, Stage("t", "in", lambda msgs: {m.image_id: PermanentError("not a jpeg") for m in msgs}), "c")
    image_id = add_image(ctx)
    worker.queue.push(image_id)
    worker.run_once(timeout=0.1)
    assert get(ctx, image_id).status == ImageStatus.FAILED
    assert worker.queue.delayed_count() == 0


def test_skip_acknowledges_without_failing(ctx):
    worker = Worker(ctx, Stage("t", "in", lambda msgs: {m.image_id: SkipMessage("done") for m in msgs}), "c")
    image_id = add_image(ctx, ImageStatus.COMPLETED)
    worker.queue.push(image_id)
    worker.run_once(timeout=0.1)
    assert get(ctx, image_id).status == ImageStatus.COMPLETED
    assert worker.queue.in_flight("c") == []


def test_handler_crash_counts_for_whole_batch(ctx):
    def handler(msgs):
        raise ConnectionError("database down")

    worker = Worker(ctx, Stage("t", "in", handler, batch_size=2), "c")
    a, b = add_image(ctx), add_image(ctx)
    worker.queue.push(a)
    worker.queue.push(b)
    worker.run_once(timeout=0.1)
    assert worker.queue.delayed_count() == 2  # both scheduled for a second attempt


def test_reconciler_requeues_only_stale_images_not_already_queued(ctx):
    settings = ctx.settings.model_copy(update={"reconcile_after_seconds": 60})
    ctx.settings = settings
    worker = Worker(ctx, Stage("t", "in", lambda _m: {}, reconcile_states=(ImageStatus.RECEIVED,)), "c")
    stale, fresh, queued = (add_image(ctx) for _ in range(3))
    done = add_image(ctx, ImageStatus.COMPLETED)
    old = datetime.now(UTC) - timedelta(minutes=5)
    with ctx.sessions.begin() as s:
        s.execute(update(Image).where(Image.id.in_([stale, queued, done])).values(updated_at=old))
    worker.queue.push(queued)
    assert worker.reconcile() == 1
    waiting = [m.image_id for m in worker.queue.take("c", max_items=10, timeout=0.1)]
    assert sorted(waiting) == sorted([str(queued), str(stale)])
    assert str(fresh) not in waiting and str(done) not in waiting


def test_for_each_image_concurrently_overlaps_the_images_and_keeps_failures_per_image():
    import threading
    from concurrent.futures import ThreadPoolExecutor

    import structlog

    from addax_common.worker import for_each_image_concurrently

    both_running = threading.Barrier(2, timeout=5)  # serially, the first action would wait forever
    bound: dict[str, str] = {}

    def action(name: str) -> str:
        bound[name] = structlog.contextvars.get_contextvars().get("image_id")
        if name in ("a", "b"):
            both_running.wait()
        if name == "bad":
            raise PermanentError("cannot decode")
        return name.upper()

    results: dict = {}
    with ThreadPoolExecutor(2) as pool:
        done = for_each_image_concurrently(results, ["a", "b", "bad", "c"], lambda n: n, action, pool)
    assert done == ["A", "B", "C"]  # the order of the items, the failure left out
    assert [k for k, v in results.items() if v is None] == ["a", "b", "c"]
    assert isinstance(results["bad"], PermanentError)
    assert bound == {"a": "a", "b": "b", "bad": "bad", "c": "c"}  # each action logs with its image_id

    serial: dict = {}
    assert for_each_image_concurrently(serial, ["x", "bad"], lambda n: n, action, None) == ["X"]
    assert serial["x"] is None and isinstance(serial["bad"], PermanentError)


def test_an_image_named_twice_in_one_batch_is_handled_and_counted_once(ctx):
    from addax_common.metrics import PROCESSED

    seen = []

    def handler(msgs):
        # Like the real handlers: the second claim of an image already claimed in this batch is a skip.
        results = {}
        for m in msgs:
            results[m.image_id] = SkipMessage("claimed already") if m.image_id in seen else None
            seen.append(m.image_id)
        return results

    worker = Worker(ctx, Stage("twice", "in", handler, batch_size=8), "c")
    a, b = str(add_image(ctx)), str(add_image(ctx))
    before = PROCESSED.labels("twice")._value.get()
    for image_id in (a, a, b):
        worker.queue.push(image_id)
    assert worker.run_once(timeout=0.1) == 3
    assert sorted(seen) == sorted([a, b])
    assert PROCESSED.labels("twice")._value.get() - before == 2  # the copy's skip no longer hides a's success
    assert worker.queue.in_flight("c") == [] and worker.queue.depth() == 0
