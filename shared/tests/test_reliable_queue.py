import time
import uuid

import pytest
import redis

from addax_common.reliable_queue import DeadLetters, Heartbeats, Message, ReliableQueue


@pytest.fixture
def client(settings):
    c = redis.Redis.from_url(settings.redis_url, decode_responses=True)
    yield c
    c.close()


@pytest.fixture
def queue(client, settings):
    return ReliableQueue(client, "work", settings.redis_prefix)


def test_fifo_and_message_fields(queue):
    ids = [str(uuid.uuid4()) for _ in range(3)]
    for i in ids:
        queue.push(i)
    taken = queue.take("c1", max_items=3, timeout=0.1)
    assert [m.image_id for m in taken] == ids
    assert all(m.attempt == 1 and m.enqueued_at > 0 for m in taken)


def test_message_stays_in_processing_until_ack(queue):
    queue.push("a")
    [msg] = queue.take("c1", timeout=0.1)
    assert queue.depth() == 0
    assert [m.image_id for m in queue.in_flight("c1")] == ["a"]
    assert "a" in queue.queued_ids()
    queue.ack("c1", msg)
    assert queue.in_flight("c1") == []
    assert "a" not in queue.queued_ids()


def test_batch_take_respects_max_items(queue):
    for i in range(5):
        queue.push(f"img{i}")
    assert len(queue.take("c1", max_items=4, timeout=0.1)) == 4
    assert queue.depth() == 1


def test_take_times_out_empty(queue):
    started = time.monotonic()
    assert queue.take("c1", timeout=0.2) == []
    assert time.monotonic() - started >= 0.15


def test_reaper_returns_messages_of_dead_consumer_only(queue, client, settings):
    beats = Heartbeats(client, settings.redis_prefix, ttl_seconds=1)
    beats.beat("alive")
    queue.push("x")
    queue.push("y")
    queue.take("dead", timeout=0.1)
    queue.take("alive", timeout=0.1)
    assert queue.reap(beats.is_alive) == 1
    assert queue.depth() == 1
    assert [m.image_id for m in queue.in_flight("alive")] == ["y"]
    time.sleep(1.2)  # the live consumer stops beating: its heartbeat expires
    assert queue.reap(beats.is_alive) == 1
    assert sorted(m.image_id for m in queue.take("c3", max_items=5, timeout=0.1)) == ["x", "y"]


def test_delayed_retry_is_promoted_when_due(queue):
    queue.push_later("r", attempt=2, delay_seconds=0.3)
    assert queue.depth() == 0 and queue.delayed_count() == 1
    assert queue.queued_ids() == {"r"}
    assert queue.promote_due() == 0
    time.sleep(0.35)
    assert queue.promote_due() == 1
    [msg] = queue.take("c", timeout=0.1)
    assert (msg.image_id, msg.attempt) == ("r", 2)


def test_corrupt_entry_decodes_without_image_id(queue, client):
    client.lpush(queue.key, "not json")
    [msg] = queue.take("c", timeout=0.1)
    assert msg.image_id == "" and msg.raw == "not json"
    queue.ack("c", msg)
    assert queue.in_flight("c") == []


def test_dead_letters_record_error(client, settings):
    dl = DeadLetters(client, settings.redis_prefix)
    dl.add("image-ingested", Message("abc", 3, raw="{}"), "boom")
    assert dl.count() == 1
    assert dl.entries()[0]["error"] == "boom" and dl.entries()[0]["image_id"] == "abc"


def test_prefix_isolates_queues(client, settings):
    a = ReliableQueue(client, "work", settings.redis_prefix + "a:")
    b = ReliableQueue(client, "work", settings.redis_prefix + "b:")
    a.push("1")
    assert b.depth() == 0 and a.depth() == 1


def test_bounded_push_drops_the_oldest(queue):
    for i in range(5):
        queue.push(f"img{i}", max_length=3)
    assert queue.depth() == 3
    assert [m.image_id for m in queue.take("c", max_items=5, timeout=0.1)] == ["img2", "img3", "img4"]
