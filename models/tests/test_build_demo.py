from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest

from addax_models import build_demo
from addax_models.build_demo import DemoModels
from addax_models.palette import DETECTOR_LABELS, SPECIES


def test_build_is_fast(built: tuple[DemoModels, float]) -> None:
    _, seconds = built
    assert seconds < 10


def test_manifest_records_the_real_hashes(built: tuple[DemoModels, float]) -> None:
    models, _ = built
    manifest = json.loads(models.manifest.read_text())
    by_name = {m["name"]: m for m in manifest["models"]}
    for name, path in (("demo-detector", models.detector), ("demo-classifier", models.classifier)):
        assert by_name[name]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert by_name[name]["file"] == path.name


def test_metadata(built: tuple[DemoModels, float]) -> None:
    models, _ = built
    det = {p.key: p.value for p in onnx.load(str(models.detector)).metadata_props}
    cls = {p.key: p.value for p in onnx.load(str(models.classifier)).metadata_props}
    assert json.loads(det["labels"]) == list(DETECTOR_LABELS)
    assert (det["task"], det["output_format"], det["input_size"]) == ("detection", "yolov5", "640")
    assert json.loads(cls["labels"]) == list(SPECIES)
    assert (cls["task"], cls["output_format"], cls["input_size"]) == ("classification", "logits", "224")
    assert det["name"] == "demo-detector" and cls["name"] == "demo-classifier"
    assert det["version"] and cls["version"]


def test_rebuild_is_idempotent(tmp_path: Path) -> None:
    first = build_demo.build(tmp_path)
    stamps = {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    data = {p: p.read_bytes() for p in tmp_path.iterdir()}
    second = build_demo.build(tmp_path)
    assert first == second
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == data
    assert {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == stamps  # not rewritten


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build_demo.main(["--out", str(tmp_path)]) == 0
    assert "demo-detector" in capsys.readouterr().out
    assert (tmp_path / "demo-detector.onnx").exists() and (tmp_path / "manifest.json").exists()


def test_dynamic_batch_and_output_layout(built: tuple[DemoModels, float]) -> None:
    models, _ = built
    det = ort.InferenceSession(str(models.detector), providers=["CPUExecutionProvider"])
    grey = np.full((3, 3, 640, 640), 114 / 255, np.float32)
    out = det.run(None, {"images": grey})[0]
    assert out.ndim == 3 and out.shape[0] == 3 and out.shape[2] == 8  # YOLOv5: 5 + 3 classes
    assert float((out[..., 4] * out[..., 5:].max(-1)).max()) < 0.01  # letterbox grey finds nothing
    cls = ort.InferenceSession(str(models.classifier), providers=["CPUExecutionProvider"])
    logits = cls.run(None, {"images": np.zeros((2, 3, 224, 224), np.float32)})[0]
    assert logits.shape == (2, len(SPECIES))
