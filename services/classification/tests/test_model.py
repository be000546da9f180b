"""Real inference with the demo classifier (built by addax_models) on synthetic animal crops."""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from addax_classification.model import Classifier
from addax_models.palette import SPECIES
from addax_models.synthetic import AnimalSpec, make_scene


def crop(image: Image.Image, bbox: tuple[float, float, float, float], margin: float) -> Image.Image:
    """Same geometry as the detection service's crop: the box grown by `margin` of its size per side."""
    width, height = image.size
    x, y, w, h = bbox
    left, top = max(0.0, x - w * margin) * width, max(0.0, y - h * margin) * height
    right, bottom = min(1.0, x + w * (1 + margin)) * width, min(1.0, y + h * (1 + margin)) * height
    return image.crop((round(left), round(top), round(right), round(bottom)))


def species_crops(label: str, count: int, seed: int) -> list[Image.Image]:
    """Crops of `label` at random sizes/places, with margins and a detector-like box jitter."""
    rng = random.Random(f"{label}-{seed}")
    crops = []
    for i in range(count):
        w = rng.uniform(0.06, 0.3)
        h = w * 16 / 9 / rng.uniform(0.8, 1.8)
        spec = AnimalSpec(label, rng.uniform(0.2, 0.8), rng.uniform(0.3, 0.7), w, h, rng.random() < 0.5)
        scene = make_scene(seed * 100 + i, animals=[spec])
        x, y, bw, bh = scene.objects[0].bbox
        jitter = (x + rng.uniform(-0.1, 0.1) * bw, y + rng.uniform(-0.1, 0.1) * bh, bw, bh)
        crops.append(crop(scene.image(), jitter, rng.choice([0.1, 0.3])))
    return crops


@pytest.fixture(scope="module")
def classifier(demo_models: dict[str, Path]) -> Classifier:
    model = Classifier(demo_models["classifier"])
    model.warmup()
    return model


@pytest.fixture(scope="module")
def crops() -> dict[str, list[Image.Image]]:
    return {label: species_crops(label, 3, seed) for seed, label in enumerate(SPECIES)}


def test_labels_and_size_from_metadata(classifier: Classifier) -> None:
    assert classifier.labels == SPECIES
    assert classifier.input_size == 224


def test_every_palette_species_is_recognised(classifier: Classifier, crops: dict[str, list[Image.Image]]) -> None:
    for label, images in crops.items():
        for top in classifier.classify(images, top_k=5):
            assert top[0][0] == label, (label, top)
            assert top[0][1] > 0.8


def test_label_survives_heavy_jpeg_compression(classifier: Classifier, crops: dict[str, list[Image.Image]]) -> None:
    for label, images in crops.items():
        buf = io.BytesIO()
        images[0].save(buf, "JPEG", quality=25)
        assert classifier.classify([Image.open(buf)], top_k=1)[0][0][0] == label


def test_top_k_sorted_and_sums_to_at_most_one(classifier: Classifier, crops: dict[str, list[Image.Image]]) -> None:
    for top in classifier.classify([imgs[0] for imgs in crops.values()], top_k=5):
        scores = [s for _, s in top]
        assert len(top) == 5 and scores == sorted(scores, reverse=True)
        assert sum(scores) <= 1 + 1e-6 and all(0 <= s <= 1 for s in scores)
    everything = classifier.classify([crops["wolf"][0]], top_k=50)[0]
    assert len(everything) == len(SPECIES) and sum(s for _, s in everything) == pytest.approx(1.0)


def test_allowed_species_restricts_and_renormalises(
    classifier: Classifier, crops: dict[str, list[Image.Image]]
) -> None:
    allowed = {"wolf", "badger", "not-a-model-label"}
    wolf, fox = crops["wolf"][0], crops["red fox"][0]
    result = classifier.classify([wolf, fox], top_k=5, allowed=allowed)
    for top in result:
        assert {label for label, _ in top} == {"wolf", "badger"}
        assert sum(s for _, s in top) == pytest.approx(1.0)
    assert result[0][0][0] == "wolf"
    full = dict(classifier.classify([fox], top_k=len(SPECIES))[0])
    restricted = dict(result[1])
    ratio = full["wolf"] / full["badger"]  # renormalising keeps the relative odds
    assert restricted["wolf"] / restricted["badger"] == pytest.approx(ratio, rel=1e-4)


def test_allowed_without_any_model_label_gives_nothing(classifier: Classifier) -> None:
    image = Image.new("RGB", (50, 50), (200, 30, 30))
    assert classifier.classify([image, image], allowed={"kangaroo"}) == [[], []]
    assert classifier.classify([image], allowed=set()) == [[]]


def test_batch_equals_one_by_one(classifier: Classifier, crops: dict[str, list[Image.Image]]) -> None:
    images = [img for imgs in crops.values() for img in imgs[:2]]
    batched = classifier.classify(images, top_k=3)
    single = [classifier.classify([img], top_k=3)[0] for img in images]
    for a, b in zip(batched, single, strict=True):
        assert [label for label, _ in a] == [label for label, _ in b]
        np.testing.assert_allclose([s for _, s in a], [s for _, s in b], atol=1e-6)


def test_colourless_crop_is_uncertain(classifier: Classifier) -> None:
    top = classifier.classify([Image.new("RGB", (80, 60), (120, 120, 110))], top_k=1)[0]
    assert top[0][1] < 0.5  # no saturated blob: no confident species


def test_empty_list(classifier: Classifier) -> None:
    assert classifier.classify([]) == []
