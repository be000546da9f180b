"""Reliability (issue 3, point 7): a killed worker, a wiped Redis and missing storage lose nothing."""

from __future__ import annotations

import shutil
import time

import pytest
import redis
from sqlalchemy import func, select

from addax_common.db import Classification, Detection, Image, ImageStatus
from addax_common.reliable_queue import QUEUE_IMAGE_INGESTED, DeadLetters, ReliableQueue
from tests.support.pipeline import Db, ftps_upload
from tests.support.stack import Stack, wait_until
from tests.test_pipeline import synthetic_uploads

pytestmark = pytest.mark.slow


def assert_no_duplicate_rows(db: Db, expected_images: int) -> None:
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Image)) == expected_images
        per_detection = s.execute(
            select(Classification.detection_id, func.count()).where(Classification.source == "machine")
            .group_by(Classification.detection_id)
        ).all()
        assert per_detection and all(count == 5 for _, count in per_detection)
        indexes = s.execute(select(Detection.image_id, func.count(), func.max(Detection.index)).group_by(Detection.image_id)).all()
        assert all(count == top + 1 for _, count, top in indexes)  # 0..n-1, no gaps, no repeats


@pytest.fixture
def base_settings(model_settings):
    return model_settings.model_copy(update={"ftps_accounts": "trailcam:s3cret-pass", "detection_batch_size": 4})


def test_worker_killed_with_sigkill_mid_batch_loses_nothing(base_settings, tmp_path):
    stack = Stack(base_settings, tmp_path / "logs").start("ingestion")
    db = Db(base_settings.database_url)
    try:
        ftps_upload(stack.settings, [(n, j) for n, j, _ in synthetic_uploads(12, seed=3)])
        wait_until(lambda: db.count(ImageStatus.RECEIVED) == 12, 60, what="12 received")
        client = redis.Redis.from_url(base_settings.redis_url)
        queue = ReliableQueue(client, QUEUE_IMAGE_INGESTED, base_settings.redis_prefix)

        stack.start("detection")
        wait_until(lambda: queue.in_flight_count() > 0, 30, interval=0.002, what="a batch in flight")
        stack.kill("detection")  # SIGKILL: no cleanup, no acknowledgement
        in_flight_at_kill = queue.in_flight_count()
        assert in_flight_at_kill > 0
        assert db.count(ImageStatus.COMPLETED) == 0

        stack.start("detection", "classification")  # a new consumer; the reaper returns the dead one's batch
        wait_until(lambda: db.count(ImageStatus.COMPLETED) == 12, 120, what="12 completed after the kill")
        assert db.status_counts() == {"completed": 12}
        assert queue.in_flight_count() == 0
        assert DeadLetters(client, base_settings.redis_prefix).count() == 0
        assert_no_duplicate_rows(db, 12)
        assert '"reaped_dead_consumer_messages"' in stack.logs("detection") + stack.logs("classification")
    finally:
        stack.stop()
        db.close()


def test_redis_flushall_loses_nothing(base_settings, private_redis, tmp_path):
    settings = base_settings.model_copy(
        update={"redis_url": private_redis.url, "reconcile_after_seconds": 2, "reconcile_interval_seconds": 1}
    )
    stack = Stack(settings, tmp_path / "logs").start("ingestion", "detection")
    db = Db(settings.database_url)
    uploads = synthetic_uploads(10, seed=5)
    try:
        ftps_upload(stack.settings, [(n, j) for n, j, _ in uploads[:6]])
        wait_until(lambda: db.count(ImageStatus.DETECTED) == 6, 60, what="6 detected")
        stack.kill("detection")
        ftps_upload(stack.settings, [(n, j) for n, j, _ in uploads[6:]])
        wait_until(lambda: db.count(ImageStatus.RECEIVED) == 4, 60, what="4 received")

        client = redis.Redis.from_url(private_redis.url)
        assert client.dbsize() > 0
        client.flushall()  # every queued message of both stages is gone
        assert client.dbsize() == 0

        stack.start("detection", "classification")
        wait_until(lambda: db.count(ImageStatus.COMPLETED) == 10, 120, what="10 completed after FLUSHALL")
        assert db.status_counts() == {"completed": 10}
        assert_no_duplicate_rows(db, 10)
        logs = stack.logs("detection") + stack.logs("classification")
        assert '"reconciled_stuck_images"' in logs
    finally:
        stack.stop()
        db.close()


def test_storage_unavailable_retries_then_fails_with_reason(base_settings, tmp_path):
    stack = Stack(base_settings, tmp_path / "logs").start("ingestion")
    db = Db(base_settings.database_url)
    try:
        ftps_upload(stack.settings, [(n, j) for n, j, _ in synthetic_uploads(2, seed=9)])
        wait_until(lambda: db.count(ImageStatus.RECEIVED) == 2, 60, what="2 received")
        raw = base_settings.storage_dir / "raw-images"
        shutil.move(raw, tmp_path / "raw-images-away")  # the volume is gone

        started = time.monotonic()
        stack.start("detection")
        wait_until(lambda: db.count(ImageStatus.FAILED) == 2, 60, what="2 failed")
        elapsed = time.monotonic() - started
        with db.session() as s:
            images = s.scalars(select(Image)).all()
        for image in images:
            assert image.attempts == 3  # three tries, then give up
            assert "detection: StorageError" in image.error and "not available" in image.error
            assert image.failed_at is not None
        client = redis.Redis.from_url(base_settings.redis_url)
        assert DeadLetters(client, base_settings.redis_prefix).count() == 2
        assert elapsed >= base_settings.queue_backoff_seconds * 3  # backoff 0.2 s + 0.4 s happened
    finally:
        stack.stop()
        db.close()
