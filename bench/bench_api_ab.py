#!/usr/bin/env python3
"""The API of two source trees, request by request: a before/after latency ratio on a noisy machine.

Each tree's API runs in its own process (bench/ab_worker.py with that tree's packages on PYTHONPATH)
on its own database seeded by that tree's `bench/bench_api_images.py --keep-db` (same seed, same
data). The driver sends every scenario to both in alternating order, so load from other work on the
machine hits both sides alike, and reports per-scenario medians, p95 and the after/before ratio.
Writes the table into docs/performance.md, section "API: before/after, interleaved".

    .venv/bin/python bench/bench_api_ab.py --before-tree /tmp/before --before-db URL --after-db URL \
        [--before-scope ""] [--repeat 40] [--no-write]

`--before-scope` is the path prefix of the before tree's routes: "" for trees before project scoping
(`/api/images`), "/projects/default" for scoped ones (`/api/projects/default/images`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import sqlalchemy as sa  # noqa: E402
from bench_api_images import DETAIL_SCENARIOS, LIST_SCENARIOS, OTHER_PATHS, percentile  # noqa: E402
from report import write_section  # noqa: E402

SECTION = "API: before/after, interleaved"
PACKAGE_DIRS = ("", "shared", "services/api", "services/ingestion", "services/detection", "services/classification",
                "models")


class Side:
    """One tree's API process, answering one timed request per line."""

    def __init__(self, name: str, tree: Path, db: str, scope: str) -> None:
        self.name, self.scope = name, scope
        env = os.environ | {"PYTHONPATH": os.pathsep.join(str(tree / d) for d in PACKAGE_DIRS)}
        self.proc = subprocess.Popen(
            [sys.executable, str(REPO / "bench/ab_worker.py"), db], cwd=tree, env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        )
        while not (line := self._line()).startswith("ready "):
            pass
        print(f"{name}: API from {line.removeprefix('ready ')}", flush=True)
        self.sample = sample_image(db)

    def _line(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"{self.name}: the API process ended (exit {self.proc.wait()})")
        return line.strip()

    def get(self, path: str) -> float:
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"/api{self.scope}{path}\n")
        self.proc.stdin.flush()
        while True:  # skip anything the app prints that is not an answer
            parts = self._line().split()
            if len(parts) == 2 and parts[1].isdigit():
                if parts[1] != "200":
                    raise RuntimeError(f"{self.name}: GET {path} answered {parts[1]}")
                return float(parts[0])

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def sample_image(db: str) -> str:
    # Ids are random per seeding; the middle image by content hash is the same photo in both databases.
    with sa.create_engine(db).connect() as conn:
        count = conn.execute(sa.text("SELECT count(*) FROM images")).scalar_one()
        return str(conn.execute(sa.text("SELECT id FROM images ORDER BY sha256 OFFSET :n LIMIT 1"),
                                {"n": count // 2}).scalar_one())


def prepare_user(db: str) -> None:
    """A viewer, and a member of the default project where the schema has projects."""
    with sa.create_engine(db).begin() as conn:
        conn.execute(sa.text("DELETE FROM users WHERE email = 'ab@example.org'"))
        user_id = conn.execute(sa.text(
            "INSERT INTO users (email, role, password_hash, is_active) VALUES ('ab@example.org', 'viewer', 'x', true) "
            "RETURNING id")).scalar_one()
        has_projects = conn.execute(sa.text("SELECT to_regclass('project_members') IS NOT NULL")).scalar_one()
        if has_projects:
            conn.execute(sa.text(
                "INSERT INTO project_members (project_id, user_id, role) "
                "SELECT id, :user, 'viewer' FROM projects WHERE slug = 'default'"), {"user": user_id})


def scenarios() -> list[tuple[str, str]]:
    rows = [(name, f"/images?{urlencode(params, doseq=True)}") for name, params in LIST_SCENARIOS]
    rows += [(name, "/images/{sample}?" + urlencode(params, doseq=True)) for name, params in DETAIL_SCENARIOS]
    rows += [(path, path.removeprefix("/api")) for path in OTHER_PATHS]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before-tree", type=Path, required=True)
    parser.add_argument("--before-db", required=True)
    parser.add_argument("--before-label", default="before")
    parser.add_argument("--before-scope", default="")
    parser.add_argument("--after-db", required=True)
    parser.add_argument("--after-scope", default="/projects/default")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    for db in (args.before_db, args.after_db):
        prepare_user(db)
    before = Side("before", args.before_tree.resolve(), args.before_db, args.before_scope)
    after = Side("after", REPO, args.after_db, args.after_scope)
    results = []
    try:
        for name, template in scenarios():
            timings: dict[str, list[float]] = {"before": [], "after": []}
            for i in range(args.repeat + 3):
                # Alternate who goes first: a cache warmed by one side's request never favours the same side.
                for side in (before, after) if i % 2 else (after, before):
                    ms = side.get(template.format(sample=side.sample))
                    if i >= 3:  # warm-up
                        timings[side.name].append(ms)
            row = (name, *(f(timings[s]) for s in ("before", "after") for f in (statistics.median, _p95)))
            results.append(row)
            print(f"{name:66s} p50 {row[1]:7.1f} -> {row[3]:7.1f}  p95 {row[2]:7.1f} -> {row[4]:7.1f}  "
                  f"({row[4] / row[2]:.2f}x)", flush=True)
    finally:
        before.close()
        after.close()
    print(summary(results))
    if not args.no_write:
        write_report(args, results)
    return 0


def summary(results: list[tuple]) -> str:
    p50 = sorted(r[3] / r[1] for r in results)
    p95 = sorted(r[4] / r[2] for r in results)
    return (f"after/before over all {len(results)} requests: p50 ratio median **{statistics.median(p50):.2f}x** "
            f"(worst {p50[-1]:.2f}x), p95 ratio median **{statistics.median(p95):.2f}x** (worst {p95[-1]:.2f}x).")


def _p95(values: list[float]) -> float:
    return percentile(values, 0.95)


def write_report(args: argparse.Namespace, results: list[tuple]) -> None:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=args.before_tree, capture_output=True,
                            text=True).stdout.strip()
    lines = [
        f"`bench/bench_api_ab.py`: before = {args.before_label} at {commit}, after = this tree, each on its own "
        f"copy of the 100,000-image data set, requests interleaved one by one ({args.repeat} each after 3 "
        "warm-ups), so both sides share whatever else the machine was doing.",
        "",
        summary(results),
        "",
        "| request | before p50 | before p95 | after p50 | after p95 | p50 ratio | p95 ratio |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [f"| {n} | {b50:.1f} | {b95:.1f} | {a50:.1f} | {a95:.1f} | {a50 / b50:.2f}x | {a95 / b95:.2f}x |"
              for n, b50, b95, a50, a95 in results]
    write_section(SECTION, "\n".join(lines))
    print("wrote docs/performance.md")


if __name__ == "__main__":
    sys.exit(main())
