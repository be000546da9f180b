"""Real inference with the demo detector (built by addax_models) on synthetic and real photos."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from PIL import Image

from addax_detection.model import Detection, Detector, candidates, nms
from addax_models.synthetic import AnimalSpec, GroundTruth, make_scene, make_scenes

REPO = Path(__file__).resolve().parents[3]
PHOTO_DIRS = (REPO / "tests/data/camtrap-dp-example",)


def iou(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    iw = max(0.0, min(ax + aw, bx + bw) - max(ax, bx))
    ih = max(0.0, min(ay + ah, by + bh) - max(ay, by))
    inter = iw * ih
    return inter / (aw * ah + bw * bh - inter)


def best_match(gt: GroundTruth, found: list[Detection]) -> tuple[float, Detection | None]:
    scored = [(iou(gt.bbox, d.bbox), d) for d in found if d.category == gt.category]
    return max(scored, key=lambda t: t[0], default=(0.0, None))


def assert_valid(found: list[Detection], labels: tuple[str, ...]) -> None:
    for d in found:
        x, y, w, h = d.bbox
        assert d.category in labels and 0.0 <= d.confidence <= 1.0
        assert 0 <= x <= 1 and 0 <= y <= 1 and w > 0 and h > 0
        assert x + w <= 1 + 1e-6 and y + h <= 1 + 1e-6


@pytest.fixture(scope="module")
def detector(demo_models: dict[str, Path]) -> Detector:
    det = Detector(demo_models["detector"])
    det.warmup()
    return det


def test_the_reduced_copy_finds_the_same_boxes_as_the_full_photo(detector: Detector) -> None:
    """The detection stage hands the detector `reduced(photo, input size)`: the letterbox of that copy
    is the letterbox of the photo (the same box average first), so the boxes are the same."""
    from addax_common.imaging import reduced

    scenes = make_scenes(8, seed=77)
    full = detector.detect([s.image() for s in scenes], 0.1)
    small = detector.detect([reduced(s.image(), detector.input_size) for s in scenes], 0.1)
    assert sum(len(f) for f in full) >= 8
    for a, b in zip(full, small, strict=True):
        assert [d.category for d in a] == [d.category for d in b]
        for d, e in zip(a, b, strict=True):
            assert iou(d.bbox, e.bbox) > 0.99 and abs(d.confidence - e.confidence) < 0.01


def test_reads_size_and_labels_from_metadata(detector: Detector) -> None:
    assert detector.input_size == 640
    assert detector.labels == ("animal", "person", "vehicle")
    assert detector.batch_size is None  # dynamic batch: one session.run per call


def test_finds_every_object_in_random_scenes(detector: Detector) -> None:
    scenes = make_scenes(24, seed=1000)
    ious, stray = [], []
    for start in range(0, len(scenes), 4):  # batches of 4, like the worker
        batch = scenes[start : start + 4]
        for scene, found in zip(batch, detector.detect([s.image() for s in batch], 0.1), strict=True):
            assert_valid(found, detector.labels)
            matched = set()
            for gt in scene.objects:
                overlap, det = best_match(gt, found)
                assert det is not None and overlap >= 0.5 and det.confidence >= 0.2, (scene.seed, gt, found)
                ious.append(overlap)
                matched.add(id(det))
            stray += [d for d in found if id(d) not in matched]
    assert len(ious) >= 40
    assert float(np.mean(ious)) >= 0.8
    assert all(d.confidence < 0.3 for d in stray), stray  # no confident false positives


def test_nothing_on_animal_free_scenes(detector: Detector) -> None:
    images = [make_scene(seed, animals=[]).image() for seed in range(6)]
    assert detector.detect(images, conf_threshold=0.2) == [[] for _ in images]


def test_letterbox_mapping_for_portrait_small_and_greyscale_images(detector: Detector) -> None:
    cases = [
        make_scene(5, width=1080, height=1920, animals=[AnimalSpec("person", 0.5, 0.6, 0.4, 0.3)]),
        make_scene(6, width=500, height=300, animals=[AnimalSpec("vehicle", 0.3, 0.5, 0.35, 0.4)]),
        make_scene(7, width=2048, height=1440, animals=[AnimalSpec("brown bear", 0.7, 0.3, 0.15, 0.2)]),
    ]
    for scene, found in zip(cases, detector.detect([s.image() for s in cases], 0.2), strict=True):
        overlap, det = best_match(scene.objects[0], found)
        assert det is not None and overlap >= 0.5, (scene.objects, found)
    grey = make_scene(8, animals=[AnimalSpec("red fox", 0.5, 0.5, 0.2, 0.2)]).image().convert("L")
    assert detector.detect([grey], 0.2) == [[]]  # no colour, nothing to see: and no crash


def test_batch_equals_one_by_one(detector: Detector) -> None:
    images = [s.image() for s in make_scenes(4, seed=2000)]
    images.append(make_scene(9, width=800, height=1200).image())
    batched = detector.detect(images, 0.1)
    single = [detector.detect([im], 0.1)[0] for im in images]
    for a, b in zip(batched, single, strict=True):
        assert [d.category for d in a] == [d.category for d in b]
        np.testing.assert_allclose([d.bbox for d in a], [d.bbox for d in b], atol=1e-5)
        np.testing.assert_allclose([d.confidence for d in a], [d.confidence for d in b], atol=1e-5)


def test_model_with_fixed_batch_of_one(detector: Detector, demo_models: dict[str, Path], tmp_path: Path) -> None:
    model = onnx.load(str(demo_models["detector"]))
    for value in (model.graph.input[0], model.graph.output[0]):
        value.type.tensor_type.shape.dim[0].dim_value = 1
    path = tmp_path / "fixed.onnx"
    onnx.save(model, str(path))
    fixed = Detector(path)
    assert fixed.batch_size == 1
    images = [s.image() for s in make_scenes(3, seed=3000)]
    assert [[d.category for d in r] for r in fixed.detect(images, 0.2)] == [
        [d.category for d in r] for r in detector.detect(images, 0.2)
    ]


def test_runs_on_real_reconyx_photos(detector: Detector) -> None:
    photos = sorted({p.name: p for d in PHOTO_DIRS if d.is_dir() for p in d.glob("*.JPG")}.values())
    if not photos:
        pytest.skip("no example camera-trap photos on this machine")
    images = [Image.open(p) for p in photos[:4]]
    for found in detector.detect(images, 0.1):
        assert_valid(found, detector.labels)  # night IR greyscale: the colour detector sees ~nothing


def test_empty_list(detector: Detector) -> None:
    assert detector.detect([], 0.1) == []


def test_nms_keeps_the_best_of_overlapping_boxes() -> None:
    boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30], [0, 0, 10, 9]], np.float32)
    scores = np.array([0.9, 0.8, 0.7, 0.95], np.float32)
    assert nms(boxes, scores, 0.45) == [3, 2]


def test_nms_stops_at_the_limit_with_the_same_first_boxes() -> None:
    # 20,000 scattered boxes that barely overlap: the full greedy run keeps most of them, one round each.
    rng = np.random.default_rng(3)
    xy = rng.uniform(0, 5000, (20_000, 2)).astype(np.float32)
    boxes = np.concatenate([xy, xy + rng.uniform(5, 20, (20_000, 2)).astype(np.float32)], axis=1)
    scores = rng.uniform(0.1, 1.0, 20_000).astype(np.float32)
    full = nms(boxes[:3000], scores[:3000], 0.45)
    assert len(full) > 300
    assert nms(boxes[:3000], scores[:3000], 0.45, limit=300) == full[:300]
    import time

    started = time.thread_time()
    assert len(nms(boxes, scores, 0.45, limit=300)) == 300
    assert time.thread_time() - started < 2.0  # 300 rounds, not ~20,000


def test_yolov8_layout_is_decoded() -> None:
    # ultralytics v8/v11 export: [4 + classes, anchors], class scores without objectness
    pred = np.zeros((7, 5), np.float32)
    pred[:4, 2] = [100, 200, 50, 40]
    pred[4:, 2] = [0.1, 0.85, 0.2]
    for fmt in ("yolov8", ""):  # from metadata, or sniffed from the shape
        boxes, conf, cls = candidates(pred, 3, fmt)
        assert cls[2] == 1 and conf[2] == pytest.approx(0.85) and boxes[2].tolist() == [100, 200, 50, 40]


@pytest.mark.parametrize("n_classes", [1, 3, 80])
def test_yolov8_candidates_above_a_threshold_are_those_of_the_full_decode(n_classes: int) -> None:
    """The threshold shortcut (best score first, argmax for the kept anchors only) keeps exactly the
    anchors, order, boxes, classes and confidences of decoding every anchor and filtering after;
    ties between classes included (the first class wins, as np.argmax)."""
    rng = np.random.default_rng(n_classes)
    pred = rng.random((4 + n_classes, 8400), dtype=np.float32) ** 6
    pred[4:, :50] = 0.5  # every class tied on some anchors
    for threshold in (0.01, 0.1, 0.5, 0.99, 1.5):
        boxes, conf, cls = candidates(pred, n_classes, "yolov8")
        keep = conf >= threshold
        fast = candidates(pred, n_classes, "yolov8", threshold)
        for expected, got in zip((boxes[keep], conf[keep], cls[keep]), fast, strict=True):
            np.testing.assert_array_equal(got, expected)
            assert got.dtype == expected.dtype


def test_yolov5_layout_multiplies_objectness() -> None:
    pred = np.array([[10, 20, 4, 4, 0.5, 0.2, 0.9, 0.1]], np.float32)
    boxes, conf, cls = candidates(pred, 3, "")
    assert cls.tolist() == [1] and conf[0] == pytest.approx(0.45)


def test_session_threads_follow_the_setting(detector: Detector, demo_models: dict[str, Path]) -> None:
    """ONNX_INTRA_OP_THREADS: several worker processes on one host share the cores (issue 15, item 1)."""
    one = Detector(demo_models["detector"], threads=1)
    assert one.onnx.session.get_session_options().intra_op_num_threads == 1
    assert detector.onnx.session.get_session_options().intra_op_num_threads == 0  # the runtime's default
    images = [s.image() for s in make_scenes(2, seed=4000)]
    assert [[d.category for d in r] for r in one.detect(images, 0.2)] == [
        [d.category for d in r] for r in detector.detect(images, 0.2)
    ]


def reference_letterbox(image: Image.Image, size: int) -> np.ndarray:
    """The letterbox spelled out: resize to fit (box average for the integer part of the reduction, then
    bilinear: reducing_gap=1), pasted centred on a grey canvas, / 255."""
    scale = min(size / image.width, size / image.height)
    new_w, new_h = max(1, round(image.width * scale)), max(1, round(image.height * scale))
    canvas = Image.new("RGB", (size, size), (114, 114, 114))
    canvas.paste(image.convert("RGB").resize((new_w, new_h), Image.Resampling.BILINEAR, reducing_gap=1.0),
                 ((size - new_w) // 2, (size - new_h) // 2))
    return np.asarray(canvas, dtype=np.float32).transpose(2, 0, 1) / np.float32(255)


def test_letterbox_is_exactly_the_reference_for_every_shape_and_mode(detector: Detector) -> None:
    rng = np.random.default_rng(11)
    images = [
        make_scene(12).image(),  # 1920x1080 RGB: bands top and bottom
        Image.fromarray(rng.integers(0, 256, (900, 600, 3), dtype=np.uint8)),  # portrait: bands left and right
        Image.fromarray(rng.integers(0, 256, (300, 200), dtype=np.uint8)),  # greyscale, upscaled
        Image.fromarray(rng.integers(0, 256, (5, 3000, 4), dtype=np.uint8), "RGBA"),  # a sliver, alpha
        Image.fromarray(rng.integers(0, 256, (detector.input_size,) * 2 + (3,), dtype=np.uint8)),  # no padding
        Image.fromarray(rng.integers(0, 256, (1, 1, 3), dtype=np.uint8)),
    ]
    for image in images:
        tensor, _ = detector._letterbox(image)
        assert tensor.dtype == np.float32 and tensor.flags.c_contiguous
        np.testing.assert_array_equal(tensor, reference_letterbox(image, detector.input_size))
    # A batch is letterboxed into one array (serially, and on the session's threads): the same
    # tensors, in the same order, every padding strip filled even when the array held other values.
    for threads in (1, 2):
        batcher = Detector(detector.onnx.path, threads=threads)
        batch, boxes = batcher._prepare(images)
        assert batch.shape == (len(images), 3, detector.input_size, detector.input_size)
        assert batch.dtype == np.float32 and batch.flags.c_contiguous
        for tensor, box, image in zip(batch, boxes, images, strict=True):
            np.testing.assert_array_equal(tensor, reference_letterbox(image, detector.input_size))
            assert (box.width, box.height) == image.size
        again, _ = batcher._prepare(images[::-1])  # a fresh np.empty may reuse the freed memory
        np.testing.assert_array_equal(again, batch[::-1])
    assert batcher._letterbox_pool is not None and batcher._letterbox_pool._max_workers == 2


def test_sessions_sleep_instead_of_spinning_unless_asked(demo_models: dict[str, Path]) -> None:
    """ONNX_ALLOW_SPINNING (off by default): idle session threads give their cores back."""
    default = Detector(demo_models["detector"], threads=2).onnx.session.get_session_options()
    assert default.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    assert default.graph_optimization_level == ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    assert default.execution_mode == ort.ExecutionMode.ORT_SEQUENTIAL
    spinning = Detector(demo_models["detector"], threads=2, spinning=True).onnx.session.get_session_options()
    assert spinning.get_session_config_entry("session.intra_op.allow_spinning") == "1"
