"""Several replicas per stage (issue 15, item 5): two detection and two classification processes on the
same Redis and database share 200 images; each image is detected and classified exactly once."""

from __future__ import annotations

import re
import time
import urllib.request
from collections import Counter

import pytest
import redis
from sqlalchemy import func, select

from addax_common.db import Detection, Image, ImageStatus
from addax_common.reliable_queue import QUEUE_DETECTION_COMPLETE, QUEUE_IMAGE_INGESTED, DeadLetters, ReliableQueue
from tests.support.pipeline import Db, EventRecorder, seed_received_images
from tests.support.stack import Stack, wait_until
from tests.test_failures import assert_no_duplicate_rows

pytestmark = pytest.mark.slow

IMAGES = 200
WORKERS = ("detection", "detection#2", "classification", "classification#2")


def processed(port: int, stage: str) -> float:
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    match = re.search(rf'^addax_images_processed_total\{{stage="{stage}"\}} ([0-9.e+]+)$', text, re.M)
    return float(match.group(1)) if match else 0.0


def test_two_replicas_per_stage_complete_each_image_once(model_settings, tmp_path):
    # Nobody dies here, so the production heartbeat TTL: the fixtures' 3 s (for the kill tests) lets a
    # reaper on a loaded CI machine take a slow but live replica's batch, which at-least-once delivery
    # then processes twice (the same rows, but not "once each").
    settings = model_settings.model_copy(
        update={"detection_batch_size": 8, "classification_batch_size": 8, "heartbeat_ttl_seconds": 30}
    )
    ids = seed_received_images(settings, IMAGES)
    stack = Stack(settings, tmp_path / "logs").start(*WORKERS)
    events = EventRecorder(settings)
    db = Db(settings.database_url)
    client = redis.Redis.from_url(settings.redis_url)
    try:
        ReliableQueue(client, QUEUE_IMAGE_INGESTED, settings.redis_prefix).push_many(ids)
        wait_until(lambda: db.count(ImageStatus.COMPLETED) == IMAGES, timeout=150, interval=0.5,
                   what=f"{IMAGES} completed images")
        wait_until(lambda: len(events.of_type("classification_complete")) >= IMAGES, timeout=10, what="events")

        assert db.status_counts() == {"completed": IMAGES}
        with db.session() as s:
            retried = s.scalar(select(func.count()).select_from(Image).where(Image.attempts != 1))
        assert retried == 0, [line for name in WORKERS for line in stack.logs(name).splitlines() if "warning" in line][:20]
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(Detection)) > IMAGES  # 1..3 animals a scene
        assert_no_duplicate_rows(db, IMAGES)
        # Exactly once per stage: one event per image and stage, and the replicas' counters add up.
        for kind in ("detection_complete", "classification_complete"):
            per_image = Counter(e["image_id"] for e in events.of_type(kind))
            assert set(per_image) == set(ids) and set(per_image.values()) == {1}, kind
        # A worker counts an image after its handler returns, the handler publishes the event before
        # that: give the last batch's counters a moment to catch up with the events (at most 10 s).
        def counted() -> dict[str, float]:
            return {name: processed(stack.metrics_ports[name], name.partition("#")[0]) for name in WORKERS}

        counts = counted()
        deadline = time.monotonic() + 10
        while (counts["detection"] + counts["detection#2"] < IMAGES
               or counts["classification"] + counts["classification#2"] < IMAGES) and time.monotonic() < deadline:
            time.sleep(0.2)
            counts = counted()
        assert counts["detection"] + counts["detection#2"] == IMAGES, counts
        assert counts["classification"] + counts["classification#2"] == IMAGES, counts
        assert all(count > 0 for count in counts.values()), f"a replica got no work: {counts}"
        for queue in (QUEUE_IMAGE_INGESTED, QUEUE_DETECTION_COMPLETE):
            assert ReliableQueue(client, queue, settings.redis_prefix).in_flight_count() == 0
        assert DeadLetters(client, settings.redis_prefix).count() == 0
    finally:
        events.close()
        stack.stop()
        db.close()
        client.close()
