"""Say what ONNX models are, from their metadata (name, version, licence, source, demo).

    python -m addax_models.describe models/weights/*.onnx
    python -m addax_models.describe --demo-only DETECTOR CLASSIFIER   # "name@version, ..." of demo ones

``scripts/start.sh`` uses ``--demo-only`` to say when demo models are active.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import onnx


@dataclass(frozen=True)
class Described:
    ref: str  # name@version
    demo: bool
    license: str
    source: str


def describe(path: str | Path) -> Described:
    # Metadata only: large external weights are not read.
    model = onnx.load(str(path), load_external_data=False)
    meta = {p.key: p.value for p in model.metadata_props}
    name = meta.get("name") or Path(path).stem
    return Described(
        ref=f"{name}@{meta.get('version') or 'unknown'}",
        demo=meta.get("demo", "").lower() == "true",
        license=meta.get("license") or "unknown",
        source=meta.get("source") or "unknown",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="+", type=Path)
    parser.add_argument("--demo-only", action="store_true", help="print only the demo models, comma-separated")
    args = parser.parse_args(argv)
    try:
        described = [describe(path) for path in args.models]
    except Exception as exc:  # noqa: BLE001  # a file that is not ONNX raises protobuf's DecodeError, among others
        print(f"error: cannot read model metadata: {exc}", file=sys.stderr)
        return 1
    if args.demo_only:
        print(", ".join(d.ref for d in described if d.demo))
        return 0
    for d in described:
        print(f"{d.ref}\t{'demo' if d.demo else 'real'}\t{d.license}\t{d.source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
