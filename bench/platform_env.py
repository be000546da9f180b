"""Settings for a benchmark that runs the platform as processes outside pytest: a throw-away migrated
database, a Redis key prefix of its own and the demo ONNX models, built into a temporary directory
(the same steps as the test fixtures in tests/support/fixtures.py)."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import redis

from addax_common.settings import Settings
from tests.support.database import create_test_database, drop_database

REDIS_URL = "redis://127.0.0.1:6379/0"


@contextlib.contextmanager
def bench_platform(**overrides) -> Iterator[Settings]:
    url = create_test_database()
    prefix = f"bench-{uuid.uuid4().hex[:8]}:"
    with tempfile.TemporaryDirectory(prefix="bp", dir="/tmp") as tmp:
        work = Path(tmp)
        models = work / "models"
        subprocess.run([sys.executable, "-m", "addax_models.build_demo", "--out", str(models)], check=True,
                       capture_output=True)
        settings = Settings(
            _env_file=None, environment="test", database_url=url, redis_url=REDIS_URL, redis_prefix=prefix,
            storage_backend="directory", storage_dir=work / "storage", upload_dir=work / "uploads",
            detector_model_path=models / "demo-detector.onnx", classifier_model_path=models / "demo-classifier.onnx",
            queue_backoff_seconds=0.2, heartbeat_ttl_seconds=5, ingest_stable_seconds=0.3, cookie_secure=False,
        ).model_copy(update=overrides)
        try:
            yield settings
        finally:
            drop_database(url)
            client = redis.Redis.from_url(REDIS_URL)
            keys = list(client.scan_iter(match=f"{prefix}*", count=500))
            if keys:
                client.delete(*keys)
            client.close()
