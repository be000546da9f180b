"""Convert a YOLO ``.pt`` checkpoint to ONNX with AddaxAI Connect metadata.

    pip install -e 'models/[convert]'
    python -m addax_models.convert md_v5a.0.0.pt --out md_v5a.onnx --size 1280 \\
        --yolov5-repo ~/src/yolov5          # YOLOv5 checkpoints (MegaDetector v5, redwood, spruce)
    python -m addax_models.convert md_v1000.0.0-larch.pt --out larch.onnx --size 640 --arch ultralytics

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
import sys
from pathlib import Path
from typing import Any

import onnx

from .catalog import CatalogError, load_catalog
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
) -> Path:
    torch = _import_torch()
    if arch == "ultralytics":
        labels, exported = _export_ultralytics(checkpoint, size, opset)
        exported.replace(out)
        output_format = "yolov8"
    else:
        labels = _export_yolov5(torch, checkpoint, out, size, opset, yolov5_repo)
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


def _export_yolov5(torch: Any, checkpoint: Path, out: Path, size: int, opset: int, repo: Path | None) -> list[str]:
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

    dummy = torch.zeros(1, 3, size, size)
    torch.onnx.export(
        Decoded(),
        (dummy,),
        str(out),
        input_names=["images"],
        output_names=["output0"],
        dynamic_axes={"images": {0: "batch"}, "output0": {0: "batch"}},
        opset_version=opset,
    )
    return labels


def _export_ultralytics(checkpoint: Path, size: int, opset: int) -> tuple[list[str], Path]:
    try:
        from ultralytics import YOLO
    except ImportError as exc:
        raise ConvertError("--arch ultralytics needs the `ultralytics` package (AGPL-3.0)") from exc
    model = YOLO(str(checkpoint))
    exported = Path(model.export(format="onnx", imgsz=size, dynamic=True, opset=opset))
    return _names(model.names), exported


def _names(names: Any) -> list[str]:
    if isinstance(names, dict):
        return [str(names[k]) for k in sorted(names)]
    if isinstance(names, (list, tuple)) and names:
        return [str(n) for n in names]
    return list(DEFAULT_LABELS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkpoint", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--size", type=int, required=True, help="square input side, e.g. 1280 for MDv5")
    parser.add_argument("--arch", choices=["yolov5", "ultralytics"], default="yolov5")
    parser.add_argument("--name", default=None)
    parser.add_argument("--version", default="1")
    parser.add_argument("--yolov5-repo", type=Path, default=None)
    parser.add_argument("--opset", type=int, default=17)
    parser.add_argument("--catalog", default=None, metavar="NAME", help="take name, version, licence, source from it")
    args = parser.parse_args(argv)
    try:
        provenance: dict[str, str] = {}
        if args.catalog:
            entry = load_catalog().get(args.catalog)
            args.name, args.version = entry.name, entry.version
            provenance = {"license": entry.license, "source": f"{entry.source.kind}: {entry.source.value}"}
        path = convert(
            args.checkpoint,
            args.out,
            args.size,
            args.arch,
            args.name,
            args.version,
            args.yolov5_repo,
            args.opset,
            **provenance,
        )
    except (ConvertError, CatalogError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
