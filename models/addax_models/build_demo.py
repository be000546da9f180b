"""Build the two demo ONNX models (catalog entries with ``source: build``).

    python -m addax_models.build_demo --out models/weights

Deterministic and idempotent: the same bytes every run, files are rewritten only
when their content changes, and ``DIR/manifest.json`` records name, file, sha256,
size and metadata for each model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import onnx

from . import demo_classifier, demo_detector

DETECTOR_FILE = "demo-detector.onnx"
CLASSIFIER_FILE = "demo-classifier.onnx"
MANIFEST_FILE = "manifest.json"


@dataclass(frozen=True)
class DemoModels:
    detector: Path
    classifier: Path
    manifest: Path


def build(
    out_dir: str | Path,
    detector_size: int = demo_detector.DEFAULT_SIZE,
    classifier_size: int = demo_classifier.DEFAULT_SIZE,
) -> DemoModels:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    for model, file_name in (
        (demo_detector.build(detector_size), DETECTOR_FILE),
        (demo_classifier.build(classifier_size), CLASSIFIER_FILE),
    ):
        data = model.SerializeToString()
        _write_if_changed(out / file_name, data)
        meta = {p.key: p.value for p in model.metadata_props}
        entries.append(
            {
                "name": meta["name"],
                "file": file_name,
                "sha256": hashlib.sha256(data).hexdigest(),
                "bytes": len(data),
                "metadata": meta,
            }
        )
    manifest = out / MANIFEST_FILE
    _write_if_changed(manifest, (json.dumps({"models": entries}, indent=2) + "\n").encode())
    return DemoModels(out / DETECTOR_FILE, out / CLASSIFIER_FILE, manifest)


def _write_if_changed(path: Path, data: bytes) -> None:
    if path.exists() and path.read_bytes() == data:
        return
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)  # atomic: a reader never sees half a model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, type=Path, help="output directory")
    parser.add_argument("--detector-size", type=int, default=demo_detector.DEFAULT_SIZE)
    parser.add_argument("--classifier-size", type=int, default=demo_classifier.DEFAULT_SIZE)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    models = build(args.out, args.detector_size, args.classifier_size)
    for path in (models.detector, models.classifier):
        onnx.checker.check_model(str(path))
    print(json.dumps(json.loads(models.manifest.read_text()), indent=2))
    print(f"built in {time.perf_counter() - start:.2f} s -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
