"""Bad model files: the real worker process refuses to start with one line naming the problem (exit
status 3, no traceback) and publishes the problem in Redis for the Models page (issue 11, bad input)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnx
import redis
from onnx import TensorProto, helper, numpy_helper

from addax_common.model_check import EXIT_MODEL_ERROR, read_status
from tests.support.servers import REPO, settings_env


def save(path: Path, nodes, inputs, outputs, inits=(), **meta: str) -> Path:
    graph = helper.make_graph(nodes, "bad", inputs, outputs, list(inits))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)
    helper.set_model_props(model, {"task": "detection", "input_size": "64", **meta})
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return path


def image_input(rank: int = 4):
    shape = ["batch", 3, 64, 64][:rank]
    return helper.make_tensor_value_info("images", TensorProto.FLOAT, shape)


def anchors_model(path: Path, columns: int, **meta: str) -> Path:
    """[N, 3, 64, 64] -> 1x1 conv to `columns` channels -> [N, 4096, columns] (a yolov5-like layout)."""
    weight = numpy_helper.from_array(np.full((columns, 3, 1, 1), 0.1, np.float32), "w")
    shape = numpy_helper.from_array(np.array([0, columns, -1], np.int64), "shape")
    nodes = [
        helper.make_node("Conv", ["images", "w"], ["c"]),
        helper.make_node("Reshape", ["c", "shape"], ["r"]),
        helper.make_node("Transpose", ["r"], ["output0"], perm=[0, 2, 1]),
    ]
    out = helper.make_tensor_value_info("output0", TensorProto.FLOAT, ["batch", 4096, columns])
    return save(path, nodes, [image_input()], [out], [weight, shape], **meta)


def run_worker(service: str, settings, model: Path) -> subprocess.CompletedProcess[str]:
    key = "DETECTOR_MODEL_PATH" if service == "detection" else "CLASSIFIER_MODEL_PATH"
    env = settings_env(settings) | {key: str(model), "METRICS_PORT": "0"}
    return subprocess.run(
        [sys.executable, "-m", f"addax_{service}"], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


def assert_refused(result: subprocess.CompletedProcess[str], service: str, *fragments: str) -> str:
    assert result.returncode == EXIT_MODEL_ERROR, (result.returncode, result.stderr[-2000:])
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr  # one clear line ...
    assert "Traceback" not in result.stderr + result.stdout  # ... never a traceback
    line = lines[0]
    assert line.startswith(f"{service}: refusing to start: ")
    for fragment in fragments:
        assert fragment in line, line
    logged = [json.loads(x) for x in result.stdout.splitlines() if '"model_refused"' in x]
    assert len(logged) == 1 and logged[0]["level"] == "error" and logged[0]["problem"] in line
    return line


def published_problem(settings, task: str) -> dict:
    client = redis.Redis.from_url(settings.redis_url, decode_responses=True)
    try:
        return read_status(client, settings.redis_prefix)[task]
    finally:
        client.close()


def test_file_that_is_not_onnx(settings, tmp_path):
    model = tmp_path / "md_v5a.onnx"
    model.write_bytes(b"PK\x03\x04 this is a PyTorch zip, not an ONNX model")
    line = assert_refused(
        run_worker("detection", settings, model), "detection", "not a loadable ONNX model", str(model)
    )
    status = published_problem(settings, "detection")
    assert status["state"] == "error" and status["problem"] in line and status["path"] == str(model)


def test_missing_file(settings, tmp_path):
    assert_refused(run_worker("detection", settings, tmp_path / "nope.onnx"), "detection", "model file not found")


def test_wrong_input_rank(settings, tmp_path):
    out = helper.make_tensor_value_info("output0", TensorProto.FLOAT, ["batch", 3, 64])
    model = save(
        tmp_path / "rank3.onnx", [helper.make_node("Identity", ["images"], ["output0"])], [image_input(rank=3)], [out]
    )
    assert_refused(
        run_worker("detection", settings, model), "detection", "rank 3", "expected an image batch [N, 3, H, W]"
    )


def test_output_layout_the_decoder_does_not_know(settings, tmp_path):
    out = helper.make_tensor_value_info("output0", TensorProto.FLOAT, ["batch", 3, 1, 1])
    pooled = save(
        tmp_path / "pooled.onnx",
        [helper.make_node("GlobalAveragePool", ["images"], ["output0"])],
        [image_input()],
        [out],
        output_format="yolov5",
    )
    assert_refused(run_worker("detection", settings, pooled), "detection", "not a layout the decoder knows")
    declared = anchors_model(tmp_path / "ssd.onnx", 8, output_format="ssd")
    assert_refused(run_worker("detection", settings, declared), "detection", "output_format 'ssd'")


def test_labels_that_do_not_match_the_class_count(settings, tmp_path):
    # 5 + 4 columns: four classes, but the metadata lists three labels.
    model = anchors_model(tmp_path / "four.onnx", 9, output_format="yolov5", labels='["animal", "person", "vehicle"]')
    line = assert_refused(run_worker("detection", settings, model), "detection", "labels do not match the class count")
    assert "4 classes" in line and "labels list 3" in line


def test_classifier_labels_that_do_not_match(settings, tmp_path):
    weight = numpy_helper.from_array(np.full((5, 3, 1, 1), 0.1, np.float32), "w")
    nodes = [
        helper.make_node("Conv", ["images", "w"], ["c"]),
        helper.make_node("GlobalAveragePool", ["c"], ["p"]),
        helper.make_node("Flatten", ["p"], ["output0"]),
    ]
    out = helper.make_tensor_value_info("output0", TensorProto.FLOAT, ["batch", 5])
    model = save(
        tmp_path / "cls.onnx",
        nodes,
        [image_input()],
        [out],
        [weight],
        task="classification",
        output_format="logits",
        labels=json.dumps(["a", "b", "c", "d", "e", "f", "g"]),
    )
    line = assert_refused(
        run_worker("classification", settings, model), "classification", "labels do not match the class count"
    )
    assert "5 classes" in line and "labels list 7" in line
    assert published_problem(settings, "classification")["state"] == "error"


def test_sha256_that_does_not_match_the_catalog(settings, tmp_path, demo_models):
    # The demo detector's catalog entry records the hash of its deterministic build: a file under its
    # name with other bytes (here: one metadata value changed) is refused.
    model = onnx.load(str(demo_models["detector"]))
    helper.set_model_props(model, {p.key: p.value for p in model.metadata_props} | {"version": "tampered"})
    tampered = tmp_path / "demo-detector.onnx"
    onnx.save(model, str(tampered))
    line = assert_refused(
        run_worker("detection", settings, tampered), "detection", "sha256 mismatch", "catalog entry demo-detector"
    )
    assert "306d6d8d62b99b4ff74b292061c32ddb469d523d13345a11706fdb3a92f67d05" in line
    # The untouched file passes the same check (the worker would go on to serve; checked in-process).
    from addax_common.active_models import provenance
    from addax_common.model_check import check_catalog

    original = demo_models["detector"]
    meta = {p.key: p.value for p in onnx.load(str(original)).metadata_props}
    note = check_catalog(REPO / "models/catalog.yaml", original, provenance(original, meta, "detection").sha256, meta)
    assert note == "demo-detector: sha256 matches"
