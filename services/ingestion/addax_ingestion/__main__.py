"""`python -m addax_ingestion`: the ingestion service as the supervisor (or a container) runs it.

Wiring only: settings -> context -> buckets -> metrics -> pipeline -> FTPS server + watcher, until
SIGTERM/SIGINT; then stop accepting uploads, let running ingests finish, and exit 0.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from types import FrameType

from addax_common.context import make_context
from addax_common.ingest.ingest import Ingestor
from addax_common.logging import configure_logging, get_logger
from addax_common.metrics import register_queue_collector, start_metrics_server
from addax_common.settings import get_settings
from addax_common.storage import StorageError
from addax_ingestion.ftps_server import FtpsServer
from addax_ingestion.pipeline import IngestPipeline
from addax_ingestion.watcher import UploadWatcher

STORAGE_RETRY_MAX_SECONDS = 30.0


def main() -> int:
    settings = get_settings()
    configure_logging("ingestion", settings.log_level)
    # Pillow reports corrupt EXIF tags as warnings: route them through the JSON log, not bare stderr.
    logging.captureWarnings(True)
    log = get_logger("addax_ingestion")
    stop = threading.Event()

    def _request_stop(signum: int, _frame: FrameType | None) -> None:
        log.info("shutdown_requested", signal=signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, _request_stop)
    signal.signal(signal.SIGINT, _request_stop)

    ctx = make_context(settings)
    # Storage may still be starting (MinIO in compose): wait for it rather than crash-loop.
    delay = 1.0
    while not stop.is_set():
        try:
            ctx.storage.ensure_buckets()
            break
        except StorageError as exc:
            log.warning("storage_not_ready", error=str(exc), retry_in_seconds=delay)
            stop.wait(delay)
            delay = min(delay * 2, STORAGE_RETRY_MAX_SECONDS)
    if stop.is_set():
        ctx.close()
        return 0

    register_queue_collector(ctx.redis, settings.redis_prefix)
    metrics_port = start_metrics_server("ingestion", settings.metrics_port)

    pipeline = IngestPipeline(Ingestor(ctx))
    ftps = FtpsServer(settings, pipeline).start() if settings.ftps_enabled else None
    watcher = UploadWatcher(settings, pipeline).start()
    log.info("ingestion_started", metrics_port=metrics_port, upload_dir=str(settings.upload_dir),
             ftps_port=ftps.port if ftps else None, storage_backend=settings.storage_backend)

    exit_code = 0
    while not stop.wait(5.0):
        # A dead FTPS or watcher thread would silently stop ingestion: exit so the supervisor restarts us.
        if (ftps and not ftps.alive) or not watcher.alive:
            log.error("component_died", ftps_alive=ftps.alive if ftps else None, watcher_alive=watcher.alive)
            exit_code = 1
            break
    # New uploads first (FTPS refuses connections), then the watcher, then drain the running ingests.
    if ftps:
        ftps.stop()
    watcher.stop()
    pipeline.shutdown(wait=True)
    ctx.close()
    log.info("ingestion_stopped", exit_code=exit_code)
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
