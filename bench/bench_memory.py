#!/usr/bin/env python3
"""Memory of the local stack (issue 13, item 12): the proportional set size (PSS: shared pages split
between the processes sharing them, so the sum is the real footprint) of every service and of a
private PostgreSQL and Redis, idle (the baseline) and at the peak of a load (an FTPS burst through the
pipeline while the gallery, details and statistics are requested).

The stack as scripts/start.sh runs it on this machine: the API with its API_WORKERS processes, and as
many detection and classification processes as `Settings.worker_processes` gives for these cores.
Detector: the demo model, or with `--detector mdv5` a MegaDetector-v5-size network (YOLOv5x6 at 1280,
seeded random weights, `addax_models.architectures`; exporting it needs torch).

Goal: the whole stack idle < 2 GB (with the MegaDetector-size detector). Exits 1 when it is missed.

    .venv/bin/python bench/bench_memory.py [--images 200] [--detector mdv5 --images 8] [--no-write]
    .venv/bin/python bench/bench_memory.py --quick     # 60 images, demo models
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
import psutil

from addax_common.db import ImageStatus
from bench.platform_env import bench_platform
from bench.report import bench_arguments, publish
from tests.support.chaos import ADMIN, CAMERA, Cameras, chaos_images
from tests.support.pipeline import Db
from tests.support.private_servers import PrivatePostgres, PrivateRedis
from tests.support.stack import Stack, wait_until

if TYPE_CHECKING:
    from addax_common.settings import Settings

GOAL_BYTES = 2 * 1024**3
SERVICES = ("api", "ingestion", "detection", "classification", "alerts")


def stack_processes(settings: Settings) -> list[str]:
    """The services as scripts/start.sh runs them here: a model stage once per worker process."""
    names = ["api", "ingestion", "alerts"]
    for stage in ("detection", "classification"):
        count = settings.worker_processes(stage)  # type: ignore[arg-type]
        names += [stage if n == 0 else f"{stage}#{n + 1}" for n in range(count)]
    return names


def pss(pid: int, children: bool = False) -> int:
    """PSS of a process and its children (the API's uvicorn workers, PostgreSQL's backends), 0 when it is gone."""
    try:
        process = psutil.Process(pid)
        members = [process, *(process.children(recursive=True) if children else [])]
        total = 0
        for member in members:
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                total += member.memory_full_info().pss
        return total
    except psutil.NoSuchProcess:
        return 0


def postmaster_pid(pg: PrivatePostgres) -> int:
    return int((pg.data / "postmaster.pid").read_text().split()[0])


def sample(stack: Stack, pg: PrivatePostgres, rds: PrivateRedis) -> dict[str, int]:
    figures = dict.fromkeys(SERVICES, 0)
    for name in stack.procs:
        figures[name.partition("#")[0]] += pss(stack.pid(name), children=True)
    figures["postgresql"] = pss(postmaster_pid(pg), children=True)
    assert rds.proc is not None
    figures["redis"] = pss(rds.proc.pid)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--detector", choices=("demo", "mdv5"), default="demo")
    parser.add_argument("--models-dir", type=Path, default=None, help="keep the exported MegaDetector-size model here")
    args = bench_arguments(parser, quick={"images": 60})
    work = Path(tempfile.mkdtemp(prefix="bm", dir="/tmp"))
    overrides = {}
    if args.detector == "mdv5":
        from addax_models.convert import export_architecture

        path = (args.models_dir or work) / "mdv5-1280.onnx"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            export_architecture("mdv5", path, 1280)
        overrides = {"detector_model_path": path, "detection_batch_size": 1}
    with bench_platform(**overrides) as base:
        pg = PrivatePostgres(work / "pg", base.database_url).start()
        rds = PrivateRedis(work / "redis").start()
        settings = base.model_copy(update={
            "database_url": pg.url, "redis_url": rds.url, "ftps_accounts": ":".join(CAMERA),
            "admin_email": ADMIN[0], "admin_password": ADMIN[1], "rate_limit_per_minute": 0,
        })
        stack = Stack(settings, work / "logs")
        processes = stack_processes(settings)
        try:
            stack.start(*processes, timeout=300)
            time.sleep(5)
            idle = sample(stack, pg, rds)
            client = httpx.Client(base_url=stack.api_url, timeout=30)
            login = client.post("/api/auth/login", json={"email": ADMIN[0], "password": ADMIN[1]})
            client.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
            peak = dict(idle)
            done = threading.Event()

            def browse() -> None:
                paths = ["images?limit=50", "stats/summary", "stats/species", "images?limit=200&sort=confidence"]
                while not done.is_set():
                    for path in paths:
                        client.get(f"/api/projects/default/{path}").raise_for_status()

            browser = threading.Thread(target=browse, daemon=True)
            browser.start()
            cameras = Cameras(stack.settings.ftps_port, chaos_images(args.images, 640, 360), rate=5.0).start()
            db = Db(settings.database_url)

            def finished() -> bool:
                for name, value in sample(stack, pg, rds).items():
                    peak[name] = max(peak[name], value)
                return db.count(ImageStatus.COMPLETED) >= args.images

            started = time.time()
            wait_until(finished, 900, interval=0.5, what=f"{args.images} images completed")
            loaded_seconds = time.time() - started
            done.set()
            browser.join(30)
            client.close()
            cameras.join(30)
            db.close()
        finally:
            stack.stop()
            rds.stop()
            pg.stop()

    mib = 1024 * 1024
    detector = ("a MegaDetector-v5-size detector (YOLOv5x6 at 1280, random weights) and the demo classifier"
                if args.detector == "mdv5" else "the demo ONNX models")
    per_service = Counter(name.partition("#")[0] for name in processes)
    running = ", ".join(f"{per_service[name]} {name}" for name in SERVICES)
    lines = [
        f"PSS (shared pages divided among the processes sharing them) of each service of the local stack as "
        f"scripts/start.sh runs it here ({running} process(es); the API's {settings.api_workers} uvicorn workers "
        f"counted with it) with {detector}, a private PostgreSQL (all its backends) and Redis. Idle: 5 s after "
        "start. Load: "
        f"{args.images} 640x360 photos over FTPS at 5 a second through the pipeline ({loaded_seconds:.0f} s) while "
        "one client requests the gallery, the confidence sort and the statistics without pause; the peak of "
        "samples every 0.5 s.",
        "",
        "| process | idle (MiB) | peak under load (MiB) | peak / idle |",
        "|---|---|---|---|",
        *(f"| {name} | {idle[name] / mib:.0f} | {peak[name] / mib:.0f} | {peak[name] / max(1, idle[name]):.2f}x |"
          for name in idle),
        f"| **whole stack** | **{sum(idle.values()) / mib:.0f}** | **{sum(peak.values()) / mib:.0f}** | "
        f"{sum(peak.values()) / max(1, sum(idle.values())):.2f}x |",
    ]
    met = sum(idle.values()) < GOAL_BYTES
    lines += ["", f"Goal: the whole stack idle < 2048 MiB: **{'met' if met else 'MISSED'}** "
              f"({sum(idle.values()) / mib:.0f} MiB)."]
    title = "Memory: the local stack idle and under load" + (", MegaDetector-size detector" if args.detector == "mdv5" else "")
    publish(title, "\n".join(lines), args.write)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
