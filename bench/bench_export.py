#!/usr/bin/env python3
"""Exports of 100,000 images stream with flat memory (issue 10 acceptance).

Seeds a throw-away, migrated PostgreSQL database with COPY: a project of N images (default 100,000)
and, as the baseline of the same run, a project of N/10 images, each on 20 cameras with one deployment
per camera, ~1.3 detections per image, top-3 classifications per animal and ~1% human corrections.
Runs the API under uvicorn in a child process and downloads each export over HTTP, reading the
stream in chunks; the server's peak resident memory (VmHWM, reset through /proc/<pid>/clear_refs
before each export) is compared with its memory before the export. Flat memory means: the peak
grows by about the same few MB for 10x the images. Writes the section "Exports: streaming 100,000
images" of docs/performance.md (bench/report.write_section).

    .venv/bin/python bench/bench_export.py [--images 100000] [--no-write]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from bench.report import bench_arguments, write_section  # noqa: E402
from bench.seed import copy_rows  # noqa: E402
from tests.support.database import create_test_database, delete_redis_keys, drop_database  # noqa: E402

TITLE = "Exports: streaming 100,000 images"
SPECIES = ["red deer", "roe deer", "wild boar", "red fox", "european badger", "european hare", "pine marten", "wolf"]
CAMERAS = 20
EXPORTS = [
    ("Camtrap DP (zip, photos as signed URLs)", "exports/camtrap-dp", {"media": "urls"}),
    ("MegaDetector JSON 1.4", "exports/megadetector", {}),
    ("CSV of observations", "exports/csv", {"table": "observations"}),
    ("XLSX (images + observations sheets)", "exports/xlsx", {}),
]


def seed(url: str, slug: str, images: int, camera_offset: int, rng: random.Random) -> int:
    """One project with `images` images in deployments; returns the number of detections."""
    engine = sa.create_engine(url)
    start = datetime(2023, 1, 1, tzinfo=UTC)
    span = 365 * 24 * 3600
    with engine.begin() as conn:
        project_id = conn.execute(
            sa.text(
                "INSERT INTO projects (slug, name) VALUES (:s, :n) ON CONFLICT (slug) DO UPDATE SET name = :n RETURNING id"
            ),
            {"s": slug, "n": slug.title()},
        ).scalar_one()
    cameras, deployments = io.StringIO(), io.StringIO()
    for c in range(camera_offset + 1, camera_offset + CAMERAS + 1):
        lat, lon = 45 + rng.random() * 10, 5 + rng.random() * 10
        cameras.write(f"{c}\t{project_id}\tcam-{c:03d}\tSRID=4326;POINT({lon} {lat})\tt\n")
        deployments.write(f"{c}\t{c}\t{start.isoformat()}\tSRID=4326;POINT({lon} {lat})\tEurope/Amsterdam\n")
    image_rows, detection_rows, class_rows = io.StringIO(), io.StringIO(), io.StringIO()
    detection_id = camera_offset * 1_000_000
    class_id = camera_offset * 10_000_000
    for n in range(images):
        image_id = uuid.uuid4()
        camera = camera_offset + rng.randint(1, CAMERAS)
        captured = start + timedelta(seconds=rng.randint(60, span))
        image_rows.write(
            f"{image_id}\t{project_id}\t{camera}\t{camera}\tIMG_{n:06d}.JPG\t{image_id.hex}{image_id.hex}\t"
            f"{rng.randint(200_000, 4_000_000)}\timage/jpeg\t1920\t1080\t{camera}/x/{image_id}.jpg\tcompleted\t"
            f"{captured.isoformat()}\t{captured.isoformat()}\t{(captured + timedelta(minutes=3)).isoformat()}\n"
        )
        count = 0 if rng.random() < 0.25 else min(1 + int(rng.expovariate(0.7)), 5)
        for index in range(count):
            detection_id += 1
            category = "animal" if rng.random() < 0.9 else rng.choice(["person", "vehicle"])
            confidence = round(rng.uniform(0.1, 1.0), 3)
            detection_rows.write(
                f"{detection_id}\t{image_id}\t{index}\t{category}\t{confidence}\t0.1\t0.2\t0.3\t0.3\tmd_v5a\n"
            )
            if category != "animal":
                continue
            for rank, label in enumerate(rng.sample(SPECIES, 3), start=1):
                class_id += 1
                class_rows.write(
                    f"{class_id}\t{detection_id}\t{image_id}\t{label}\t{0.9 / rank:.3f}\t{rank}\tclf\tmachine\n"
                )
            if rng.random() < 0.01:
                class_id += 1
                class_rows.write(
                    f"{class_id}\t{detection_id}\t{image_id}\t{rng.choice(SPECIES)}\t1.0\t1\thuman\thuman\n"
                )
    try:
        copy_rows(engine, [
            ("cameras", "id, project_id, name, location, is_assigned", cameras),
            ("deployments", "id, camera_id, start_at, location, timezone", deployments),
            (
                "images",
                "id, project_id, camera_id, deployment_id, original_filename, sha256, file_size, mime_type, width, "
                "height, storage_key, status, captured_at, exif_captured_at, received_at",
                image_rows,
            ),
            (
                "detections",
                "id, image_id, index, category, confidence, bbox_x, bbox_y, bbox_w, bbox_h, model_name",
                detection_rows,
            ),
            ("classifications", "id, detection_id, image_id, label, score, rank, model_name, source", class_rows),
        ], serial=("cameras", "deployments", "detections", "classifications"))
    finally:
        engine.dispose()
    return detection_id - camera_offset * 1_000_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def memory(pid: int) -> tuple[float, float]:
    """(resident MB now, peak resident MB since the last reset) of a process."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def reset_peak(pid: int) -> None:
    Path(f"/proc/{pid}/clear_refs").write_text("5")


SERVER = """
import sys, uvicorn
from addax_api.main import create_app
from addax_common.settings import Settings
settings = Settings(_env_file=None, environment="test", database_url=sys.argv[1], redis_prefix=sys.argv[2],
    rate_limit_per_minute=0, storage_dir=sys.argv[3], frontend_dist_dir="/nonexistent",
    jwt_secret="bench-secret-0123456789abcdef0123456789abcdef", media_url_secret="bench-media-0123456789abcdef0123456789",
    admin_email="bench@example.org", admin_password="bench-password-1")
uvicorn.run(create_app(settings), host="127.0.0.1", port=int(sys.argv[4]), log_level="warning", access_log=False)
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=100_000)
    args = bench_arguments(parser)
    rng = random.Random(10)
    small = max(1, args.images // 10)
    url = create_test_database()
    prefix = f"bench-{uuid.uuid4().hex[:8]}:"
    storage = tempfile.TemporaryDirectory(prefix="addax-bench-")
    server = None
    try:
        t0 = time.perf_counter()
        detections = {"small": seed(url, "small", small, 0, rng), "large": seed(url, "large", args.images, 100, rng)}
        with sa.create_engine(url, isolation_level="AUTOCOMMIT").connect() as conn:
            conn.execute(sa.text("VACUUM ANALYZE"))
            pg = conn.execute(sa.text("SHOW server_version")).scalar()
        seed_seconds = time.perf_counter() - t0
        print(f"seeded {small:,} + {args.images:,} images in {seed_seconds:.0f} s", flush=True)

        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-c", SERVER, url, prefix, storage.name, str(port)],
            cwd=REPO,
            env=os.environ | {"PYTHONPATH": str(REPO)},
        )
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=600) as client:
            for _ in range(120):
                try:
                    if client.get("/api/health").status_code < 500:
                        break
                except httpx.TransportError:
                    time.sleep(0.5)
            token = client.post(
                "/api/auth/login", json={"email": "bench@example.org", "password": "bench-password-1"}
            ).json()["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            results = []
            for name, path, params in EXPORTS:
                for slug, count in (("small", small), ("large", args.images)):
                    before, _ = memory(server.pid)
                    reset_peak(server.pid)
                    started = time.perf_counter()
                    size = 0
                    with client.stream(
                        "GET", f"/api/projects/{slug}/{path}", params=params, headers=headers
                    ) as response:
                        assert response.status_code == 200, response.read()
                        announced = int(response.headers["x-export-images"])
                        for chunk in response.iter_bytes(1 << 20):
                            size += len(chunk)
                    seconds = time.perf_counter() - started
                    _, peak = memory(server.pid)
                    results.append((name, slug, count, announced, seconds, size, before, peak))
                    print(
                        f"{name:42s} {count:>8,} images {seconds:7.1f} s {size / 1e6:8.1f} MB "
                        f"RSS before {before:6.0f} MB peak {peak:6.0f} MB (+{peak - before:.0f})",
                        flush=True,
                    )
        if not args.no_write:
            write_report(args.images, small, detections, seed_seconds, pg, results)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        storage.cleanup()
        drop_database(url)
        delete_redis_keys(prefix)
    return 0


def write_report(images: int, small: int, detections: dict, seed_seconds: float, pg: str, results: list) -> None:
    lines = [
        f"Measured by `bench/bench_export.py`: a project of {images:,} images ({detections['large']:,} detections, top-3 "
        f"classifications per animal, ~1% human corrections, 20 cameras each in one deployment) and, as the baseline "
        f"of the same run, one of {small:,} images, seeded with COPY in {seed_seconds:.0f} s (PostgreSQL {pg}). The "
        "API runs under uvicorn in its own process; each export is downloaded over HTTP in 1 MB reads. *Peak RSS* is "
        "the server's high-water mark during that export (VmHWM, reset before it), *growth* its rise over the "
        "resident size before the export.",
        "",
        "| Export | images | time (s) | size (MB) | RSS before (MB) | peak RSS (MB) | growth (MB) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, _slug, count, announced, seconds, size, before, peak in results:
        assert announced == count, (name, announced, count)
        lines.append(
            f"| {name} | {count:,} | {seconds:.1f} | {size / 1e6:.1f} | {before:.0f} | {peak:.0f} | {round(peak - before)} |"
        )
    lines += [
        "",
        "Growth for 10x the images (large minus small, per export; the first export of the process also pays "
        "one-time imports and caches):",
        "",
    ]
    for index in range(0, len(results), 2):
        a, b = results[index], results[index + 1]
        lines.append(
            f"- {a[0]}: {round(b[7] - b[6] - (a[7] - a[6])):+d} MB of growth for {b[2] - a[2]:,} more images; time "
            f"{b[4] / max(a[4], 1e-9):.1f}x"
        )
    lines += [
        "",
        "Why it is flat: each export reads with server-side cursors (`yield_per`, 2,000 rows at a time) in one "
        "read-only REPEATABLE READ transaction and writes the file as it goes: the zip is written by `zipfile` to an "
        "unseekable sink drained every 256 KB (sizes in data descriptors, ZIP64 when needed), CSV rows in batches of "
        "500, the MegaDetector JSON image by image. Independent events are found in the same pass over the "
        "observations (ordered by deployment, species and time), so no table is ever held in memory. XLSX is written "
        "by openpyxl in write-only mode, which keeps the sheets in temporary files, and streamed from a temporary "
        "file once complete (its first byte comes later; the memory stays flat).",
    ]
    write_section(TITLE, "\n".join(lines))
    print("wrote docs/performance.md")


if __name__ == "__main__":
    sys.exit(main())
