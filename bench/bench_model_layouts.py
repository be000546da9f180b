"""Detector speed per output layout: PyTorch eager (batch 1) vs our ONNX Runtime path (batch 1, batched).

Three networks with the real architectures and seeded random weights (addax_models.architectures):
YOLOv8n and YOLOv8s at 640 (ultralytics layout [N, 4 + C, A], like MDv1000-larch/sorrel/cedar) and
YOLOv5x6 at 1280 (MegaDetector v5's network and layout [N, A, 5 + C]). For each, in the same run and
with the same weights:

- torch b1: the torch module in eval mode under inference_mode, one image per call, with the
  service's letterbox and decode;
- onnx b1 / onnx batched: the FP32 ONNX export through the detection service's Detector (letterbox,
  one session.run, decode, NMS), one image per call and --batch images per call, with the session
  options the service uses;
- before b1 / before batched: the same Detector with the ONNX path as it was before its tuning
  (spin-waiting threads, one image after the other through the previous letterbox), for the
  before/after figures.

Measured for a noisy shared machine: the variants take turns round by round (the order rotates each
round), with a pause between them so no runtime's idle threads still hold the cores when the next one
starts; each variant's figure is its median round (best round beside it), so a load spike costs every
variant about as much. Every runtime gets the same number of threads (all cores this process may use).
The 1-minute load average is recorded before and after each layout. Images are synthetic 1920x1080
camera-trap scenes.

Usage: .venv/bin/python bench/bench_model_layouts.py [--images 8] [--mdv5-images 2] [--batch 4]
       [--rounds 5] [--mdv5-rounds 2] [--mdv5-before] [--only yolov8n ...] [--no-write]
Needs torch (scripts/install.sh --for-tests installs it).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import onnxruntime as ort
import torch
from PIL import Image

from addax_detection.model import PAD_VALUE, Detector, _Letterbox
from addax_models.architectures import build
from addax_models.convert import export_architecture
from addax_models.synthetic import make_scenes
from bench.report import write_section

LAYOUTS = (("yolov8n", 640, "yolov8"), ("yolov8s", 640, "yolov8"), ("yolov5x6", 1280, "yolov5 (MDv5-size)"))
VARIANTS = ("torch_b1", "onnx_b1", "onnx_batched", "before_b1", "before_batched")
PAUSE_S = 0.3  # between variants: longer than ONNX Runtime's and libgomp's spin-wait after a call


def _letterbox_before(detector: Detector, image: Image.Image) -> tuple[np.ndarray, _Letterbox]:
    """The service's letterbox before the tuning (same pixels, more copies): the 'before' variants."""
    size = detector.input_size
    width, height = image.size
    scale = min(size / width, size / height)
    new_w, new_h = max(1, round(width * scale)), max(1, round(height * scale))
    pad_x, pad_y = (size - new_w) // 2, (size - new_h) // 2
    canvas = Image.new("RGB", (size, size), (PAD_VALUE,) * 3)
    canvas.paste(image.convert("RGB").resize((new_w, new_h), Image.Resampling.BILINEAR), (pad_x, pad_y))
    chw = np.asarray(canvas, dtype=np.float32).transpose(2, 0, 1) / 255.0
    return chw.astype(detector.input_dtype, copy=False), _Letterbox(scale, pad_x, pad_y, width, height)


def before_tuning(path: Path, threads: int) -> Detector:
    """A Detector configured as the service was before the tuning: ONNX Runtime's default session options
    (spinning threads) and one image after the other through the previous letterbox."""
    detector = Detector(path, threads=threads, spinning=True)
    detector._letterbox = lambda image: _letterbox_before(detector, image)  # type: ignore[method-assign]
    def prepare(images: list[Image.Image]) -> tuple[np.ndarray, list[_Letterbox]]:
        prepared = [detector._letterbox(im) for im in images]
        return np.stack([tensor for tensor, _ in prepared]), [box for _, box in prepared]

    detector._prepare = prepare  # type: ignore[method-assign]
    return detector


def score_difference(raw_torch: np.ndarray, raw_onnx: np.ndarray, layout: str) -> float:
    """Largest absolute difference of the class scores (and objectness) between the two runtimes."""
    if layout == "yolov8":
        return float(np.abs(raw_torch[:, 4:, :] - raw_onnx[:, 4:, :]).max())
    return float(np.abs(raw_torch[..., 4:] - raw_onnx[..., 4:]).max())


def interleaved(fns: dict[str, Callable[[], object]], rounds: int) -> tuple[dict[str, list[float]], list[float]]:
    """Wall seconds of each function per round, the functions taking turns (order rotated each round);
    and the 1-minute load average after each round."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    loads = []
    names = list(fns)
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            time.sleep(PAUSE_S)
            start = time.perf_counter()
            fns[name]()
            times[name].append(time.perf_counter() - start)
        loads.append(os.getloadavg()[0])
    return times, loads


def measure(
    arch: str, size: int, n_images: int, batch: int, rounds: int, workdir: Path, threads: int, with_before: bool
) -> dict[str, float]:
    net = build(arch, imgsz=size)
    started = time.perf_counter()
    path = export_architecture(arch, workdir / f"{arch}.onnx", size)
    export_s = time.perf_counter() - started
    detector = Detector(path, threads=threads)
    detector.warmup()
    images = [scene.image() for scene in make_scenes(n_images, seed=42)]
    chunks = [images[start : start + batch] for start in range(0, len(images), batch)]

    def torch_b1() -> None:
        for image in images:
            tensor, box = detector._letterbox(image)
            with torch.inference_mode():
                raw = net(torch.from_numpy(tensor[None])).numpy()
            detector._decode(raw[0], box, 0.1)

    def one_by_one(det: Detector) -> Callable[[], None]:
        def run() -> None:
            for image in images:
                det.detect([image], 0.1)

        return run

    def batched(det: Detector) -> Callable[[], None]:
        def run() -> None:
            for chunk in chunks:
                det.detect(chunk, 0.1)

        return run

    tensor = detector._letterbox(images[0])[0][None]
    macs = [0]

    def count(module: torch.nn.Conv2d, _: object, out: torch.Tensor) -> None:
        kernel = module.kernel_size[0] * module.kernel_size[1]
        macs[0] += out.numel() * module.in_channels // module.groups * kernel

    hooks = [m.register_forward_hook(count) for m in net.modules() if isinstance(m, torch.nn.Conv2d)]
    with torch.inference_mode():
        raw_torch = net(torch.from_numpy(tensor)).numpy()  # also torch's warm-up
    for hook in hooks:
        hook.remove()
    delta = score_difference(raw_torch, detector.onnx.run(tensor), detector.output_format)
    fns: dict[str, Callable[[], object]] = {
        "torch_b1": torch_b1,
        "onnx_b1": one_by_one(detector),
        "onnx_batched": batched(detector),
    }
    if with_before:
        before = before_tuning(path, threads)
        before.warmup()
        fns |= {"before_b1": one_by_one(before), "before_batched": batched(before)}
    load_before = os.getloadavg()[0]
    times, loads = interleaved(fns, rounds)
    result: dict[str, float] = {
        "load_before": load_before,
        "load_max": max(loads),
        "load_after": loads[-1],
        "score_delta": delta,
        "export_s": export_s,
        "mb": path.stat().st_size / 1e6,
        "params_m": sum(p.numel() for p in net.parameters()) / 1e6,
        "rounds": rounds,
        "gflop": 2 * macs[0] / 1e9,  # per image, convolutions only
    }
    for name, values in times.items():
        result[f"ms_{name}"] = 1000 * statistics.median(values) / n_images
        result[f"best_{name}"] = 1000 * min(values) / n_images
    # Ratios per round (the variants of a round share its load), then their median.
    for name in ("onnx_b1", "onnx_batched"):
        result[f"x_{name}"] = statistics.median(t / o for t, o in zip(times["torch_b1"], times[name], strict=True))
        if with_before:
            before_name = name.replace("onnx", "before")
            result[f"gain_{name}"] = statistics.median(
                b / o for b, o in zip(times[before_name], times[name], strict=True)
            )
    return result


def row(arch: str, size: int, layout: str, batch: int, r: dict[str, float]) -> str:
    def ms(name: str) -> str:
        return f"{r[f'ms_{name}']:.0f} ({r[f'best_{name}']:.0f})" if f"ms_{name}" in r else "not run"

    def gain(name: str) -> str:
        return f"{r[f'gain_{name}']:.2f}x" if f"gain_{name}" in r else "-"

    return (
        f"| {arch} {size} | {layout} | {r['params_m']:.1f} M / {r['mb']:.0f} MB | {r['gflop']:.0f} | {ms('torch_b1')} | "
        f"{ms('onnx_b1')} | {ms('onnx_batched')} (batch {batch}) | **{r['x_onnx_b1']:.2f}x** | "
        f"**{r['x_onnx_batched']:.2f}x** | {ms('before_b1')} / {ms('before_batched')} | "
        f"{gain('onnx_b1')} / {gain('onnx_batched')} | {r['score_delta']:.1e} | "
        f"{r['gflop'] / r['ms_torch_b1'] * 1000:.0f} / {r['gflop'] / r['ms_onnx_batched'] * 1000:.0f} | "
        f"{r['load_before']:.1f} / {r['load_max']:.1f} / {r['load_after']:.1f} |"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--images", type=int, default=8, help="images per round for the 640 models")
    parser.add_argument("--mdv5-images", type=int, default=2, help="images per round for YOLOv5x6 at 1280")
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds for the 640 models")
    parser.add_argument("--mdv5-rounds", type=int, default=2, help="interleaved rounds for YOLOv5x6 at 1280")
    parser.add_argument(
        "--mdv5-before", action="store_true", help="also run the before-tuning variants for YOLOv5x6 (doubles its time)"
    )
    parser.add_argument("--only", nargs="*", default=None, help="architectures to run (default: all three)")
    parser.add_argument("--no-write", action="store_true", help="print only, leave docs/performance.md")
    args = parser.parse_args(argv)
    threads = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    torch.set_num_threads(threads)
    rows = []
    with tempfile.TemporaryDirectory(prefix="layouts-") as tmp:
        for arch, size, layout in LAYOUTS:
            if args.only and arch not in args.only:
                continue
            n, rounds = (args.mdv5_images, args.mdv5_rounds) if size > 640 else (args.images, args.rounds)
            batch = min(args.batch, n)
            r = measure(arch, size, n, batch, rounds, Path(tmp), threads, with_before=size <= 640 or args.mdv5_before)
            print(arch, {k: float(f"{v:.4g}") if isinstance(v, float) else v for k, v in r.items()}, flush=True)
            rows.append(row(arch, size, layout, batch, r))
    body = f"""`bench/bench_model_layouts.py`: detectors with the real architectures and seeded random weights
(`addax_models.architectures`), PyTorch {torch.__version__} eager (`eval()`, `inference_mode`) against the
detection service's ONNX Runtime {ort.__version__} path (FP32 export, `Detector.detect`: letterbox, one
`session.run`, decode, NMS), same weights, same run, {threads} threads each. Milliseconds per image including
letterbox and decode, 1920x1080 synthetic scenes: the median round (the best round in brackets) of
{args.rounds} rounds of {args.images} images for the 640 models, {args.mdv5_rounds} rounds of
{args.mdv5_images} images for the 1280 model. The variants take turns within each round (order rotated
every round, {PAUSE_S} s pause between them so no runtime's idle threads still hold the cores), and the
ratios are the median of the per-round ratios, so load from other jobs costs each variant about as much.
"before tuning" is the same Detector as the service ran it before (ONNX Runtime's default spin-waiting
threads, the previous letterbox, a batch letterboxed one image after the other); "gain" is before / after
(not run for the 1280 model unless `--mdv5-before`: it would double its time).
"score Δ" is the largest difference of a class score between torch and ONNX Runtime on one image (the random
YOLOv5x6 is chaotic in float32: torch float32 and float64 differ by 0.04 on its scores; the parity
tests, `models/tests/test_architectures.py`, hold YOLOv5n6 and YOLOv8n to 1e-4). "GFLOP" counts the
convolutions of one image (2 x multiply-adds); "GFLOP/s" is that over the median time per image.
"load" is the machine's 1-minute load average before / highest / after the layout's rounds (this
benchmark itself adds about {threads}; other engineers' jobs share these {threads} cores).
Goal (issue 11): the batched ONNX path at least 2x torch eager batch 1.

Reading it: on a CPU the 640 models are bound by arithmetic. Two of these cores can do at most
2 x 32 FP32 FLOP per cycle with AVX-512 FMA, about 170-240 GFLOP/s at 2.6-3.7 GHz (a 2048-cube float32
matrix product reaches 130 GFLOP/s through torch here); ONNX Runtime's batched path does about 170 on
YOLOv8s and its letterbox is ~10 ms of each YOLOv8n image, so twice PyTorch eager's speed would take
250 GFLOP/s on YOLOv8s and ~190 on YOLOv8n's convolutions: at or past the peak, whatever the batch.
Batching adds no arithmetic efficiency on a CPU (batch 4 runs the same convolutions four times); what
it saves is per-call work (the letterbox of a batch runs on the session's threads). The 1280 model
runs far below the peak (its first feature maps are 130 MB each, far beyond the caches, so memory
traffic rather than arithmetic sets its pace; not checked with counters), and there ONNX Runtime is
also only 1.2x. The 2x is not reached in FP32 on this CPU for any layout; it needs fewer FLOPs (a
smaller model or input size), reduced precision (excluded here), or a GPU. Ratios measured under heavy
load are not the runtimes' own: PyTorch's OpenMP threads collapse when other jobs take their cores (at
load 5.5 a YOLOv8n image took torch 1,558 ms, 15x its time at rest, and ONNX Runtime 191 ms), which is how
earlier runs of this benchmark at load 12-23 showed 9.1x, 3.8x and 1.9x.

| model | layout | params / ONNX | GFLOP | torch eager, batch 1 (ms) | ONNX, batch 1 (ms) | ONNX, batched (ms) | ONNX b1 vs torch | batched vs torch | before tuning: b1 / batched (ms) | gain: b1 / batched | score Δ | GFLOP/s torch / batched | load |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
{chr(10).join(rows)}
"""
    print(body)
    if not args.no_write:
        write_section("Detector layouts: PyTorch eager vs the ONNX path", body)


if __name__ == "__main__":
    main()
