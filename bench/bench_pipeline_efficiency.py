#!/usr/bin/env python3
"""Pipeline efficiency (issue 13, item 9): throughput at saturation over FTPS against the bare model.

For each detector layout (YOLOv8n and YOLOv8s at 640, a MegaDetector-v5-size YOLOv5x6 at 1280, built
with seeded random weights by `addax_models.architectures` and exported to ONNX as the worker loads it):

1. bare: `session.run` alone on the letterboxed tensors of the same decoded photos the pipeline gets,
   with the threads (and the number of sessions, sharing the photos) the detection workers get, at
   batch 1, 2, 4, 8 (1 at 1280), best
   batch counts; measured before the pipeline runs and again after each, and the fastest is the
   baseline (other jobs on a shared machine only slow a run down; so is the best of the --rounds
   pipeline runs the pipeline's figure);
2. pipeline: ingestion, detection (that model, the worker count and threads of the settings defaults
   on this machine) and classification (the demo classifier of `python -m addax_models.build_demo`)
   as processes; photos are sent over FTPS in one session, keeping 2 x batch x workers + 2 of them sent
   but not completed: detection always finds a full batch waiting (saturation), and every stage,
   ingestion included, works all through the measurement. (A burst sent at once would be ingested in
   the first seconds and leave the ingestion's cost out of the steady state.)
3. throughput at saturation = completions per second between the 10th percentile completion and the
   90th (or the last upload, when that comes first), so start-up and drain are excluded; ratio =
   pipeline / bare; fixed overhead per image = 1/pipeline - 1/bare.

Random weights find boxes of random confidence and class: every class is labelled `animal` (so each
box is a crop the classifier sees, as in a photo of animals), and the detection thresholds (store and
classify) are set so that most photos give 1-3 boxes, as the 1-3 painted animals of a real photo
would; photos on which the random network saturates (hundreds of boxes at confidence 1.0) are left
out. The table reports the detections and crops per image the pipeline stored. The CPU each process
spent per image (from /proc) shows where the overhead goes.

Goal: ratio >= 0.90 for YOLOv8s and the MegaDetector-size network.

    .venv/bin/python bench/bench_pipeline_efficiency.py [--only yolov8s] [--no-write]
    .venv/bin/python bench/bench_pipeline_efficiency.py --quick   # yolov8n + yolov8s, small; prints only
Needs torch for the export (scripts/install.sh --for-tests installs it).
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from sqlalchemy import func, select, text

from addax_common.db import Detection, Image, ImageStatus
from addax_common.imaging import decode_image
from bench.platform_env import bench_platform
from bench.report import bench_arguments, percentile, publish
from tests.support.pipeline import Db, EventRecorder, ftps_connect
from tests.support.stack import Stack, wait_until
from tests.test_pipeline import synthetic_uploads

LAYOUTS = {"yolov8n": 640, "yolov8s": 640, "mdv5": 1280}
DESCRIPTION = {"yolov8n": "YOLOv8n 640", "yolov8s": "YOLOv8s 640", "mdv5": "MDv5 size (YOLOv5x6) 1280"}
GOAL = 0.90
GOAL_LAYOUTS = ("yolov8s", "mdv5")
MOST_BOXES = 3  # boxes per photo above the thresholds, at most: the scenes paint 1-3 animals
LOWEST_THRESHOLD = 0.01
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def unique_copy(jpeg: bytes, n: int) -> bytes:
    """The same photo with a JPEG comment (COM) naming `n` after its APPn segments: new bytes (the
    ingestion deduplicates by sha256), the same pixels and EXIF."""
    pos = 2
    while jpeg[pos] == 0xFF and 0xE0 <= jpeg[pos + 1] <= 0xEF:
        pos += 2 + struct.unpack(">H", jpeg[pos + 2 : pos + 4])[0]
    payload = f"bench copy {n}".encode()
    return jpeg[:pos] + b"\xff\xfe" + struct.pack(">H", len(payload) + 2) + payload + jpeg[pos:]


def in_flight(batch: int, processes: int) -> int:
    """Photos kept sent but not completed: a full next batch waits for every detection worker while
    each runs one, and one more is on its way through ingestion."""
    return 2 * batch * processes + 2


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (and of its reaped children), 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(v) for v in fields[11:15]) / CLOCK_TICKS


def peak_rss_mib(pid: int) -> float:
    """The most resident memory the process has held (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def load_average() -> float:
    return os.getloadavg()[0]


# --- bare model --------------------------------------------------------------------------------------
def bare_rate(sessions: list, tensors: np.ndarray, batch: int, outputs: list | None = None) -> tuple[float, float]:
    """Images per second when `sessions` (one per detection worker, run side by side as the workers
    run) share `tensors` (session i takes the batches i, i + n, ...; batches of `batch`); the first
    output only, as the worker. Also the CPU seconds per image this process spent (every ONNX Runtime
    thread). With `outputs`, it receives every image's raw output in order."""
    starts = list(range(0, len(tensors), batch))
    found: dict[int, np.ndarray] = {}

    def through(session, mine: list[int]) -> None:
        for start in mine:
            for offset, out in enumerate(session.run(tensors[start : start + batch])):
                found[start + offset] = out

    for session in sessions:  # a new batch shape allocates on its first run: not part of the rate
        if batch > 1 or session is not sessions[0]:  # the first one's warmup() ran batch 1
            session.run(tensors[:batch])
    threads = [threading.Thread(target=through, args=(s, starts[i :: len(sessions)])) for i, s in enumerate(sessions)]
    started, cpu = time.perf_counter(), time.process_time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if outputs is not None:
        outputs.extend(found[i] for i in range(len(tensors)))
    return len(tensors) / (time.perf_counter() - started), (time.process_time() - cpu) / len(tensors)


def choose_scenes(found: list[list[float]], wanted: int, most: int = MOST_BOXES) -> tuple[float, list[int]]:
    """A threshold and the photos that give 1..`most` boxes above it (`found`: each photo's box
    confidences after NMS at LOWEST_THRESHOLD; greedy NMS keeps the same boxes above any threshold):
    the threshold that most photos pass that way, and up to `wanted` of those photos. Random weights
    saturate on some photos (hundreds of boxes at confidence 1.0): no threshold tames those, they are
    left out."""
    best: tuple[int, float] = (-1, LOWEST_THRESHOLD)
    for threshold in sorted({c for photo in found for c in photo}):
        passing = sum(1 <= sum(c >= threshold for c in photo) <= most for photo in found)
        if passing > best[0]:
            best = (passing, threshold)
    threshold = best[1]
    chosen = [i for i, photo in enumerate(found) if 1 <= sum(c >= threshold for c in photo) <= most]
    return threshold, chosen[:wanted]


def all_animal(path: Path) -> Path:
    """The export with every class labelled `animal`: random weights' classes mean nothing, and in a
    camera-trap photo the boxes are animals the classifier sees (people, blurred instead, are rare)."""
    import json

    import onnx

    from addax_models.onnx_graph import set_metadata

    model = onnx.load(str(path))
    meta = {p.key: p.value for p in model.metadata_props}
    meta["labels"] = json.dumps(["animal"] * len(json.loads(meta["labels"])))
    set_metadata(model, meta)
    out = path.with_name(path.stem + "-animal.onnx")
    onnx.save(model, str(out))
    return out


# --- pipeline ----------------------------------------------------------------------------------------
class Uploader(threading.Thread):
    """Sends `files` over one FTPS session (reconnecting after an error, as a camera does), keeping
    `in_flight` photos sent but not yet completed: the pipeline always has work waiting (saturation),
    and the uploads, hence the ingestion's work, go on through the whole measurement instead of
    arriving as one burst at the start. `done[i]`: the time.time() the server confirmed file i."""

    def __init__(self, settings, files: list[tuple[str, bytes]], in_flight: int, completed) -> None:
        super().__init__(daemon=True)
        self.settings, self.files, self.in_flight, self.completed = settings, files, in_flight, completed
        self.done: list[float] = []
        self.errors = 0
        self.cpu = 0.0

    def run(self) -> None:
        import io

        user, password = self.settings.ftps_account_list()[0][:2]
        started_cpu = time.thread_time()
        ftp = ftps_connect(self.settings.ftps_port, (user, password))
        for n, (name, data) in enumerate(self.files):
            while n - self.completed() >= self.in_flight:
                time.sleep(0.02)
            while True:
                try:
                    ftp.storbinary(f"STOR {name}", io.BytesIO(data))
                    break
                except Exception:  # noqa: BLE001 - a benchmark client: reconnect and send again
                    self.errors += 1
                    time.sleep(0.5)
                    ftp = ftps_connect(self.settings.ftps_port, (user, password))
            self.done.append(time.time())
        ftp.quit()
        self.cpu = time.thread_time() - started_cpu


def backend_pids(db: Db, database: str) -> list[int]:
    with db.session() as s:
        return list(s.scalars(text("SELECT pid FROM pg_stat_activity WHERE datname = :d"), {"d": database}))


def run_pipeline(model: Path, files: list[tuple[str, bytes]], in_flight: int, processes: int, threads: int,
                 batch: int, threshold: float, budget: float, log_dir: Path | None) -> dict:
    overrides = dict(
        ftps_accounts="bench:bench-password-1234", detector_model_path=model, detection_batch_size=batch,
        detection_workers=processes, onnx_intra_op_threads=threads, detection_store_threshold=threshold,
        detection_classify_threshold=threshold, log_level="INFO",
    )
    with bench_platform(**overrides) as settings:
        logs = log_dir or Path(settings.upload_dir).parent / "logs"
        stack = Stack(settings, logs)
        db = Db(settings.database_url)
        names = ["ingestion", "detection", *(f"detection#{i}" for i in range(2, processes + 1)), "classification"]
        try:
            stack.start(*names, timeout=600)
            database = settings.database_url.rsplit("/", 1)[1]
            cpu_before = {name: cpu_seconds(stack.pid(name)) for name in names}
            pg_before = {pid: cpu_seconds(pid) for pid in backend_pids(db, database)}
            load_before = load_average()
            events = EventRecorder(stack.settings)
            uploader = Uploader(stack.settings, files, in_flight,
                                lambda: len(events.of_type("classification_complete")))
            uploader.start()
            total = len(files)
            try:
                wait_until(lambda: db.count(ImageStatus.COMPLETED, ImageStatus.FAILED, ImageStatus.REJECTED) >= total,
                           timeout=budget, interval=0.5, what=f"{total} images through the pipeline")
            finally:
                events.close()
            uploader.join(30)
            load_after = load_average()
            cpu = {name: cpu_seconds(stack.pid(name)) - cpu_before[name] for name in names}
            pg_now = {pid: cpu_seconds(pid) for pid in backend_pids(db, database)}
            rss = {name: peak_rss_mib(stack.pid(name)) for name in names}
            pg = sum(now - pg_before.get(pid, 0.0) for pid, now in pg_now.items())
            with db.session() as s:
                rows = s.execute(select(Image.received_at, Image.detection_started_at, Image.completed_at)
                                 .where(Image.status == ImageStatus.COMPLETED)).all()
                detections = s.scalar(select(func.count()).select_from(Detection))
                crops = s.scalar(select(func.count()).select_from(Detection).where(Detection.crop_key.is_not(None)))
            statuses = db.status_counts()
        finally:
            stack.stop()
            db.close()
    if len(rows) != total:
        raise RuntimeError(f"not every image completed: {statuses}")
    completions = sorted(r.completed_at.timestamp() for r in rows)
    first = percentile(completions, 0.1)
    last = min(percentile(completions, 0.9), uploader.done[-1])
    window = [c for c in completions if first < c <= last]
    received = sorted(r.received_at.timestamp() for r in rows)
    claimed = sorted(r.detection_started_at.timestamp() for r in rows)
    backlog = sum(t <= last for t in received) - sum(t <= last for t in claimed)
    return {
        "throughput": len(window) / (last - first),
        "window_s": last - first,
        "window_images": len(window),
        "backlog_at_end": backlog,
        "upload_errors": uploader.errors,
        "detections": detections / total,
        "crops": crops / total,
        "rss_mib": rss,
        "cpu_ms": {
            "ingestion": 1000 * cpu["ingestion"] / total,
            "detection": 1000 * sum(v for k, v in cpu.items() if k.startswith("detection")) / total,
            "classification": 1000 * cpu["classification"] / total,
            "postgres": 1000 * pg / total,
            "ftps client": 1000 * uploader.cpu / total,
        },
        "load": (load_before + load_after) / 2,
    }


# --- one layout ----------------------------------------------------------------------------------------
def measure(arch: str, args: argparse.Namespace, models_dir: Path, processes: int, threads: int) -> dict:
    from addax_common.onnx_session import OnnxSession
    from addax_detection.model import Detector
    from addax_models.convert import export_architecture

    size = LAYOUTS[arch]
    path = models_dir / f"{arch}-{size}-animal.onnx"
    if not path.exists():
        started = time.perf_counter()
        all_animal(export_architecture(arch, models_dir / f"{arch}-{size}.onnx", size))
        print(f"{arch}: exported in {time.perf_counter() - started:.0f} s", flush=True)
    big = size > 640
    n_scenes, n_images = (args.mdv5_scenes, args.mdv5_images) if big else (args.scenes, args.images)
    # Twice the photos needed: those on which the random network saturates are left out (choose_scenes).
    pool = [jpeg for _, jpeg, _ in synthetic_uploads(2 * n_scenes, seed=42)]
    detector = Detector(path, threads=threads)
    detector.warmup()
    prepared = [detector._letterbox(decode_image(jpeg)) for jpeg in pool]
    tensors = np.stack([tensor for tensor, _ in prepared])
    sessions = [detector.onnx] + [OnnxSession(path, threads=threads) for _ in range(processes - 1)]
    # At 1280 one image is already ~100,000 anchors of work: batch 2 was slower than 1 in every run
    # (0.17 vs 0.24, 0.09 vs 0.13 images/s), and each costs minutes, so the 1280 model runs batch 1.
    batches = [b for b in (1, 2, 4, 8) if b <= len(tensors) and (not big or b == 1)]
    load_before = load_average()
    outputs: list = []
    measured = {b: bare_rate(sessions, tensors, b, outputs if b == 1 else None) for b in batches}
    before = {b: rate for b, (rate, _) in measured.items()}
    # The smallest batch within 5 % of the fastest: a bigger one costs memory (the activations of
    # every image of the batch) and latency for a difference that is noise here.
    best_batch = min(b for b, rate in before.items() if rate >= 0.95 * max(before.values()))
    bare_cpu = measured[best_batch][1]
    found = [[d.confidence for d in detector._decode(out, box, LOWEST_THRESHOLD)]
             for out, (_, box) in zip(outputs, prepared, strict=True)]
    threshold, chosen = choose_scenes(found, n_scenes)
    scenes = [pool[i] for i in chosen]
    tensors = tensors[chosen]
    del sessions[1:]
    print(f"{arch}: bare {({b: round(r, 2) for b, r in before.items()})} img/s, threshold {threshold:.3f}, "
          f"{len(scenes)} of {len(pool)} photos give 1-3 boxes", flush=True)

    files = [(f"EFF_{n:05d}.JPG", unique_copy(scenes[n % len(scenes)], n)) for n in range(n_images)]
    batch = args.batch or best_batch
    budget = 300 + 4 * n_images / before[best_batch]
    rounds, afters = [], []
    for n in range(args.mdv5_rounds if big else args.rounds):
        result = run_pipeline(path, files, in_flight(batch, processes), processes, threads, batch, threshold,
                              budget, args.logs / f"{arch}-{n + 1}" if args.logs else None)
        print(f"{arch}: pipeline round {n + 1}: {result}", flush=True)
        rounds.append(result)
        # The bare model again after each round: the load of a shared machine changes by the minute.
        sessions = [detector.onnx] + [OnnxSession(path, threads=threads) for _ in range(processes - 1)]
        afters.append(bare_rate(sessions, tensors, best_batch))
        del sessions[1:]
    best = max(rounds, key=lambda r: r["throughput"])
    bare = max([before[best_batch], *(rate for rate, _ in afters)])
    bare_cpu = min([bare_cpu, *(cpu for _, cpu in afters)])
    pipeline_cpu = sum(v for k, v in best["cpu_ms"].items() if k != "ftps client") / 1000
    return best | {
        "arch": arch, "size": size, "bare": bare, "bare_runs": [before[best_batch], *(r for r, _ in afters)],
        "pipeline_runs": [r["throughput"] for r in rounds], "loads": [r["load"] for r in rounds],
        "bare_batch": best_batch, "batch": batch, "threshold": threshold, "images": n_images,
        "scenes": len(scenes), "pool": len(pool), "ratio": best["throughput"] / bare,
        "overhead_ms": 1000 * (1 / best["throughput"] - 1 / bare),
        "bare_cpu_ms": 1000 * bare_cpu, "cpu_ratio": bare_cpu / pipeline_cpu,
        "bare_load": (load_before + load_average()) / 2,
    }


def report(results: list[dict], processes: int, threads: int, args: argparse.Namespace) -> tuple[str, bool]:
    met_all = True
    rows = []
    for r in results:
        goal = r["arch"] in GOAL_LAYOUTS
        met = r["ratio"] >= GOAL
        met_all &= met or not goal
        verdict = ("met" if met else "missed") if goal else "no goal"
        rows.append(
            f"| {DESCRIPTION[r['arch']]} | {r['bare']:.2f} (batch {r['bare_batch']}; runs "
            f"{', '.join(f'{v:.2f}' for v in r['bare_runs'])}) | {r['throughput']:.2f} (runs "
            f"{', '.join(f'{v:.2f}' for v in r['pipeline_runs'])}; {r['window_images']} images in "
            f"{r['window_s']:.0f} s) | **{r['ratio']:.2f}** | {'>= 0.90' if goal else '-'} | {verdict} | "
            f"{r['overhead_ms']:.0f} | {r['detections']:.1f} / {r['crops']:.1f} | "
            f"{', '.join(f'{v:.1f}' for v in r['loads'])} |"
        )
    cpu_rows = []
    for r in results:
        cells = " | ".join(f"{v:.0f}" for v in r["cpu_ms"].values())
        total = sum(v for k, v in r["cpu_ms"].items() if k != "ftps client")
        memory = sum(v for k, v in r["rss_mib"].items() if k.startswith("detection"))
        cpu_rows.append(f"| {DESCRIPTION[r['arch']]} | {r['bare_cpu_ms']:.0f} | {cells} | {total:.0f} | "
                        f"{total - r['bare_cpu_ms']:.0f} | {r['cpu_ratio']:.2f} | {memory:.0f} |")
    heads = " | ".join(results[0]["cpu_ms"]) if results else ""
    first = results[0] if results else {}
    body = f"""`bench/bench_pipeline_efficiency.py`: detectors with the real architectures and seeded random
weights (`addax_models.architectures`, exported to ONNX FP32 as the worker loads them), the demo
classifier (`python -m addax_models.build_demo`) for the crops. **Bare**: `session.run` alone on the
letterboxed tensors of the same decoded 1920x1080 synthetic photos, {processes} session(s) x {threads}
thread(s) side by side sharing the photos as the detection workers do, best batch (the smallest
within 5 % of the fastest); measured before and after the pipeline
run, the faster counts. **Pipeline**: ingestion, {processes} detection worker(s) x {threads} ONNX thread(s)
(this machine's defaults: DETECTION_WORKERS x ONNX_INTRA_OP_THREADS = cores), detection batch =
the bare best batch, and classification as processes; the photos go over FTPS (one TLS session, on
this machine too), keeping 2 x batch x workers + 2 photos sent but not completed, so detection always
finds a full batch waiting and every stage works throughout; throughput = completions per second from the 10th percentile completion to the 90th (or
the last upload, if earlier). {args.images} uploads of up to {args.scenes} distinct photos for the 640
models, {args.mdv5_images} of up to {args.mdv5_scenes} for the 1280 one (each upload made unique by a JPEG
comment).
Every class labelled `animal` (random weights' classes mean nothing; each box becomes a crop for the
classifier) and thresholds (store = classify) set so that the photos give 1-{MOST_BOXES} boxes each (photos on which the
random network saturates are left out). Overhead = 1/pipeline - 1/bare. "load": the 1-minute load average during the pipeline run on
{os.cpu_count()} cores shared with other engineers' jobs.

| model | bare (images/s) | pipeline (images/s) | ratio | goal | result | overhead (ms/image) | detections / crops per image | load |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
{chr(10).join(rows)}

Where the time goes: CPU milliseconds per image by process during the pipeline run (from /proc;
postgres: the backends of the run's database; the FTPS client is the benchmark's, not the platform's,
and is left out of the total). "bare model": the CPU per image of the bare run (every ONNX Runtime
thread). CPU overhead = pipeline total - bare model; CPU ratio = bare model / pipeline total: what
the wall-clock ratio comes to when the pipeline keeps the cores busy, and much less sensitive to the
other jobs on the machine than the wall clock. Detection memory: the
peak resident memory of the detection worker(s), summed.

| model | bare model | {heads} | pipeline total | CPU overhead | CPU ratio | detection memory (MiB) |
| --- | --- | {' | '.join('---' for _ in first.get('cpu_ms', {}))} | --- | --- | --- | --- |
{chr(10).join(cpu_rows)}
"""
    return body, met_all


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", default=list(LAYOUTS), choices=list(LAYOUTS))
    parser.add_argument("--images", type=int, default=160, help="uploads per 640 model")
    parser.add_argument("--scenes", type=int, default=16, help="distinct photos behind them")
    parser.add_argument("--mdv5-images", type=int, default=20, help="uploads for the 1280 model")
    parser.add_argument("--mdv5-scenes", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2, help="pipeline runs per 640 model; the best counts")
    parser.add_argument("--mdv5-rounds", type=int, default=1)
    parser.add_argument("--batch", type=int, default=0, help="detection batch (default: the bare best)")
    parser.add_argument("--processes", type=int, default=0, help="detection workers (default: the settings')")
    parser.add_argument("--threads", type=int, default=0, help="ONNX threads per worker (default: the settings')")
    parser.add_argument("--models-dir", type=Path, default=None, help="keep the exported models here")
    parser.add_argument("--logs", type=Path, default=None, help="keep the services' logs here")
    args = bench_arguments(parser, quick={"only": ["yolov8n", "yolov8s"], "images": 60, "scenes": 8, "rounds": 1})
    from addax_common.settings import Settings

    defaults = Settings(_env_file=None)
    processes = args.processes or defaults.worker_processes("detection")
    threads = args.threads or defaults.intra_op_threads("detection")
    if args.processes and not args.threads:
        threads = max(1, (os.cpu_count() or 1) // processes)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="eff-") as tmp:
        models_dir = args.models_dir or Path(tmp)
        models_dir.mkdir(parents=True, exist_ok=True)
        results = [measure(arch, args, models_dir, processes, threads) for arch in args.only]
    body, met = report(results, processes, threads, args)
    publish("Pipeline efficiency: FTPS vs the bare model", body, args.write)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
