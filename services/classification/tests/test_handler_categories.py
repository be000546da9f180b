"""People and vehicles are never sent to the species classifier, even when their detection has a crop
(a row written by another version, a human edit): only animal crops reach the model."""

from __future__ import annotations

import hashlib
import io
import uuid

from PIL import Image as PILImage
from sqlalchemy import select

from addax_classification.handler import ClassificationHandler
from addax_classification.taxonomy import Prediction
from addax_common.db import Classification, Detection, DetectionCategory, Image, ImageStatus, RuntimeSetting
from addax_common.reliable_queue import Message
from addax_common.storage import BUCKET_CROPS


class SpyClassifier:
    input_size = 224  # the handler decodes crops at the model's input size

    def __init__(self) -> None:
        self.calls: list[list[tuple[int, int, int]]] = []

    def predict(self, crops, top_k=5, geofence=None, rollup_threshold=0.0):  # noqa: ARG002 - the Classifier signature
        self.calls.append([c.getpixel((0, 0)) for c in crops])
        top = [("red fox", 0.9), ("badger", 0.06), ("wolf", 0.04)]
        return [[Prediction(label, score, "label", {}) for label, score in top] for _ in crops]


def solid_jpeg(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (32, 32), colour).save(out, "JPEG", quality=95)
    return out.getvalue()


def seed(ctx) -> uuid.UUID:
    image_id = uuid.uuid4()
    colours = {DetectionCategory.ANIMAL: (200, 40, 40), DetectionCategory.PERSON: (40, 200, 40),
               DetectionCategory.VEHICLE: (40, 40, 200)}
    with ctx.sessions.begin() as db:
        db.add(Image(id=image_id, original_filename="x.jpg", sha256=hashlib.sha256(image_id.bytes).hexdigest(),
                     file_size=1, storage_key="unassigned/x.jpg", status=ImageStatus.DETECTED))
        db.flush()
        for index, category in enumerate(colours):
            key = f"{image_id}_{index}.jpg"
            ctx.storage.put(BUCKET_CROPS, key, solid_jpeg(colours[category]))
            db.add(Detection(image_id=image_id, index=index, category=category, confidence=0.9, bbox_x=0.1,
                             bbox_y=0.1, bbox_w=0.2, bbox_h=0.2, crop_key=key, model_name="t@1"))
        # The minimum score set on the Models page: labels below it are not stored.
        db.add(RuntimeSetting(key="classification_min_score", value=0.05))
    return image_id


def test_only_animal_crops_reach_the_classifier_and_the_min_score_applies(ctx):
    ctx.storage.ensure_buckets()
    image_id = seed(ctx)
    spy = SpyClassifier()
    results = ClassificationHandler(ctx, spy, model_name="spy@1")([Message(str(image_id))])
    assert results == {str(image_id): None}
    assert len(spy.calls) == 1 and len(spy.calls[0]) == 1
    r, g, b = spy.calls[0][0]
    assert r > 150 and g < 100 and b < 100  # the red animal crop, not the green person or blue vehicle
    with ctx.sessions() as db:
        rows = db.execute(select(Detection.category, Classification.label, Classification.score)
                          .join(Classification, Classification.detection_id == Detection.id)).all()
        assert {row.category for row in rows} == {DetectionCategory.ANIMAL}
        assert sorted(row.label for row in rows) == ["badger", "red fox"]  # wolf (0.04) is below 0.05
        assert db.get(Image, image_id).status == ImageStatus.COMPLETED


def test_a_model_larger_than_the_stored_crops_is_a_warning_at_start(ctx):
    """Crops are stored shrunk while their shorter side stays at least CROP_SHORT_SIDE: a classifier with
    a larger input could see them enlarged, so the service says so (and what to set) when it starts."""
    from structlog.testing import capture_logs

    class LargeInput(SpyClassifier):
        input_size = 600

    with capture_logs() as logs:
        ClassificationHandler(ctx, SpyClassifier(), model_name="spy@1")
    assert not [e for e in logs if e["event"] == "crops_smaller_than_model_input"]
    with capture_logs() as logs:
        ClassificationHandler(ctx, LargeInput(), model_name="large@1")
    warning = next(e for e in logs if e["event"] == "crops_smaller_than_model_input")
    assert warning["log_level"] == "warning"
    assert (warning["crop_short_side"], warning["input_size"]) == (512, 600)
    assert "CROP_SHORT_SIDE to at least 600" in warning["hint"]
    ctx.settings = ctx.settings.model_copy(update={"crop_short_side": 0})  # full-resolution crops: nothing to say
    with capture_logs() as logs:
        ClassificationHandler(ctx, LargeInput(), model_name="large@1")
    assert not [e for e in logs if e["event"] == "crops_smaller_than_model_input"]
