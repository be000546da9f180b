"""pytest fixtures shared by every test folder (loaded by the root conftest.py).

Each test run gets its own database and Redis key prefix (ARCHITECTURE §10): a test never touches
the platform's own data, and two runs can share the machine's PostgreSQL and Redis.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from addax_common.context import ServiceContext, make_context
from addax_common.settings import Settings
from addax_common.storage import DirectoryStorage, S3Storage
from tests.support.database import create_test_database, drop_database, truncate_all
from tests.support.private_servers import PrivatePostgres, PrivateRedis
from tests.support.receivers import HttpReceiver, SmtpReceiver
from tests.support.servers import REPO, S3Server

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    url = create_test_database()
    yield url
    drop_database(url)


@pytest.fixture(scope="session")
def redis_prefix() -> Iterator[str]:
    prefix = f"test-{uuid.uuid4().hex[:8]}:"
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{prefix}*", count=500))
    if keys:
        client.delete(*keys)


@pytest.fixture(scope="session")
def demo_models(tmp_path_factory) -> dict[str, Path]:
    """The small real ONNX models, built once per run by the same script start.sh uses."""
    out = tmp_path_factory.mktemp("models")
    subprocess.run([sys.executable, "-m", "addax_models.build_demo", "--out", str(out)], check=True, cwd=REPO)
    return {"detector": out / "demo-detector.onnx", "classifier": out / "demo-classifier.onnx"}


@pytest.fixture
def settings(database_url, redis_prefix, tmp_path) -> Iterator[Settings]:
    """Fresh settings per test: empty tables, empty Redis keys under the run's prefix, fresh directories."""
    truncate_all(database_url)
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{redis_prefix}*", count=500))
    if keys:
        client.delete(*keys)
    client.close()
    yield Settings(
        _env_file=None,
        environment="test",
        database_url=database_url,
        redis_url=REDIS_URL,
        redis_prefix=redis_prefix,
        storage_backend="directory",
        storage_dir=tmp_path / "storage",
        upload_dir=tmp_path / "uploads",
        upload_staging_dir=tmp_path / "upload-staging",
        detector_model_path=tmp_path / "missing-detector.onnx",
        classifier_model_path=tmp_path / "missing-classifier.onnx",
        queue_backoff_seconds=0.2,
        heartbeat_ttl_seconds=3,
        ingest_stable_seconds=0.3,
        reconcile_after_seconds=600,
        reconcile_interval_seconds=1.0,
        cookie_secure=False,
    )


@pytest.fixture
def model_settings(settings, demo_models) -> Settings:
    return settings.model_copy(
        update={"detector_model_path": demo_models["detector"], "classifier_model_path": demo_models["classifier"]}
    )


@pytest.fixture
def ctx(settings) -> Iterator[ServiceContext]:
    context = make_context(settings)
    context.storage.ensure_buckets()
    yield context
    context.close()


@pytest.fixture
def private_redis(tmp_path) -> Iterator[PrivateRedis]:
    """A Redis server of our own, so a test may wipe, restart or reconfigure it without touching other runs."""
    server = PrivateRedis(tmp_path / "redis").start()
    yield server
    server.stop()


@pytest.fixture
def private_postgres(settings, tmp_path) -> Iterator[PrivatePostgres]:
    """A PostgreSQL cluster of our own holding a copy of this run's (emptied) database, for tests that stop it."""
    server = PrivatePostgres(tmp_path / "postgres", settings.database_url).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    server = S3Server().start()
    yield server
    server.stop()


@pytest.fixture
def s3_storage(s3_server) -> S3Storage:
    import boto3
    from botocore.config import Config

    client = boto3.client(
        "s3", endpoint_url=s3_server.endpoint, aws_access_key_id="test", aws_secret_access_key="test",
        region_name="us-east-1", config=Config(signature_version="s3v4"),
    )
    storage = S3Storage(client, bucket_prefix=f"t{uuid.uuid4().hex[:8]}-")
    storage.ensure_buckets()
    return storage


@pytest.fixture
def directory_storage(tmp_path) -> DirectoryStorage:
    storage = DirectoryStorage(tmp_path / "objects", "", "test-secret")
    storage.ensure_buckets()
    return storage


@pytest.fixture(params=["directory", "s3"])
def any_storage(request):
    """Runs a storage test once per backend: both must behave the same."""
    return request.getfixturevalue(f"{request.param}_storage")


@pytest.fixture
def http_receiver() -> Iterator[HttpReceiver]:
    """A loopback HTTP server recording every request (alert channels, webhooks)."""
    receiver = HttpReceiver()
    yield receiver
    receiver.close()


@pytest.fixture
def smtp_receiver(tmp_path) -> Iterator[SmtpReceiver]:
    """A loopback SMTP server that requires STARTTLS, with a throw-away certificate."""
    receiver = SmtpReceiver(tmp_path)
    yield receiver
    receiver.close()
