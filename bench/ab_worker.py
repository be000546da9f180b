"""One side of bench/bench_api_ab.py: serves timed in-process requests to the API of one source tree.

Run with that tree's packages first on PYTHONPATH. Reads request paths (one per line) on stdin and
answers each with `<milliseconds> <status>` on stdout, so the driver can interleave two trees request
by request and both suffer the same machine noise.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa
from fastapi.testclient import TestClient


def main() -> int:
    url = sys.argv[1]
    from addax_api.main import create_app
    from addax_api.security import create_access_token
    from addax_common.context import make_context
    from addax_common.db import User
    from addax_common.settings import Settings

    settings = Settings(
        _env_file=None, environment="test", database_url=url, redis_prefix=f"ab-{uuid.uuid4().hex[:8]}:",
        rate_limit_per_minute=0, storage_dir=Path(tempfile.mkdtemp(prefix="addax-ab-")),
        frontend_dist_dir=Path("/nonexistent"), jwt_secret="bench-secret-0123456789abcdef0123456789abcdef",
        stats_cache_seconds=0, log_level="WARNING",
    )
    ctx = make_context(settings)
    with ctx.sessions() as db:
        # The driver creates the user (a project member where the tree has projects); pick the first one.
        user = db.scalar(sa.select(User).where(User.email == "ab@example.org"))
        assert user is not None, "bench_api_ab.py creates ab@example.org first"
        headers = {"Authorization": f"Bearer {create_access_token(settings, user, ttl=7200)}"}
    logging.disable(logging.CRITICAL)  # request logs to stdout would mix with the answers
    with TestClient(create_app(settings)) as client:
        print(f"ready {Path(sys.modules['addax_api'].__file__ or '').parent}", flush=True)
        for line in sys.stdin:
            path = line.strip()
            started = time.perf_counter()
            status = client.get(path, headers=headers).status_code
            print(f"{(time.perf_counter() - started) * 1000:.3f} {status}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
