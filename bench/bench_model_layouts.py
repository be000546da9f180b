"""Detector speed per output layout: PyTorch eager (batch 1) vs our ONNX Runtime path (batch 1, batched).

Three networks with the real architectures and seeded random weights (addax_models.architectures):
YOLOv8n and YOLOv8s at 640 (ultralytics layout [N, 4 + C, A], like MDv1000-larch/sorrel/cedar) and
YOLOv5x6 at 1280 (MegaDetector v5's network and layout [N, A, 5 + C]). For each, in the same run and
with the same weights: the FP32 ONNX export through the detection service's Detector (letterbox, one
session.run, decode, NMS) one image per call and --batch images per call, and the torch module in
eval mode under inference_mode with the same letterbox and decode, one image per call. Both runtimes
get every core. Images are synthetic 1920x1080 camera-trap scenes.

Usage: .venv/bin/python bench/bench_model_layouts.py [--images 8] [--mdv5-images 2] [--batch 4]
Needs torch (scripts/install.sh --for-tests installs it).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch

from addax_detection.model import Detector
from addax_models.architectures import build
from addax_models.convert import export_architecture
from addax_models.synthetic import make_scenes
from bench.report import write_section

LAYOUTS = (("yolov8n", 640, "yolov8"), ("yolov8s", 640, "yolov8"), ("yolov5x6", 1280, "yolov5 (MDv5-size)"))


def timed(fn: Callable[[], object], rounds: int = 2) -> float:
    """Best wall time of `rounds` calls: other jobs on a shared machine only ever slow a call down."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def measure(arch: str, size: int, n_images: int, batch: int, workdir: Path, threads: int) -> dict[str, float]:
    net = build(arch, imgsz=size)
    started = time.perf_counter()
    path = export_architecture(arch, workdir / f"{arch}.onnx", size)
    export_s = time.perf_counter() - started
    detector = Detector(path, threads=threads)
    detector.warmup()
    images = [scene.image() for scene in make_scenes(n_images, seed=42)]
    rounds = 1 if size > 640 else 2

    def torch_eager_batch1() -> None:
        for image in images:
            tensor, box = detector._letterbox(image)
            with torch.inference_mode():
                raw = net(torch.from_numpy(tensor[None])).numpy()
            detector._decode(raw[0], box, 0.1)

    def onnx_batch1() -> None:
        for image in images:
            detector.detect([image], 0.1)

    def onnx_batched() -> None:
        for start in range(0, len(images), batch):
            detector.detect(images[start : start + batch], 0.1)

    torch_eager_batch1() if size <= 640 else None  # warm-up (the big model: its one round is enough)
    load = os.getloadavg()[0]
    eager = timed(torch_eager_batch1, rounds)
    one = timed(onnx_batch1, rounds)
    batched = timed(onnx_batched, rounds)
    return {
        "load": (load + os.getloadavg()[0]) / 2,
        "torch_b1": n_images / eager,
        "onnx_b1": n_images / one,
        "onnx_batched": n_images / batched,
        "ms_torch": 1000 * eager / n_images,
        "ms_b1": 1000 * one / n_images,
        "ms_batched": 1000 * batched / n_images,
        "export_s": export_s,
        "mb": path.stat().st_size / 1e6,
        "params_m": sum(p.numel() for p in net.parameters()) / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", type=int, default=8, help="images per run for the 640 models")
    parser.add_argument("--mdv5-images", type=int, default=2, help="images per run for YOLOv5x6 at 1280")
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--only", nargs="*", default=None, help="architectures to run (default: all three)")
    parser.add_argument("--no-write", action="store_true", help="print only, leave docs/performance.md")
    args = parser.parse_args()
    threads = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    torch.set_num_threads(threads)
    rows = []
    with tempfile.TemporaryDirectory(prefix="layouts-") as tmp:
        for arch, size, layout in LAYOUTS:
            if args.only and arch not in args.only:
                continue
            n = args.mdv5_images if size > 640 else args.images
            batch = min(args.batch, n)
            r = measure(arch, size, n, batch, Path(tmp), threads)
            print(arch, {k: round(v, 3) for k, v in r.items()}, flush=True)
            rows.append(
                f"| {arch} {size} | {layout} | {r['params_m']:.1f} M / {r['mb']:.0f} MB | "
                f"{r['ms_torch']:.0f} ms ({r['torch_b1']:.2f}/s) | {r['ms_b1']:.0f} ms ({r['onnx_b1']:.2f}/s) | "
                f"{r['ms_batched']:.0f} ms ({r['onnx_batched']:.2f}/s, batch {batch}) | "
                f"{r['onnx_b1'] / r['torch_b1']:.2f}x | {r['onnx_batched'] / r['torch_b1']:.2f}x | {r['load']:.1f} |"
            )
    body = f"""`bench/bench_model_layouts.py`: detectors with the real architectures and seeded random weights
(`addax_models.architectures`), PyTorch {torch.__version__} eager (`eval()`, `inference_mode`) against the
detection service's ONNX Runtime path (FP32 export, `Detector.detect`: letterbox, one `session.run`, decode,
NMS), same weights, same run, {threads} threads each. Time per image including letterbox and decode;
1920x1080 synthetic scenes; best of 2 rounds (1 round, {args.mdv5_images} images, for the 1280 model).
Goal: the batched ONNX path at least 2x torch eager batch 1. "load" is the machine's 1-minute load
average during the measurement (other jobs share these {threads} cores; both runtimes suffer, PyTorch's
OpenMP threads more).

| model | layout | params / ONNX | torch eager, batch 1 | ONNX, batch 1 | ONNX, batched | ONNX b1 vs torch | batched vs torch | load |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
{chr(10).join(rows)}
"""
    print(body)
    if not args.no_write:
        write_section("Detector layouts: PyTorch eager vs the ONNX path", body)


if __name__ == "__main__":
    main()
