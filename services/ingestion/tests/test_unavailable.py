"""Storage or database unavailable: the upload stays where it is, no row; once the dependency is
back, the retry (backoff) or the periodic scan ingests it. Nothing is lost."""

from __future__ import annotations

import hashlib

import boto3
from botocore.config import Config

from addax_common.context import make_context
from addax_common.db import ImageStatus
from addax_common.ingest.ingest import Ingestor, Outcome
from addax_common.metrics import INGESTED
from addax_common.storage import BUCKET_RAW, DirectoryStorage, S3Storage
from addax_ingestion.pipeline import IngestPipeline
from addax_ingestion.watcher import UploadWatcher
from tests.support.servers import free_port


def _retries() -> float:
    return INGESTED.labels(outcome="retry")._value.get()


def test_directory_storage_unavailable_then_back(settings, ctx, results, put_upload, jpeg, db, wait_for, tmp_path):
    # The storage root is a plain file: every write fails the way a missing/read-only mount does
    # (the tests run as root, so file permissions would not stop a write).
    broken_root = tmp_path / "objects"
    broken_root.write_text("not a directory")
    ctx.storage = DirectoryStorage(broken_root, "", "secret")
    pipeline = IngestPipeline(Ingestor(ctx), backoff_seconds=0.2, on_result=results.append)
    data = jpeg(seed=1)
    path = put_upload("kept.jpg", data)
    retries_before = _retries()

    watcher = UploadWatcher(settings, pipeline).start()
    try:
        wait_for(lambda: len(results) >= 2, what="two failed attempts (first + one backoff retry)")
        assert all(r.outcome is Outcome.RETRY and "storage unavailable" in r.reason for r in results)
        assert path.read_bytes() == data  # the upload is untouched
        assert db.images() == []
        assert _retries() >= retries_before + 2
        assert pipeline.retry_pending()[IngestPipeline.key(path)] >= 2

        # Storage comes back.
        broken_root.unlink()
        ctx.storage.ensure_buckets()
        [row] = wait_for(lambda: db.images(), what="ingest after storage is back")
    finally:
        watcher.stop()
        pipeline.shutdown()
    assert row.status == ImageStatus.RECEIVED and row.sha256 == hashlib.sha256(data).hexdigest()
    assert ctx.storage.get(BUCKET_RAW, row.storage_key) == data
    wait_for(lambda: not path.exists(), what="upload removed after the commit")
    assert pipeline.retry_pending() == {}


def test_s3_endpoint_down_then_back(ctx, s3_storage, put_upload, jpeg, db):
    dead = boto3.client(
        "s3", endpoint_url=f"http://127.0.0.1:{free_port()}", aws_access_key_id="x", aws_secret_access_key="x",
        region_name="us-east-1",
        config=Config(connect_timeout=0.5, read_timeout=0.5, retries={"max_attempts": 1}),
    )
    ctx.storage = S3Storage(dead, bucket_prefix="down-")
    ingestor = Ingestor(ctx)
    data = jpeg(seed=2)
    path = put_upload("s3.jpg", data)

    first = ingestor.ingest_file(path)
    assert first.outcome is Outcome.RETRY and "storage unavailable" in first.reason
    assert path.exists() and db.images() == []

    ctx.storage = s3_storage  # the endpoint is reachable again
    second = ingestor.ingest_file(path)
    assert second.outcome is Outcome.RECEIVED
    [row] = db.images()
    assert s3_storage.get(BUCKET_RAW, row.storage_key) == data
    assert not path.exists()


def test_database_down_then_back(settings, ctx, put_upload, jpeg, db, monkeypatch):
    down = make_context(settings.model_copy(update={"database_url": f"postgresql+psycopg2://postgres@127.0.0.1:{free_port()}/x"}),
                        storage=ctx.storage)
    data = jpeg(seed=3)
    path = put_upload("db.jpg", data)
    try:
        result = Ingestor(down).ingest_file(path)
    finally:
        down.close()
    assert result.outcome is Outcome.RETRY and "database unavailable" in result.reason
    assert path.read_bytes() == data
    assert db.images() == []

    # The database fails only at the INSERT, after the original was stored: the object is removed
    # again (no orphan), the upload stays.
    down = make_context(settings.model_copy(update={"database_url": f"postgresql+psycopg2://postgres@127.0.0.1:{free_port()}/x"}),
                        storage=ctx.storage)
    late = Ingestor(down)
    monkeypatch.setattr(late, "_count_duplicate", lambda _upload: False)
    monkeypatch.setattr(late.cameras, "identify", lambda **_kw: None)
    try:
        result = late.ingest_file(path)
    finally:
        down.close()
    assert result.outcome is Outcome.RETRY and "database unavailable" in result.reason
    assert list((settings.storage_dir / BUCKET_RAW).rglob("*.jpg")) == []
    assert path.exists()

    assert Ingestor(ctx).ingest_file(path).outcome is Outcome.RECEIVED
    [row] = db.images()
    assert row.sha256 == hashlib.sha256(data).hexdigest()
    # The failed attempt left no orphan object behind: exactly one original in raw-images.
    stored = [p for p in (settings.storage_dir / BUCKET_RAW).rglob("*.jpg")]
    assert len(stored) == 1


def test_redis_down_after_commit_keeps_the_image(settings, ctx, put_upload, jpeg, db):
    """The row is the record: if the wake-up message cannot be sent, the image stays `received`
    (the reconciler re-enqueues images that do not move) and the upload is still removed."""
    no_redis = make_context(settings.model_copy(update={"redis_url": f"redis://127.0.0.1:{free_port()}/0"}),
                            storage=ctx.storage)
    path = put_upload("r.jpg", jpeg(seed=4))
    try:
        result = Ingestor(no_redis).ingest_file(path)
    finally:
        no_redis.close()
    assert result.outcome is Outcome.RECEIVED
    [row] = db.images()
    assert row.status == ImageStatus.RECEIVED
    assert not path.exists()
