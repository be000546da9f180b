"""Pipeline benchmark: FTPS upload -> completed, with the real services as processes.

Runs the same burst of synthetic camera-trap photos twice in one run: detection batch size 1
(the baseline) and batch size 8, and reports end-to-end latency (received -> completed, from the
database's own per-stage timestamps), per-stage latency and throughput.

Usage: .venv/bin/python bench/bench_pipeline.py [--images 60]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select

from addax_common.db import Image, ImageStatus
from addax_common.settings import Settings
from bench.report import percentile as pct
from bench.report import write_section
from tests.support.database import create_test_database, drop_database
from tests.support.pipeline import Db, ftps_upload
from tests.support.stack import Stack, wait_until
from tests.test_pipeline import synthetic_uploads


def run(batch_size: int, images: int, models: Path, workdir: Path) -> dict[str, float]:
    url = create_test_database()
    try:
        settings = Settings(
            _env_file=None, environment="test", database_url=url, redis_prefix=f"bench-{batch_size}-{time.time_ns()}:",
            storage_dir=workdir / f"storage-{batch_size}", upload_dir=workdir / f"uploads-{batch_size}",
            detector_model_path=models / "demo-detector.onnx", classifier_model_path=models / "demo-classifier.onnx",
            detection_batch_size=batch_size, ftps_accounts="bench:bench-password-123",
        )
        stack = Stack(settings, workdir / f"logs-{batch_size}").start("ingestion", "detection", "classification")
        db = Db(url)
        uploads = synthetic_uploads(images, seed=42)
        started = time.monotonic()
        ftps_upload(stack.settings, [(n, j) for n, j, _ in uploads])
        wait_until(lambda: db.count(ImageStatus.COMPLETED) == images, timeout=600, interval=0.2, what="all completed")
        wall = time.monotonic() - started
        with db.session() as s:
            rows = s.execute(select(Image.received_at, Image.detection_started_at, Image.detected_at, Image.completed_at)).all()
        stack.stop()
        db.close()
    finally:
        drop_database(url)
    e2e = [(r.completed_at - r.received_at).total_seconds() for r in rows]
    wait = [(r.detection_started_at - r.received_at).total_seconds() for r in rows]
    detect = [(r.detected_at - r.detection_started_at).total_seconds() for r in rows]
    classify = [(r.completed_at - r.detected_at).total_seconds() for r in rows]
    return {
        "throughput": images / wall, "wall": wall, "e2e_p50": statistics.median(e2e), "e2e_p95": pct(e2e, 0.95),
        "queue_p50": statistics.median(wait), "detect_p50": statistics.median(detect), "classify_p50": statistics.median(classify),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=60)
    args = parser.parse_args()
    import subprocess

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        models = workdir / "models"
        subprocess.run([sys.executable, "-m", "addax_models.build_demo", "--out", str(models)], check=True,
                       capture_output=True)
        results = {size: run(size, args.images, models, workdir) for size in (1, 8)}
    base = results[1]
    lines = [
        f"{args.images} synthetic 1920x1080 camera-trap JPEGs (1-3 animals each) uploaded in one burst over FTPS;",
        "ingestion, detection and classification run as separate processes with the demo ONNX models on the CPU.",
        "Latencies come from the images' own stage timestamps.",
        "",
        "| detection batch | throughput (images/s) | end-to-end p50 (s) | end-to-end p95 (s) | queue wait p50 (s) | detection p50 (s) | classification p50 (s) |",
        "|---|---|---|---|---|---|---|",
    ]
    for size, r in results.items():
        lines.append(
            f"| {size} | {r['throughput']:.1f} | {r['e2e_p50']:.2f} | {r['e2e_p95']:.2f} | {r['queue_p50']:.2f} | "
            f"{r['detect_p50']:.3f} | {r['classify_p50']:.3f} |"
        )
    ratio = results[8]["throughput"] / base["throughput"]
    lines += ["", f"Batch 8 vs batch 1 throughput: **{ratio:.2f}x** (same run, same machine)."]
    body = "\n".join(lines)
    print(body)
    write_section("Pipeline: FTPS upload to completed", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
