#!/usr/bin/env python3
"""Latency of GET /api/images on 100,000 images (issue 4 acceptance).

Seeds a throw-away PostgreSQL database (migrated with the real Alembic migrations) with N images,
their detections and top-5 classifications using COPY, then times the API in-process (the full
ASGI stack: middleware, auth, validation, queries, serialisation; no network) for several filter
combinations, with the unfiltered query as the baseline of the same run. Writes the figures into
docs/performance.md, section "API: GET /api/images on 100,000 images".

    .venv/bin/python bench/bench_api_images.py [--images 100000] [--repeat 30] [--no-write]
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import sqlalchemy as sa  # noqa: E402

from bench.report import bench_arguments  # noqa: E402
from bench.seed import copy_rows, project_viewer_token  # noqa: E402
from tests.support.database import create_test_database, delete_redis_keys, drop_database  # noqa: E402

SECTION = "## API: GET /api/images on 100,000 images"
SPECIES = [
    "red deer", "roe deer", "wild boar", "red fox", "european badger", "european hare", "pine marten", "stone marten",
    "wolf", "eurasian lynx", "wildcat", "fallow deer", "mouflon", "chamois", "alpine ibex", "brown bear", "otter",
    "raccoon", "red squirrel", "hedgehog", "grey heron", "common buzzard", "eurasian jay", "blackbird", "wood pigeon",
    "domestic cat", "domestic dog", "cattle", "horse", "sheep",
]
CAMERAS = 50
# Every image is in the default project (as after migration 0005); requests go through its scoped routes.
PROJECT = "default"
SCOPE = f"/api/projects/{PROJECT}"


# (name, query parameters) of GET .../images; the first is the baseline of each run.
LIST_SCENARIOS = [
    ("baseline: no filter, newest first, page 1 of 50", {}),
    ("one camera", {"camera_id": 7}),
    ("three cameras", {"camera_id": [3, 17, 42]}),
    ("one common species", {"species": "red deer"}),
    ("one rare species", {"species": "horse"}),
    ("two species + one month", {"species": ["wild boar", "red fox"], "date_from": "2024-03-01", "date_to": "2024-03-31"}),
    ("date range (one month)", {"date_from": "2023-06-01", "date_to": "2023-06-30"}),
    ("status completed + unreviewed", {"status": "completed", "review_status": "unreviewed"}),
    ("min_confidence 0.9", {"min_confidence": 0.9}),
    ("sort by confidence", {"sort": "confidence"}),
    ("sort by camera, ascending", {"sort": "camera", "order": "asc"}),
    ("sort by received_at, ascending", {"sort": "received_at", "order": "asc"}),
    ("page 1000 (offset 49,950)", {"page": 1000}),
    ("limit 200", {"limit": 200}),
    (
        "everything: 3 cameras, 2 species, dates, review, min_confidence",
        {"camera_id": [3, 17, 42], "species": ["red deer", "roe deer"], "date_from": "2023-01-01",
         "date_to": "2024-12-31", "review_status": "unreviewed", "min_confidence": 0.5},
    ),
]
DETAIL_SCENARIOS = [
    ("detail with prev/next, default order", {}),
    ("detail with prev/next, species filter, sort by confidence", {"species": "red deer", "sort": "confidence"}),
]
OTHER_PATHS = ("/api/stats/summary", "/api/stats/species", "/api/cameras")


def weighted_species(rng: random.Random) -> str:
    # A long tail, as in real camera-trap data: a few species make most detections.
    return SPECIES[min(int(rng.expovariate(1 / 4.0)), len(SPECIES) - 1)]


def seed(url: str, images: int, rng: random.Random) -> dict:
    engine = sa.create_engine(url)
    start = datetime(2023, 1, 1, tzinfo=UTC)
    span = 2 * 365 * 24 * 3600
    camera_rows = io.StringIO()
    for c in range(1, CAMERAS + 1):
        lat, lon = 45 + rng.random() * 10, 5 + rng.random() * 10
        camera_rows.write(f"{c}\tcam-{c:03d}\tSN{c:05d}\tSRID=4326;POINT({lon} {lat})\t{'t' if c % 10 else 'f'}\n")

    image_rows, detection_rows, class_rows = io.StringIO(), io.StringIO(), io.StringIO()
    detection_id = class_id = 0
    ids = []
    statuses = ["completed"] * 92 + ["failed"] * 2 + ["received"] * 3 + ["classifying"] * 2 + ["rejected"]
    reviews = ["unreviewed"] * 80 + ["approved"] * 12 + ["rejected"] * 5 + ["flagged"] * 3
    for n in range(images):
        image_id = uuid.uuid4()
        ids.append(image_id)
        camera = rng.randint(1, CAMERAS)
        received = start + timedelta(seconds=rng.randint(0, span))
        captured = "\\N" if rng.random() < 0.1 else (received - timedelta(minutes=rng.randint(1, 600))).isoformat()
        status = rng.choice(statuses)
        completed = (received + timedelta(seconds=rng.randint(2, 60))).isoformat() if status == "completed" else "\\N"
        image_rows.write(
            f"{image_id}\t{camera}\tIMG_{n:06d}.JPG\t{image_id.hex}{image_id.hex}\t{rng.randint(200_000, 4_000_000)}\timage/jpeg\t"
            f"1920\t1080\t{camera}/x/{image_id}.jpg\t{image_id}.jpg\t{status}\t{captured}\t{captured}\t{received.isoformat()}\t"
            f"{completed}\t{rng.choice(reviews)}\n"
        )
        if status != "completed":
            continue
        # ~25% empty (wind, grass), the rest 1-5 detections: about 1.3 detections per image overall.
        count = 0 if rng.random() < 0.25 else min(1 + int(rng.expovariate(0.7)), 5)
        for index in range(count):
            detection_id += 1
            category = "animal" if rng.random() < 0.9 else rng.choice(["person", "vehicle"])
            confidence = round(rng.uniform(0.1, 1.0), 3)
            x, y = round(rng.uniform(0, 0.6), 3), round(rng.uniform(0, 0.6), 3)
            detection_rows.write(
                f"{detection_id}\t{image_id}\t{index}\t{category}\t{confidence}\t{x}\t{y}\t0.3\t0.3\t{image_id}_{index}.jpg\tmd\n"
            )
            if category != "animal" or confidence < 0.2:
                continue
            top = weighted_species(rng)
            labels = [top] + rng.sample([s for s in SPECIES if s != top], 4)
            scores = sorted((rng.random() for _ in range(5)), reverse=True)
            total = sum(scores)
            for rank, (label, score) in enumerate(zip(labels, scores, strict=True), start=1):
                class_id += 1
                class_rows.write(f"{class_id}\t{detection_id}\t{image_id}\t{label}\t{score / total:.4f}\t{rank}\tclf\tmachine\n")
            if rng.random() < 0.01:
                class_id += 1
                class_rows.write(f"{class_id}\t{detection_id}\t{image_id}\t{weighted_species(rng)}\t1.0\t1\thuman\thuman\n")

    try:
        copy_rows(engine, [
            ("cameras", "id, name, serial_number, location, is_assigned", camera_rows),
            (
                "images",
                "id, camera_id, original_filename, sha256, file_size, mime_type, width, height, storage_key, "
                "thumbnail_key, status, captured_at, exif_captured_at, received_at, completed_at, review_status",
                image_rows,
            ),
            (
                "detections",
                "id, image_id, index, category, confidence, bbox_x, bbox_y, bbox_w, bbox_h, crop_key, model_name",
                detection_rows,
            ),
            ("classifications", "id, detection_id, image_id, label, score, rank, model_name, source", class_rows),
        ], serial=("cameras", "detections", "classifications"), analyze=True)
    finally:
        engine.dispose()
    return {"ids": ids, "detections": detection_id, "classifications": class_id}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep-db", action="store_true", help="keep the seeded database (its URL is printed) for EXPLAIN")
    parser.add_argument("--db", help="reuse a database kept by --keep-db instead of seeding")
    args = bench_arguments(parser)
    rng = random.Random(4)

    from fastapi.testclient import TestClient

    from addax_api.main import create_app
    from addax_common.context import make_context
    from addax_common.settings import Settings

    url = args.db or create_test_database()
    prefix = f"bench-{uuid.uuid4().hex[:8]}:"
    storage_dir = tempfile.TemporaryDirectory(prefix="addax-bench-")
    try:
        t0 = time.perf_counter()
        if args.db:
            with sa.create_engine(url).connect() as conn:
                seeded = {
                    "ids": conn.execute(sa.text("SELECT id FROM images ORDER BY sha256")).scalars().all(),
                    "detections": conn.execute(sa.text("SELECT count(*) FROM detections")).scalar(),
                    "classifications": conn.execute(sa.text("SELECT count(*) FROM classifications")).scalar(),
                }
                conn.execute(sa.text("DELETE FROM users"))
                conn.commit()
        else:
            seeded = seed(url, args.images, rng)
        seed_seconds = time.perf_counter() - t0
        print(f"seeded {args.images} images, {seeded['detections']} detections, "
              f"{seeded['classifications']} classifications in {seed_seconds:.1f} s", flush=True)

        settings = Settings(
            _env_file=None, environment="test", database_url=url, redis_prefix=prefix, rate_limit_per_minute=0,
            storage_dir=Path(storage_dir.name), frontend_dist_dir=Path("/nonexistent"),
            jwt_secret="bench-secret-0123456789abcdef0123456789abcdef", stats_cache_seconds=0,
        )
        ctx = make_context(settings)
        headers = {"Authorization": f"Bearer {project_viewer_token(ctx, settings, PROJECT)}"}
        sample = sorted(seeded["ids"], key=str)[len(seeded["ids"]) // 2]
        results = []
        with TestClient(create_app(settings, ctx=ctx)) as client:
            def measure(path: str, params: dict) -> tuple[float, float, int]:
                for _ in range(3):
                    response = client.get(path, params=params, headers=headers)
                    assert response.status_code == 200, response.text
                timings = []
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    response = client.get(path, params=params, headers=headers)
                    timings.append((time.perf_counter() - start) * 1000)
                    assert response.status_code == 200
                body = response.json()
                total = body.get("total", -1) if isinstance(body, dict) else len(body)
                return statistics.median(timings), percentile(timings, 0.95), total

            for name, params in LIST_SCENARIOS:
                median, p95, total = measure(f"{SCOPE}/images", params)
                results.append((f"`GET /api/images` {name}", median, p95, total))
                print(f"{name:70s} median {median:7.1f} ms  p95 {p95:7.1f} ms  total {total}", flush=True)
            for name, params in DETAIL_SCENARIOS:
                median, p95, _ = measure(f"{SCOPE}/images/{sample}", params)
                results.append((f"`GET /api/images/{{id}}` {name}", median, p95, None))
                print(f"{name:70s} median {median:7.1f} ms  p95 {p95:7.1f} ms", flush=True)
            for path in OTHER_PATHS:
                median, p95, _ = measure(path.replace("/api", SCOPE, 1), {})
                results.append((f"`GET {path}` (uncached)", median, p95, None))
                print(f"{path:70s} median {median:7.1f} ms  p95 {p95:7.1f} ms", flush=True)
        ctx.close()
        with sa.create_engine(url).connect() as conn:
            pg = conn.execute(sa.text("SHOW server_version")).scalar()
        if not args.no_write:
            write_report(args, seeded, seed_seconds, results, pg)
    finally:
        storage_dir.cleanup()
        if args.keep_db or args.db:
            print(f"database kept: {url}")
        else:
            drop_database(url)
        delete_redis_keys(prefix)
    return 0


def write_report(args, seeded, seed_seconds, results, pg_version) -> None:
    baseline = results[0][1]
    lines = [
        SECTION,
        "",
        f"Measured by `bench/bench_api_images.py` on {datetime.now(UTC):%Y-%m-%d} "
        f"({os.cpu_count()} CPU cores shared with other work, PostgreSQL {pg_version}, Python {platform.python_version()}).",
        f"Data: {args.images:,} images on {CAMERAS} cameras over two years (10% without EXIF time), "
        f"{seeded['detections']:,} detections, {seeded['classifications']:,} classifications (top-5 per animal, ~1% human "
        f"corrections), seeded with COPY in {seed_seconds:.0f} s, then `VACUUM ANALYZE`.",
        "The API runs in-process (full ASGI stack: middleware, token check with a user lookup, validation, queries, "
        f"JSON); {args.repeat} timed requests per row after 3 warm-ups; page size 50 unless stated.",
        "",
        "| Request | median (ms) | p95 (ms) | vs baseline | matching images |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, median, p95, total in results:
        lines.append(f"| {name} | {median:.1f} | {p95:.1f} | {median / baseline:.1f}× | {'' if total is None else f'{total:,}'} |")
    lines += [
        "",
        "How it stays fast: the date filter and the default order use `coalesce(captured_at, received_at)` after "
        "\"has a capture time\" (undated images last), the expressions of `ix_images_project_dated_taken_at` / "
        "`ix_images_project_undated_taken_at` (migration 0008; newest first scans the first backwards, oldest first "
        "the second forwards), with `id` as tie-breaker, so a page is an index walk; species and confidence filters are `EXISTS` subqueries, the species "
        "one on `CASE WHEN rank = 1 THEN label END`, whose expression index `ix_classifications_top_label` gives the "
        "planner statistics of top labels (a rare species took 309 ms with a plain label index: the planner walked "
        "every image looking for it); counts, labels and thumbnails are computed only for the ids of the page; API "
        "sessions run with `jit = off` (JIT compilation alone cost 160 ms on the confidence sort).",
        "",
        "What remains slow, and why: the exact `total` is a `count(*)` under the same filters and is most of the cost "
        "of broad filters (common species, min_confidence, status); `sort=confidence` must aggregate every image's "
        "detections (about 180 ms here; a detail page under that sort pays it twice for prev/next). If that sort "
        "matters, the fix is a denormalised `images.max_confidence` column written by the detection worker and "
        "indexed like `ix_images_project_dated_taken_at`. Statistics are cached in Redis, so their uncached times are paid once "
        "per cache period or invalidation.",
        "",
    ]
    path = REPO / "docs" / "performance.md"
    text = path.read_text() if path.exists() else "# Performance\n\n"
    if SECTION in text:
        start = text.index(SECTION)
        rest = text[start + len(SECTION):]
        end = rest.find("\n## ")
        text = text[:start] + "\n".join(lines) + (rest[end + 1:] if end >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    print(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(main())
