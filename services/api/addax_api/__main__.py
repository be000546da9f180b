"""`python -m addax_api`: run the API with uvicorn on settings.api_host:api_port, in API_WORKERS processes."""

from __future__ import annotations

import gc
import os
import shutil
import sys
import tempfile
from typing import TYPE_CHECKING, Any

import uvicorn

from addax_common.logging import configure_logging
from addax_common.settings import get_settings

if TYPE_CHECKING:
    from fastapi import FastAPI


def main() -> None:
    settings = get_settings()
    configure_logging("api", settings.log_level)
    options: dict[str, Any] = dict(
        host=settings.api_host,
        port=settings.api_port,
        # Behind nginx the client address comes from X-Forwarded-For; uvicorn trusts it only from
        # FORWARDED_ALLOW_IPS (default 127.0.0.1), so rate limits and audit rows see the real client.
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        # Our own middleware logs every request as JSON, without query strings: uvicorn's access log
        # would write the WebSocket `?token=` and media signatures into the logs.
        access_log=False,
        log_config=None,
        ws_ping_interval=20,
        ws_ping_timeout=20,
    )
    if settings.api_workers == 1:
        from addax_api.main import create_app

        app = create_app(settings)
        tune_process()
        uvicorn.run(app, **options)
        return
    # One Python process runs on one core at a time (the GIL): several share the port. Their Prometheus
    # metrics go to files in a fresh directory that /metrics sums (addax_api.metrics.exposition).
    metrics_dir = tempfile.mkdtemp(prefix="addax-api-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    try:
        uvicorn.run("addax_api.__main__:worker_app", factory=True, workers=settings.api_workers, **options)
    finally:
        shutil.rmtree(metrics_dir, ignore_errors=True)


def worker_app() -> FastAPI:
    """The app of one worker process (uvicorn starts each in a fresh interpreter)."""
    settings = get_settings()
    configure_logging("api", settings.log_level)
    from addax_api.main import create_app

    app = create_app(settings)
    tune_process()
    return app


def tune_process() -> None:
    """Process-wide settings of a serving API process, once its app is built (not per app: tests build
    hundreds)."""
    # The ~200,000 objects of the loaded app never die: out of the collector's sight, a full collection
    # takes microseconds instead of a 100+ ms pause of every request in flight (measured: 116 ms).
    gc.collect()
    gc.freeze()
    # A request thread back from a database round trip waits for the GIL up to the switch interval
    # while another thread computes: 5 ms by default, paid per query. 1 ms cut the gallery's p95
    # under Locust from 73 to 49 ms (docs/performance.md, "API under load").
    sys.setswitchinterval(0.001)


if __name__ == "__main__":
    main()
