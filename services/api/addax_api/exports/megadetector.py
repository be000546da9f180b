"""MegaDetector batch-output JSON, format 1.4 (the vendored schema:
addax_common/data/megadetector/batch-output-1.4.schema.json), written as a stream.

detection_categories are MegaDetector's own ("1" animal, "2" person, "3" vehicle); classification
categories number the machine labels of the exported images alphabetically. Every detection is
written (the MegaDetector tools and Timelapse apply their own threshold) with the machine top-k
classifications; human corrections are not part of this format (use Camtrap DP for them). `file` is
the image's path in the export zip: <camera>/<12 hex of the image id>-<original file name>.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy.orm import Session

from addax_api.exports import repository

FORMAT_VERSION = "1.4"
RESULTS_NAME = "megadetector.json"
DETECTION_CATEGORIES = {"1": "animal", "2": "person", "3": "vehicle"}
CATEGORY_IDS = {name: key for key, name in DETECTION_CATEGORIES.items()}


@cache
def schema() -> dict[str, Any]:
    text = resources.files("addax_common").joinpath("data", "megadetector", "batch-output-1.4.schema.json")
    return dict(json.loads(text.read_text("utf-8")))


def _image_entry(first: Any, detections: list[dict[str, Any]], path: Callable[..., str]) -> dict[str, Any]:
    entry: dict[str, Any] = {"file": path(first.image_id, first.camera_name, first.original_filename)}
    status = getattr(first.status, "value", first.status)
    if status == "failed":
        entry.update(failure=(first.error or "failed")[:300], detections=None)
        return entry
    clean = []
    for d in detections:
        item = {k: v for k, v in d.items() if k != "_index"}
        if "classifications" in item:
            item["classifications"] = sorted(item["classifications"], key=lambda c: -c[1])
        clean.append(item)
    entry["detections"] = clean
    entry["max_detection_conf"] = max((d["conf"] for d in detections), default=0.0)
    if first.captured_at is not None:
        entry["datetime"] = first.captured_at.strftime("%Y:%m:%d %H:%M:%S")
    return entry


def stream(db: Session, where: list[Any], path: Callable[..., str]) -> Iterator[bytes]:
    detector, classifier = repository.md_models(db, where)
    labels = repository.md_labels(db, where)
    label_ids = {label: str(n) for n, label in enumerate(labels)}
    info: dict[str, Any] = {"format_version": FORMAT_VERSION, "detector": detector or "unknown"}
    if classifier:
        info["classifier"] = classifier
    head = {
        "info": info,
        "detection_categories": DETECTION_CATEGORIES,
        "classification_categories": {v: k for k, v in label_ids.items()},
    }
    yield (json.dumps(head, ensure_ascii=False)[:-1] + ', "images": [\n').encode()

    first: Any = None
    detections: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    written = 0
    buffer: list[str] = []

    def flush_image() -> None:
        nonlocal written
        if first is None:
            return
        buffer.append(("" if written == 0 else ",\n") + json.dumps(_image_entry(first, detections, path)))
        written += 1

    for row in repository.md_images(db, where):
        if first is None or row.image_id != first.image_id:
            flush_image()
            first, detections, current = row, [], None
            if len(buffer) >= 200:
                yield "".join(buffer).encode()
                buffer.clear()
        if row.index is None:
            continue
        if current is None or current["_index"] != row.index:
            category = getattr(row.category, "value", row.category)
            current = {
                "_index": row.index,
                "category": CATEGORY_IDS.get(category, "1"),
                "conf": round(float(row.confidence), 6),
                "bbox": [round(float(v), 6) for v in (row.bbox_x, row.bbox_y, row.bbox_w, row.bbox_h)],
            }
            detections.append(current)
        if row.label is not None:
            current.setdefault("classifications", []).append([label_ids[row.label], round(float(row.score), 6)])
    flush_image()
    yield ("".join(buffer) + "\n]}\n").encode()
