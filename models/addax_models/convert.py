"""Convert a YOLO ``.pt`` checkpoint to ONNX with AddaxAI Connect metadata.

    pip install -e 'models/[convert]'
    python -m addax_models.convert md_v5a.0.0.pt --out md_v5a.onnx --size 1280 \\
        --yolov5-repo ~/src/yolov5          # YOLOv5 checkpoints (MegaDetector v5, redwood, spruce)
    python -m addax_models.convert md_v1000.0.0-larch.pt --out larch.onnx --size 640 --arch ultralytics
    python -m addax_models.convert --build yolov8s --size 640 --out yolov8s.onnx [--fp16]   # seeded random

YOLOv5 checkpoints are pickles that reference the ``models`` package of the
ultralytics/yolov5 repository, so ``--yolov5-repo`` (a checkout) must be given
unless that package is importable already.  The export has a dynamic batch
dimension, input ``images`` [N, 3, S, S] and output ``output0``; the metadata
written is: name, version, task=detection, labels (JSON), input_size,
output_format (``yolov5`` or, for ultralytics v8+ heads, ``yolov8``) and the
provenance: license, source, demo=false and source_sha256 (the checkpoint's hash).
``--catalog NAME`` takes name, version, licence and source from the catalog entry.

torch is imported lazily: it is an optional extra, never a service dependency.
Not exercised in CI with real weights (none are committed).
"""

from __future__ import annotations

import argparse
import copy
import sys
import warnings
from pathlib import Path
from typing import Any

import onnx

from addax_common.model_catalog import CatalogError

from .catalog import load_catalog
from .fetch import sha256_file
from .onnx_graph import set_metadata, standard_metadata

DEFAULT_LABELS = ["animal", "person", "vehicle"]
INSTALL_HINT = "pip install -e 'models/[convert]'"


class ConvertError(RuntimeError):
    pass


def _import_torch() -> Any:
    try:
        import torch
    except ImportError as exc:
        raise ConvertError(f"PyTorch is not installed; install the conversion extra: {INSTALL_HINT}") from exc
    return torch


def convert(
    checkpoint: Path,
    out: Path,
    size: int,
    arch: str = "yolov5",
    name: str | None = None,
    version: str = "1",
    yolov5_repo: Path | None = None,
    opset: int = 17,
    license: str = "unknown",
    source: str | None = None,
    fp16: bool = False,
) -> Path:
    torch = _import_torch()
    if arch == "ultralytics":
        labels, exported = _export_ultralytics(checkpoint, size, opset, fp16)
        exported.replace(out)
        output_format = "yolov8"
    else:
        labels = _export_yolov5(torch, checkpoint, out, size, opset, yolov5_repo, fp16)
        output_format = "yolov5"
    model = onnx.load(str(out))
    meta = standard_metadata(
        name=name or checkpoint.stem,
        version=version,
        task="detection",
        labels=labels,
        input_size=size,
        output_format=output_format,
        license=license,
        source=source or f"path: {checkpoint.name}",
        demo=False,
    )
    meta["source_sha256"] = sha256_file(checkpoint)
    set_metadata(model, meta)
    onnx.checker.check_model(model)
    onnx.save(model, str(out))
    return out


def _export_yolov5(
    torch: Any, checkpoint: Path, out: Path, size: int, opset: int, repo: Path | None, fp16: bool = False
) -> list[str]:
    if repo is not None:
        sys.path.insert(0, str(repo))  # the pickle refers to yolov5's `models.yolo`
    try:
        ckpt = torch.load(str(checkpoint), map_location="cpu", weights_only=False)
    except ModuleNotFoundError as exc:
        raise ConvertError(
            f"{checkpoint} needs the YOLOv5 code to unpickle ({exc}); pass --yolov5-repo PATH "
            "to a checkout of https://github.com/ultralytics/yolov5"
        ) from exc
    net = (ckpt.get("ema") or ckpt["model"]) if isinstance(ckpt, dict) else ckpt
    net = net.float().eval()
    labels = _names(getattr(net, "names", None))
    for module in net.modules():  # YOLOv5 Detect: return only the decoded tensor
        if module.__class__.__name__ == "Detect":
            module.export = True
            module.inplace = False

    class Decoded(torch.nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.net = net

        def forward(self, images: Any) -> Any:
            result = self.net(images)
            return result[0] if isinstance(result, (tuple, list)) else result

    export_module(torch, Decoded(), out, size, opset, fp16)
    return labels


def export_module(torch: Any, module: Any, out: Path, size: int, opset: int = 17, fp16: bool = False) -> Path:
    """``module`` ([N, 3, S, S] in 0..1 -> one tensor) to ONNX: input ``images``, output ``output0``,
    dynamic batch. ``fp16``: weights, input and output in float16 (the module is exported in half
    precision, so shape constants such as Resize scales stay float32 as the ONNX spec wants)."""
    module = module.eval()
    dtype = torch.float16 if fp16 else torch.float32
    if fp16:
        module = copy.deepcopy(module).half()
    dummy = torch.zeros(1, 3, size, size, dtype=dtype)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer warnings about shapes used as Python numbers
        torch.onnx.export(
            module,
            (dummy,),
            str(out),
            input_names=["images"],
            output_names=["output0"],
            dynamic_axes={"images": {0: "batch"}, "output0": {0: "batch"}},
            opset_version=opset,
            dynamo=False,
        )
    return out


def export_architecture(
    arch: str, out: Path, imgsz: int | None = None, fp16: bool = False, seed: int = 0, opset: int = 17
) -> Path:
    """A seeded random network of ``addax_models.architectures`` as ONNX with our metadata (demo=true:
    random weights detect nothing; they exist for layout, parity and speed tests)."""
    torch = _import_torch()
    from .architectures import build

    net = build(arch, imgsz=imgsz, seed=seed)
    export_module(torch, net, out, net.imgsz, opset, fp16)
    model = onnx.load(str(out))
    meta = standard_metadata(
        name=f"random-{arch}" + ("-fp16" if fp16 else ""),
        version=f"seed{seed}",
        task="detection",
        labels=net.labels,
        input_size=net.imgsz,
        output_format=net.layout,
        license="MIT",
        source=f"build: addax_models.architectures {arch} seed={seed}",
        demo=True,
    )
    set_metadata(model, meta)
    onnx.checker.check_model(model)
    onnx.save(model, str(out))
    return out


def _export_ultralytics(checkpoint: Path, size: int, opset: int, fp16: bool = False) -> tuple[list[str], Path]:
    try:
        from ultralytics import YOLO
    except ImportError as exc:
        raise ConvertError("--arch ultralytics needs the `ultralytics` package (AGPL-3.0)") from exc
    model = YOLO(str(checkpoint))
    exported = Path(model.export(format="onnx", imgsz=size, dynamic=True, opset=opset, half=fp16))
    return _names(model.names), exported


def _names(names: Any) -> list[str]:
    if isinstance(names, dict):
        return [str(names[k]) for k in sorted(names)]
    if isinstance(names, (list, tuple)) and names:
        return [str(n) for n in names]
    return list(DEFAULT_LABELS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkpoint", type=Path, nargs="?", help="a .pt file (omit with --build)")
    parser.add_argument("--build", default=None, metavar="ARCH",
                        help="export a seeded random network of addax_models.architectures instead (yolov8n, mdv5, ...)")
    parser.add_argument("--seed", type=int, default=0, help="with --build: the weights' seed")
    parser.add_argument("--fp16", action="store_true", help="float16 weights, input and output")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--size", type=int, required=True, help="square input side, e.g. 1280 for MDv5")
    parser.add_argument("--arch", choices=["yolov5", "ultralytics"], default="yolov5")
    parser.add_argument("--name", default=None)
    parser.add_argument("--version", default="1")
    parser.add_argument("--yolov5-repo", type=Path, default=None)
    parser.add_argument("--opset", type=int, default=17)
    parser.add_argument("--catalog", default=None, metavar="NAME", help="take name, version, licence, source from it")
    args = parser.parse_args(argv)
    if args.build:
        path = export_architecture(args.build, args.out, args.size, args.fp16, args.seed, args.opset)
        print(path)
        return 0
    if args.checkpoint is None:
        parser.error("give a checkpoint or --build ARCH")
    try:
        provenance: dict[str, str] = {}
        if args.catalog:
            entry = load_catalog().get(args.catalog)
            args.name, args.version = entry.name, entry.version
            provenance = {"license": entry.license, "source": str(entry.source)}
        path = convert(
            args.checkpoint,
            args.out,
            args.size,
            args.arch,
            args.name,
            args.version,
            args.yolov5_repo,
            args.opset,
            fp16=args.fp16,
            **provenance,
        )
    except (ConvertError, CatalogError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
