#!/usr/bin/env python3
"""Dashboard statistics from the tallies (migration 0019) against the same statistics from the images.

Seeds a throw-away database like bench/bench_api_images.py (its `seed`: images on 50 cameras over two
years, detections, top-5 classifications, by COPY, so the tallies are built by the triggers as the rows
arrive) and measures, in one process, uncached, alternating round by round:

* summary, per-camera and timeline answers read from the tallies (`addax_api/stats/tallies.py`) against the
  queries over the images (`addax_api/stats/repository.py`, the baseline), checking they agree;
* what the triggers cost the pipeline: single-image and 32-image status updates with the tally trigger
  enabled against the same updates with it disabled, and folding the changes they left;
* the migration's backfill of the tallies from the images already there.

    .venv/bin/python bench/bench_stats.py [--images 1000000] [--rounds 3] [--no-write] [--db URL]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import sqlalchemy as sa  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from bench.bench_api_images import seed  # noqa: E402
from bench.report import bench_arguments, publish  # noqa: E402
from tests.support.database import create_test_database, drop_database  # noqa: E402

TITLE = "Statistics from the tallies"
NOW = datetime(2025, 1, 1, tzinfo=UTC)  # the seed spans 2023-2024


def load_migration():
    from importlib.util import module_from_spec, spec_from_file_location

    path = REPO / "services/api/alembic/versions/20261130_0019_image_tallies.py"
    spec = spec_from_file_location("migration_0019", path)
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(fn: Callable[[], object], rounds: list[float]) -> object:
    """Calls `fn`, appends its milliseconds to `rounds` and returns its answer."""
    t0 = time.perf_counter()
    result = fn()
    rounds.append((time.perf_counter() - t0) * 1000)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--updates", type=int, default=2000, help="status updates per variant of the write cost")
    parser.add_argument("--db", help="an already seeded database (kept by --keep-db) instead of seeding")
    parser.add_argument("--keep-db", action="store_true")
    args = bench_arguments(parser, quick={"images": 20_000, "rounds": 2, "updates": 300})

    from addax_api.queries.filters import ImageQuery
    from addax_api.stats import repository, tallies

    url = args.db or create_test_database()
    engine = sa.create_engine(url)
    try:
        t0 = time.perf_counter()
        if not args.db:
            seed(url, args.images, random.Random(4))
        seed_s = time.perf_counter() - t0
        with Session(engine) as db:  # folded before VACUUM ANALYZE, so the planner knows the tallies' size
            tallies.compact(db)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE"))
        with Session(engine) as db:
            images = db.scalar(sa.text("SELECT count(*) FROM images"))
            tally_rows = db.scalar(sa.text("SELECT count(*) FROM image_tallies"))
            monthly_rows = db.scalar(sa.text("SELECT count(*) FROM image_tallies_monthly"))
        print(f"{images} images (seeded in {seed_s:.0f} s), {tally_rows} daily and {monthly_rows} monthly tally rows",
              flush=True)

        p = 1
        month = (datetime(2024, 6, 1, tzinfo=UTC), datetime(2024, 7, 1, tzinfo=UTC))
        days = (datetime(2024, 6, 10, tzinfo=UTC), datetime(2024, 6, 20, tzinfo=UTC))
        cases = [
            ("summary", "none", ImageQuery(project_id=p), None),
            ("summary", "one camera", ImageQuery(project_id=p, camera_ids=(7,)), None),
            ("summary", "one month", ImageQuery(project_id=p, date_from=month[0], date_to=month[1]), None),
            ("summary", "ten days", ImageQuery(project_id=p, date_from=days[0], date_to=days[1]), None),
            ("species", "none", ImageQuery(project_id=p), None),
            ("species", "one camera", ImageQuery(project_id=p, camera_ids=(7,)), None),
            ("per-camera", "none", ImageQuery(project_id=p), None),
            ("per-camera", "one month", ImageQuery(project_id=p, date_from=month[0], date_to=month[1]), None),
            ("timeline by day", "none", ImageQuery(project_id=p), "day"),
            ("timeline by month", "none", ImageQuery(project_id=p), "month"),
            ("timeline by week", "one camera", ImageQuery(project_id=p, camera_ids=(7,)), "week"),
        ]

        def call(module, name: str, q, interval):
            with Session(engine) as db:
                if name == "summary":
                    return module.summary(db, q, NOW)
                if name == "per-camera":
                    return [tuple(r) for r in module.cameras(db, q)]
                if name == "species":
                    return sorted(module.species(db, q))
                return module.timeline(db, q, interval)

        rows, agree = [], True
        for name, filt, q, interval in cases:
            slow: list[float] = []
            fast: list[float] = []
            kind = name.split(" by ")[0]
            for _ in range(args.rounds):
                a = timed(partial(call, repository, kind, q, interval), slow)
                b = timed(partial(call, tallies, kind, q, interval), fast)
                if a != b:
                    agree = False
                    print(f"MISMATCH {name} {filt}: {a!r} != {b!r}", flush=True)
            rows.append((name, filt, min(slow), min(fast)))
            print(
                f"{name:18} {filt:11} images {min(slow):8.1f} ms  tallies {min(fast):7.1f} ms  "
                f"{min(slow) / min(fast):6.1f}x",
                flush=True,
            )

        # The write cost: the same status flips with the tally trigger on and off, alternating.
        with Session(engine) as db:
            sample = [
                str(i)
                for i in db.scalars(
                    sa.text("SELECT id FROM images WHERE status = 'completed' ORDER BY id LIMIT :n"),
                    {"n": args.updates},
                )
            ]
        write: dict[tuple[str, bool], list[float]] = {}
        flips = [("classifying", "completed"), ("completed", "classifying")]
        for round_ in range(4):
            for enabled in (True, False) if round_ % 2 == 0 else (False, True):
                with engine.begin() as conn:
                    conn.execute(
                        sa.text(f"ALTER TABLE images {'ENABLE' if enabled else 'DISABLE'} TRIGGER images_tally_update")
                    )
                for batch in (1, 32):
                    for to, frm in flips:
                        t0 = time.perf_counter()
                        statements = 0
                        with engine.connect() as conn:
                            for i in range(0, len(sample), batch):
                                conn.execute(
                                    sa.text(
                                        "UPDATE images SET status = :to WHERE id = ANY(CAST(:ids AS uuid[])) "
                                        "AND status = :frm"
                                    ),
                                    {"to": to, "frm": frm, "ids": sample[i : i + batch]},
                                )
                                conn.commit()
                                statements += 1
                        write.setdefault((f"{batch}", enabled), []).append(
                            (time.perf_counter() - t0) * 1000 / statements
                        )
        with engine.begin() as conn:
            conn.execute(sa.text("ALTER TABLE images ENABLE TRIGGER images_tally_update"))
        with Session(engine) as db:
            changes = db.scalar(sa.text("SELECT count(*) FROM image_tally_changes"))
            t0 = time.perf_counter()
            tallies.compact(db)
            compact_ms = (time.perf_counter() - t0) * 1000
            check = call(tallies, "summary", ImageQuery(project_id=p), None) == call(
                repository, "summary", ImageQuery(project_id=p), None
            )
            agree = agree and check
            # The migration's backfill, from the images as they are now.
            migration = load_migration()
            t0 = time.perf_counter()
            db.execute(
                sa.text(
                    f"SELECT {migration.KEY}, sum(n) FROM ({migration.ROWS.format(sign=1, table='images')}) r "
                    f"GROUP BY {migration.KEY}"
                )
            ).all()
            backfill_s = time.perf_counter() - t0

        lines = [
            f"{images:,} images on 50 cameras over two years (`bench/bench_api_images.py`'s `seed`, by COPY through the "
            f"triggers), folded into {tally_rows:,} daily and {monthly_rows:,} monthly tally rows; after `VACUUM ANALYZE`. Views "
            "of whole months read the monthly rows, others the daily ones. Each statistic called "
            f"directly, uncached, best of {args.rounds} rounds alternating the two sources in one process. "
            f"Every answer from the tallies equalled the one from the images: **{'yes' if agree else 'NO'}**.",
            "",
            "| statistic | filter | from the images (ms) | from the tallies (ms) | ratio |",
            "|---|---|---|---|---|",
            *(f"| {n} | {f} | {s:,.0f} | {t:,.1f} | {s / t:,.0f}x |" for n, f, s, t in rows),
            "",
            f"What the triggers cost the pipeline: {len(sample):,} images' status flipped back and forth by statements "
            "of 1 and of 32 images, each committed, with the tally trigger on and off in alternating rounds (median "
            "of 4 rounds x 2 directions, ms per statement):",
            "",
            "| images per statement | trigger off (ms) | trigger on (ms) | added (ms) |",
            "|---|---|---|---|",
        ]
        for batch in ("1", "32"):
            off, on = statistics.median(write[(batch, False)]), statistics.median(write[(batch, True)])
            lines.append(f"| {batch} | {off:.2f} | {on:.2f} | {on - off:+.2f} |")
        lines += [
            "",
            f"Folding the {changes:,} changes those updates left: {compact_ms:.0f} ms. The migration's backfill "
            f"(its grouping query over every image): {backfill_s:.1f} s.",
        ]
        publish(TITLE, "\n".join(lines), args.write)
        return 0 if agree else 1
    finally:
        engine.dispose()
        if args.keep_db:
            print(f"kept {url}")
        elif not args.db:
            drop_database(url)


if __name__ == "__main__":
    sys.exit(main())
