#!/usr/bin/env python3
"""The API under load (issue 13, item 11): Locust, headless and on loopback, with the plan's scenarios
(bench/locustfile.py: 100 users browsing the gallery, 50 viewing details, 20 filtering, 5 pulling the
statistics) against the API process on a database seeded with N images by COPY (bench_api_images.seed).
The baseline of the same run is the same scenarios with one user of each kind.

Goal: p95 of GET /api/images < 50 ms with 0 errors under the full load. Exits 1 when it is missed.

    .venv/bin/python bench/bench_api_load.py [--images 1000000] [--seconds 60] [--no-write]
    .venv/bin/python bench/bench_api_load.py --quick      # 50,000 images, 30 s (scripts/bench.sh --quick)
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


from bench.bench_api_images import seed  # noqa: E402
from bench.report import bench_arguments, percentile, publish  # noqa: E402
from bench.seed import project_viewer_token  # noqa: E402
from tests.support.database import create_test_database, delete_redis_keys, drop_database  # noqa: E402
from tests.support.servers import venv_bin  # noqa: E402
from tests.support.stack import Stack  # noqa: E402

GOAL_P95_MS = 50.0
LIST_NAMES = ("GET /api/images (gallery)", "GET /api/images (filtered)")
USERS = {"Browsing": 100, "Viewing": 50, "Filtering": 20, "Exporting": 5}


def locust(host: str, users: int, seconds: int, env: dict[str, str], out: Path) -> dict[str, dict]:
    """Runs Locust headless; returns its statistics per request name (and 'Aggregated')."""
    command = [venv_bin("locust"), "-f", str(REPO / "bench/locustfile.py"), "--headless", "--host", host,
               "-u", str(users), "-r", str(max(1, users // 2)), "-t", f"{seconds}s", "--csv", str(out),
               "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "5"]
    subprocess.run(command, env=env, check=False, capture_output=True, timeout=seconds + 120)
    with open(f"{out}_stats.csv") as fh:
        return {row["Name"]: row for row in csv.DictReader(fh)}


def figure(stats: dict[str, dict], name: str, column: str) -> float:
    row = stats.get(name)
    return float(row[column]) if row and row[column] not in ("", "N/A") else float("nan")


def failures(stats: dict[str, dict], name: str) -> int:
    value = figure(stats, name, "Failure Count")
    return 0 if value != value else int(value)  # NaN: the request was not made in that run


def server_times(log_lines: list[str], since: float) -> dict[str, list[float]]:
    """Milliseconds per request by route, as the API measured them (its JSON request log) from `since`
    (epoch seconds) on: the time in the server, without the load generator's own waits for a core."""
    import json
    from datetime import datetime

    times: dict[str, list[float]] = {}
    for line in log_lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry.get("message") != "request" or "duration_ms" not in entry:
            continue
        if datetime.fromisoformat(entry["timestamp"].replace("Z", "+00:00")).timestamp() >= since:
            times.setdefault(entry["route"], []).append(entry["duration_ms"])
    return times


class PipelineEvents(threading.Thread):
    """The live events of a pipeline finishing `rate` images a second in project `slug` while the users
    browse: for each image `image_ingested`, `detection_complete` and `classification_complete`, published on
    the events channel as the workers publish them, so every API process reacts as it does in production
    (its live hub, the caches' versions, the statistics' fold)."""

    def __init__(self, settings, slug: str, ids: list, rate: float) -> None:
        super().__init__(daemon=True)
        self.settings, self.slug, self.ids, self.rate = settings, slug, ids, rate
        self.stopped = threading.Event()
        self.published = 0

    def run(self) -> None:
        import sqlalchemy as sa

        from addax_common.context import make_context
        from addax_common.db import Project
        from addax_common.events import CLASSIFICATION_COMPLETE, DETECTION_COMPLETE, IMAGE_INGESTED

        ctx = make_context(self.settings)
        with ctx.sessions() as db:
            project_id = db.scalar(sa.select(Project.id).where(Project.slug == self.slug))
        rng = random.Random(6)
        try:
            while not self.stopped.wait(1 / self.rate):
                image_id = str(rng.choice(self.ids))
                for kind in (IMAGE_INGESTED, DETECTION_COMPLETE, CLASSIFICATION_COMPLETE):
                    ctx.events.publish(kind, project_id=project_id, image_id=image_id)
                self.published += 1
        finally:
            ctx.close()


def make_project(settings, slug: str) -> None:
    """A second, empty project (when it is not there yet): the busy pipeline's, beside the users' own."""
    import sqlalchemy as sa

    from addax_common.context import make_context
    from addax_common.db import Project

    ctx = make_context(settings)
    with ctx.sessions.begin() as db:
        if db.scalar(sa.select(Project.id).where(Project.slug == slug)) is None:
            db.add(Project(slug=slug, name=slug))
    ctx.close()


def seeded_figures(url: str) -> dict:
    """What seed() returns, read back from a database it filled earlier."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.connect() as conn:
        figures = {table: conn.scalar(sa.text(f"SELECT count(*) FROM {table}"))
                   for table in ("images", "detections", "classifications")}
        ids = list(conn.scalars(sa.text("SELECT id FROM images ORDER BY random() LIMIT 20000")))
    engine.dispose()
    return {"ids": ids, "images": figures["images"], "detections": figures["detections"],
            "classifications": figures["classifications"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--database", help="an already seeded database (e.g. postgresql+psycopg2://postgres@127.0.0.1/"
                        "addax_bench_1m from an earlier --keep-database run): skips seeding and keeps it")
    parser.add_argument("--warmup", type=int, default=20, help="seconds of full load before the measured run")
    parser.add_argument("--api-workers", type=int, default=2, help="API processes (API_WORKERS; compose runs 2)")
    parser.add_argument("--keep-database", action="store_true", help="keep the seeded database and print its URL")
    parser.add_argument("--pipeline-rate", type=float, default=0.0,
                        help="images a second a simulated pipeline finishes during the load (its live events)")
    parser.add_argument("--pipeline-project", default="default",
                        help="the project those images are in (default: the browsing users' own)")
    args = bench_arguments(parser, quick={"images": 50_000, "seconds": 30, "warmup": 10})

    from addax_common.context import make_context
    from addax_common.settings import Settings

    url = args.database or create_test_database()
    prefix = f"bench-{uuid.uuid4().hex[:8]}:"
    work = Path(tempfile.mkdtemp(prefix="bl", dir="/tmp"))
    stack = None
    try:
        if args.database:
            seeded = seeded_figures(url)
            args.images = seeded["images"]
        else:
            t0 = time.perf_counter()
            seeded = seed(url, args.images, random.Random(4))
            print(f"seeded {args.images} images, {seeded['detections']} detections, {seeded['classifications']} "
                  f"classifications in {time.perf_counter() - t0:.0f} s", flush=True)
        settings = Settings(
            _env_file=None, environment="test", database_url=url, redis_prefix=prefix,
            storage_dir=work / "storage", frontend_dist_dir=Path("/nonexistent"),
            jwt_secret="bench-secret-0123456789abcdef0123456789abcdef",
            # Every simulated person signs in as the same member: the per-user limit would count 175 people as one.
            rate_limit_per_minute=0, rate_limit_per_user_per_minute=10_000_000, api_workers=args.api_workers,
        )
        ctx = make_context(settings)
        token = project_viewer_token(ctx, settings, "default", email=f"load-{uuid.uuid4().hex[:8]}@example.org")
        ctx.close()
        ids_file = work / "ids.txt"
        ids_file.write_text("\n".join(str(i) for i in random.Random(5).sample(seeded["ids"], 2000)))
        stack = Stack(settings, work / "logs").start("api")
        env = {**os.environ, "LOCUST_TOKEN": token, "LOCUST_IDS_FILE": str(ids_file)}
        baseline = locust(stack.api_url, len(USERS), max(10, args.seconds // 3), env, work / "baseline")
        # One run of warm-up + measured seconds; Locust resets its statistics after the warm-up (the 175
        # users all starting at once and the caches filling are not the steady state the goal is about).
        pipeline = None
        if args.pipeline_rate > 0:
            if args.pipeline_project != "default":
                make_project(settings, args.pipeline_project)
            pipeline = PipelineEvents(settings, args.pipeline_project, seeded["ids"], args.pipeline_rate)
            pipeline.start()
        started = time.time()
        loaded = locust(stack.api_url, sum(USERS.values()), args.warmup + args.seconds,
                        env | {"LOCUST_WARMUP_SECONDS": str(args.warmup)}, work / "load")
        server = server_times(stack.logs("api").splitlines(), since=started + args.warmup)
        if pipeline is not None:
            pipeline.stopped.set()
            pipeline.join(10)
    finally:
        if stack is not None:
            stack.stop()
        if args.database or args.keep_database:
            print(f"database kept: {url}", flush=True)
        else:
            drop_database(url)
        delete_redis_keys(prefix)
        shutil.rmtree(work, ignore_errors=True)

    names = [*LIST_NAMES, "GET /api/images/{id}", "GET /api/stats/summary", "GET /api/stats/species",
             "GET /api/exports/csv (one camera, one month)", "Aggregated"]
    lines = [
        f"{args.images:,} images ({seeded['detections']:,} detections, {seeded['classifications']:,} classifications, "
        f"seeded by COPY), the API as {args.api_workers} worker process(es) (`python -m addax_api`, API_WORKERS) with "
        "Locust (FastHttpUser, one process) on the same machine over "
        f"loopback for {args.seconds} s, measured after {args.warmup} s of the same load (statistics reset then). Load: {', '.join(f'{n} {k.lower()}' for k, n in USERS.items())} users, each "
        "waiting 0.5-2 s between requests (an exporting one, 2-5 s: two statistics, then the observation CSV of one "
        "camera over one month). Baseline: one user of each kind, same run." + (
            f" All through the load run a simulated pipeline finished {args.pipeline_rate:g} images a second in "
            f"{'the users' + chr(39) + ' own project' if args.pipeline_project == 'default' else 'another project'} "
            "(for each, the workers' three live events on the events channel, which every API process "
            "reacts to as in production)." if args.pipeline_rate > 0 else ""),
        "",
        "| request | baseline p50 / p95 (ms) | load p50 / p95 / p99 (ms) | load requests/s | errors |",
        "|---|---|---|---|---|",
    ]
    def pair(stats: dict[str, dict], name: str) -> str:
        p50, p95 = figure(stats, name, "50%"), figure(stats, name, "95%")
        return "-" if p50 != p50 else f"{p50:.0f} / {p95:.0f}"  # NaN: not requested in that run

    lines += [
        f"| {name} | {pair(baseline, name)} | "
        f"{figure(loaded, name, '50%'):.0f} / {figure(loaded, name, '95%'):.0f} / {figure(loaded, name, '99%'):.0f} | "
        f"{figure(loaded, name, 'Requests/s'):.1f} | {failures(loaded, name)} |"
        for name in names
    ]
    lines += ["", "In the server (the API's request log, same load run; the time from the request's arrival to its answer):",
              "", "| route | requests | p50 (ms) | p95 (ms) | p99 (ms) |", "|---|---|---|---|---|"]
    for route, values in sorted(server.items(), key=lambda item: -len(item[1])):
        lines.append(f"| {route} | {len(values)} | {percentile(values, 0.5):.1f} | {percentile(values, 0.95):.1f} | "
                     f"{percentile(values, 0.99):.1f} |")
    worst = max(figure(loaded, name, "95%") for name in LIST_NAMES)
    errors = failures(loaded, "Aggregated")
    met = worst < GOAL_P95_MS and errors == 0
    lines += ["", f"Goal: p95 of GET /api/images < {GOAL_P95_MS:.0f} ms with 0 errors. Measured: worst list p95 "
              f"{worst:.0f} ms, {errors} errors, {figure(loaded, 'Aggregated', 'Requests/s'):.0f} requests/s in all: "
              f"**{'met' if met else 'MISSED'}**."]
    busy = f", pipeline busy in {'the same' if args.pipeline_project == 'default' else 'another'} project" if args.pipeline_rate > 0 else ""
    publish(f"API under load: Locust on {args.images:,} images{busy}", "\n".join(lines), args.write)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
