"""`python -m addax_ingestion` as the supervisor runs it: starts, ingests over FTPS and from the
upload directory, serves /metrics, and stops cleanly on SIGTERM."""

from __future__ import annotations

import ftplib
import io
import signal
import ssl
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.servers import REPO, free_port, settings_env, wait_for_port


@contextmanager
def ingestion_service(settings, log_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """`python -m addax_ingestion` writing to `log_path`, once its FTPS and metrics ports answer;
    killed on the way out if the test has not stopped it."""
    metrics_port = free_port()
    env = settings_env(settings) | {"METRICS_PORT": str(metrics_port)}
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "addax_ingestion"], cwd=REPO, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for_port(settings.ftps_port, timeout=30)
        wait_for_port(metrics_port, timeout=30)
        yield proc, metrics_port
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)


def test_service_runs_and_stops_on_sigterm(settings, db, jpeg, upload_dir, wait_for, tmp_path):
    (upload_dir / "site2").mkdir()
    (upload_dir / "site2" / "waiting.jpg").write_bytes(jpeg(seed=1))  # arrived while it was down
    log_path = tmp_path / "ingestion.log"
    with ingestion_service(settings, log_path) as (proc, metrics_port):
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        client = ftplib.FTP_TLS(context=context, timeout=10)
        client.connect("127.0.0.1", settings.ftps_port)
        client.login("cam1", "pw-one")
        client.prot_p()
        client.storbinary("STOR via-ftps.jpg", io.BytesIO(jpeg(seed=2)))
        client.quit()

        rows = wait_for(lambda: len(db.images()) == 2 and db.images(), timeout=20, what="both images ingested")
        assert {r.original_filename for r in rows} == {"waiting.jpg", "via-ftps.jpg"}

        expected = [
            'addax_ingested_total{outcome="received"} 2.0',
            'addax_stage_duration_seconds_count{stage="ingestion"} 2.0',
            'addax_queue_depth{queue="image-ingested"} 2.0',
        ]

        def metrics() -> str:
            return urllib.request.urlopen(f"http://127.0.0.1:{metrics_port}/metrics", timeout=5).read().decode()

        # The row is committed before the image is queued and counted, so the second image's counts
        # may follow its row by a moment.
        try:
            wait_for(lambda: all(line in metrics() for line in expected), what="both images counted and queued")
        except TimeoutError as exc:
            raise AssertionError(f"{exc}: {expected} not all in\n{metrics()}") from exc

        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(15) == 0
        assert time.monotonic() - started < 10
    output = log_path.read_text()
    assert '"message": "ingestion_stopped"' in output and '"service": "ingestion"' in output
    # Logs from the ingest worker threads carry the service name and the image id.
    received = [line for line in output.splitlines() if '"image_received"' in line]
    assert len(received) == 2 and all('"service": "ingestion"' in line and '"image_id"' in line for line in received)


def test_idle_service_writes_almost_nothing(settings, tmp_path):
    """An idle ingestion service must not flood its log (pyftpdlib's start banner was logged ten times
    a second, ~600 lines a minute). Measured over 12 s after start-up and scaled to a minute."""
    log_path = tmp_path / "idle.log"
    with ingestion_service(settings, log_path):
        time.sleep(1.0)  # start-up lines are written by now
        before = len(log_path.read_text().splitlines())
        window = 12.0
        time.sleep(window)
        lines = log_path.read_text().splitlines()[before:]
    per_minute = len(lines) * 60 / window
    print(f"idle log rate: {per_minute:.0f} lines/min")
    assert per_minute < 5, f"{per_minute:.0f} lines a minute at idle, e.g. {lines[:3]}"
