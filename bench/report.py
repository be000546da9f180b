"""Writes one benchmark's section into docs/performance.md, replacing that section's previous run."""

from __future__ import annotations

import argparse
import platform
import re
from datetime import UTC, datetime
from pathlib import Path

PERFORMANCE_MD = Path(__file__).resolve().parents[1] / "docs" / "performance.md"
HEADER = """# Performance

Figures written by the benchmarks in `bench/` (run them with `scripts/bench.sh`). Each section is
replaced when its benchmark runs again. Machines here are shared and noisy, so every benchmark
measures its baseline in the same run and reports ratios beside absolute numbers.
"""


def bench_arguments(parser: argparse.ArgumentParser, quick: dict[str, object] | None = None) -> argparse.Namespace:
    """Adds the options every benchmark shares and parses the command line: --no-write (print the
    figures, leave docs/performance.md) and, when `quick` is given, --quick (a smoke run: sets those
    options, e.g. {"images": 60}). `args.write`: neither option given, so the figures are a full run's."""
    if quick is not None:
        sizes = ", ".join(f"--{name.replace('_', '-')} {value}" for name, value in quick.items())
        parser.add_argument("--quick", action="store_true", help=f"a smoke run: {sizes}")
    parser.add_argument("--no-write", action="store_true", help="print only, leave docs/performance.md")
    args = parser.parse_args()
    if quick is not None and args.quick:
        vars(args).update(quick)
    args.write = not args.no_write and not getattr(args, "quick", False)
    return args


def publish(title: str, body: str, write: bool) -> None:
    """Prints a benchmark's section and, with `write`, puts it into docs/performance.md."""
    print(body)
    if write:
        write_section(title, body)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1) of `values`."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def machine() -> str:
    import os

    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"


def write_section(title: str, body: str) -> None:
    text = PERFORMANCE_MD.read_text() if PERFORMANCE_MD.exists() else HEADER
    stamp = f"_Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}._"
    section = f"## {title}\n\n{stamp}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(section + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    PERFORMANCE_MD.write_text(text)
