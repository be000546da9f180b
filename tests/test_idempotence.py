"""Every handler is idempotent: processing the same image twice leaves the same rows and objects."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime

from sqlalchemy import select, update

from addax_classification.handler import ClassificationHandler
from addax_classification.model import Classifier
from addax_common.context import make_context
from addax_common.db import Classification, Detection, Image, ImageStatus
from addax_common.errors import SkipMessage
from addax_common.reliable_queue import Message
from addax_common.storage import BUCKET_CROPS, BUCKET_RAW, raw_image_key
from addax_detection.handler import DetectionHandler
from addax_detection.model import Detector
from addax_models.palette import SPECIES
from addax_models.synthetic import make_scenes


def snapshot(ctx, image_id):
    with ctx.sessions() as s:
        dets = s.execute(
            select(Detection.index, Detection.category, Detection.bbox_x, Detection.bbox_y, Detection.crop_key)
            .where(Detection.image_id == image_id).order_by(Detection.index)
        ).all()
        labels = s.execute(
            select(Classification.rank, Classification.label).where(Classification.image_id == image_id)
            .order_by(Classification.detection_id, Classification.rank)
        ).all()
    crops = sorted(p.name for p in (ctx.settings.storage_dir / BUCKET_CROPS).glob(f"{image_id}_*.jpg"))
    return [tuple(d) for d in dets], [tuple(c) for c in labels], crops


def test_detection_and_classification_twice_give_the_same_result(model_settings):
    ctx = make_context(model_settings)
    ctx.storage.ensure_buckets()
    scene = make_scenes(1, seed=11, labels=SPECIES)[0]
    image_id = uuid.uuid4()
    key = raw_image_key(None, image_id, datetime.now(UTC))
    ctx.storage.put(BUCKET_RAW, key, scene.jpeg)
    with ctx.sessions.begin() as s:
        s.add(Image(id=image_id, original_filename="x.jpg", sha256=hashlib.sha256(scene.jpeg).hexdigest(),
                    file_size=len(scene.jpeg), storage_key=key))
    detect = DetectionHandler(ctx, Detector(model_settings.detector_model_path), "demo-detector")
    classify = ClassificationHandler(ctx, Classifier(model_settings.classifier_model_path), "demo-classifier")
    msg = [Message(str(image_id))]

    assert detect(msg) == {str(image_id): None}
    assert classify(msg) == {str(image_id): None}
    first = snapshot(ctx, image_id)
    assert first[0] and first[1] and first[2]

    # A duplicate message for a finished image is acknowledged without touching anything.
    assert isinstance(detect(msg)[str(image_id)], SkipMessage)
    assert snapshot(ctx, image_id) == first

    # Forced re-processing (e.g. a retry after a crash between commit and ack) replaces, never appends.
    with ctx.sessions.begin() as s:
        s.execute(update(Image).where(Image.id == image_id).values(status=ImageStatus.RECEIVED))
    assert detect(msg) == {str(image_id): None}
    assert classify(msg) == {str(image_id): None}
    assert snapshot(ctx, image_id) == first
    ctx.close()
