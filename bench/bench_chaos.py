#!/usr/bin/env python3
"""Chaos, full variant (issue 13, item 7): a 1,000-image FTPS burst through eight faults in turn
(SIGKILL of ingestion mid-upload, detection and classification; Redis killed and restarted empty;
PostgreSQL restarted; storage unreachable for 30 s; the upload volume full; Redis frozen for 10 s),
and the same burst without faults as the baseline of the same run. Everything private to the run
(tests/support/chaos.py). Writes the section "Chaos: FTPS burst through faults" of docs/performance.md
and exits 1 when an image is lost, duplicated or left behind.

    .venv/bin/python bench/bench_chaos.py [--images 1000] [--no-baseline] [--no-write]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.platform_env import bench_platform
from bench.report import percentile, write_section
from tests.support.chaos import ChaosPlan, ChaosResult, run_chaos


def problems(result: ChaosResult) -> list[str]:
    found = []
    if result.missing:
        found.append(f"{len(result.missing)} uploaded names without a row")
    if result.statuses != {"completed": result.images}:
        found.append(f"statuses after retry: {result.statuses}")
    if result.duplicate_rows:
        found.append(f"duplicate rows: {result.duplicate_rows[:5]}")
    if result.leftover_uploads:
        found.append(f"left in the upload directory: {result.leftover_uploads[:5]}")
    if result.crashed:
        found.append(f"services that exited: {result.crashed}")
    return found


def row(label: str, result: ChaosResult) -> str:
    lat = result.latencies
    return (f"| {label} | {result.images} | {result.seconds:.0f} | {percentile(lat, .5):.1f} | {percentile(lat, .95):.1f} | "
            f"{percentile(lat, .99):.1f} | {len(result.failed_before_retry)} | {result.upload_failures} | "
            f"{len(result.missing)} | {len(result.duplicate_rows)} | {len(result.leftover_uploads)} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    upload_seconds = args.images / 2.5  # near the demo pipeline's throughput on a small machine
    plan = ChaosPlan(images=args.images, upload_seconds=upload_seconds, gap_seconds=15, storage_outage_seconds=30,
                     disk_full_seconds=10, redis_freeze_seconds=10, settle_timeout=1800, tmpfs_mb=96)
    results: dict[str, ChaosResult] = {}
    if not args.no_baseline:
        with bench_platform() as settings:
            results["baseline: no faults"] = run_chaos(settings, ChaosPlan(**{**plan.__dict__, "faults": False}))
    with bench_platform() as settings:
        results["eight faults"] = chaos = run_chaos(settings, plan)

    lines = [
        f"{args.images} synthetic 320x180 camera-trap JPEGs sent by 4 FTPS sessions over {upload_seconds:.0f} s "
        "(a failed transfer is sent again after 0.5 s, as cameras do), demo ONNX models, private PostgreSQL, "
        "Redis and moto S3 (behind a TCP gate), the upload directory on a tmpfs. End-to-end = the camera's 226 "
        "reply to `completed_at`, including the failed images' retry through `POST .../retry`. The reconciler "
        "re-queues an image nobody holds after 10 s here (production: 600 s, or at once when Redis lost its data).",
        "",
        "| run | images | wall (s) | e2e p50 (s) | e2e p95 (s) | e2e p99 (s) | failed, then retried | upload attempts failed | lost | duplicate rows | left in uploads |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        *(row(label, result) for label, result in results.items()),
        "",
        "Faults (second of the run, what happened):",
        "",
        *(f"- {at:.0f} s: {name} {note}" for name, at, note in chaos.faults),
        "",
        "Goal: 0 lost, 0 duplicate rows, 0 left behind, every image `completed` (after retrying the failed ones).",
    ]
    found = problems(chaos)
    lines.append(f"Result: **{'met' if not found else 'MISSED: ' + '; '.join(found)}**.")
    body = "\n".join(lines)
    print(body)
    if not args.no_write:
        write_section("Chaos: FTPS burst through faults", body)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
