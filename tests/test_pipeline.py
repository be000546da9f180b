"""FTPS upload -> ingestion -> detection -> classification, all as real processes, real models."""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image as PILImage
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from addax_common.db import Detection, Image, ImageStatus
from addax_common.storage import BUCKET_CROPS, BUCKET_RAW, BUCKET_THUMBNAILS, make_storage
from addax_models.camera_exif import CameraExif
from addax_models.palette import SPECIES
from addax_models.synthetic import make_scene, random_animals
from tests.support.pipeline import Db, EventRecorder, ftps_upload, iou
from tests.support.stack import Stack, wait_until

pytestmark = pytest.mark.slow


def synthetic_uploads(count: int, seed: int = 7):
    """(file name, jpeg, ground truth) for `count` camera-trap photos with 1..3 animals and real EXIF."""
    base = datetime(2026, 6, 1, 4, 30, tzinfo=UTC)
    uploads = []
    for i in range(count):
        rng = random.Random(seed * 100 + i)
        exif = CameraExif(captured_at=base + timedelta(minutes=17 * i), serial=f"SIM-{i % 3:04d}",
                          latitude=52.05 + i / 1000, longitude=5.8, battery_pct=80 - i)
        animals = random_animals(rng, rng.randint(1, 3), 16 / 9, labels=SPECIES)
        scene = make_scene(seed * 100 + i, animals=animals, exif=exif)
        uploads.append((f"SIM_{i:03d}.JPG", scene.jpeg, scene.objects))
    return uploads


@pytest.fixture
def stack(model_settings, tmp_path):
    # Crops kept at least the demo classifier's input (224): most are halved, and every label below
    # must still be right.
    settings = model_settings.model_copy(update={"ftps_accounts": "trailcam:s3cret-pass", "crop_short_side": 224})
    running = Stack(settings, tmp_path / "logs").start("ingestion", "detection", "classification")
    yield running
    running.stop()


def test_twenty_uploads_complete_with_correct_boxes_species_crops_and_events(stack, tmp_path):
    settings = stack.settings
    db = Db(settings.database_url)
    events = EventRecorder(settings)
    uploads = synthetic_uploads(20)
    try:
        ftps_upload(settings, [(name, jpeg) for name, jpeg, _ in uploads])
        ftps_upload(settings, [(uploads[0][0].replace(".JPG", "-again.JPG"), uploads[0][1])])  # same bytes again
        wait_until(lambda: db.count(ImageStatus.COMPLETED) >= 20, timeout=120, what="20 completed images")
        wait_until(lambda: len(events.of_type("classification_complete")) >= 20, timeout=10, what="events")
    finally:
        events.close()

    assert db.status_counts() == {"completed": 20}, stack.logs("ingestion")[-2000:]
    storage = make_storage(settings)
    with db.session() as session:
        images = {
            i.original_filename: i
            for i in session.scalars(
                select(Image).options(selectinload(Image.detections).selectinload(Detection.classifications))
            )
        }
    assert images[uploads[0][0]].duplicate_uploads == 1
    for name, jpeg, truth in uploads:
        image = images[name]
        assert storage.get(BUCKET_RAW, image.storage_key) == jpeg
        with PILImage.open(io.BytesIO(storage.get(BUCKET_THUMBNAILS, image.thumbnail_key))) as thumb:
            assert thumb.size == (settings.thumbnail_size, round(settings.thumbnail_size * 1080 / 1920))
        assert image.captured_at is not None and image.camera_id is not None
        assert image.received_at <= image.detected_at <= image.completed_at
        animals = [d for d in image.detections if d.category.value == "animal" and d.confidence >= 0.2]
        for obj in truth:
            match = max(animals, key=lambda d: iou(d.bbox, obj.bbox), default=None)
            assert match is not None and iou(match.bbox, obj.bbox) >= 0.5, (name, obj, [d.bbox for d in animals])
            assert match.crop_key and storage.exists(BUCKET_CROPS, match.crop_key)
            assert_shrunk_crop(storage.get(BUCKET_CROPS, match.crop_key), match.bbox, settings)
            top = match.classifications[0]
            assert (top.rank, top.label) == (1, obj.label), (name, obj.label, [(c.label, c.score) for c in match.classifications])
            assert len(match.classifications) == 5
        assert len(animals) == len(truth), (name, len(animals), len(truth))

    for kind in ("image_ingested", "detection_complete", "classification_complete"):
        ids = {e["image_id"] for e in events.of_type(kind)}
        assert ids == {str(i.id) for i in images.values()}, kind
    species_events = {e["image_id"]: e for e in events.of_type("classification_complete")}
    fox_like = species_events[str(images[uploads[1][0]].id)]["species"]
    expected = sorted(o.label for o in uploads[1][2])
    assert sorted(s["label"] for s in fox_like for _ in range(s["count"])) == expected
    db.close()


def assert_shrunk_crop(jpeg: bytes, bbox, settings) -> None:
    """The stored crop is the box (with its margin) of the 1920 x 1080 photo, shrunk by the largest
    whole factor that keeps its shorter side at least CROP_SHORT_SIDE."""
    x, y, w, h = bbox
    m = settings.crop_margin
    full_w = (min(1.0, x + w * (1 + m)) - max(0.0, x - w * m)) * 1920
    full_h = (min(1.0, y + h * (1 + m)) - max(0.0, y - h * m)) * 1080
    factor = max(1, int(round(min(full_w, full_h))) // settings.crop_short_side)
    with PILImage.open(io.BytesIO(jpeg)) as crop:
        width, height = crop.size
    assert abs(width - full_w / factor) <= 1.5 and abs(height - full_h / factor) <= 1.5, (crop.size, full_w, full_h)
    assert min(width, height) >= min(settings.crop_short_side, min(full_w, full_h) - 1)  # edges are rounded


def test_pipeline_on_the_s3_backend(model_settings, s3_server, tmp_path):
    """The same flow with objects in an S3 API server (moto_server) instead of a directory."""
    settings = model_settings.model_copy(update={
        "ftps_accounts": "trailcam:s3cret-pass", "storage_backend": "s3", "s3_endpoint_url": s3_server.endpoint,
        "s3_access_key": "test", "s3_secret_key": "test", "s3_bucket_prefix": f"p{tmp_path.name[-8:].lower()}-",
    })
    stack = Stack(settings, tmp_path / "logs").start("ingestion", "detection", "classification")
    db = Db(settings.database_url)
    uploads = synthetic_uploads(5, seed=21)
    try:
        ftps_upload(stack.settings, [(name, jpeg) for name, jpeg, _ in uploads])
        wait_until(lambda: db.count(ImageStatus.COMPLETED) == 5, timeout=90, what="5 completed on S3")
        storage = make_storage(settings)
        with db.session() as session:
            images = session.scalars(select(Image).options(selectinload(Image.detections))).all()
        for image in images:
            original = next(jpeg for name, jpeg, _ in uploads if name == image.original_filename)
            assert storage.get(BUCKET_RAW, image.storage_key) == original
            assert storage.exists(BUCKET_THUMBNAILS, image.thumbnail_key)
            assert all(storage.exists(BUCKET_CROPS, d.crop_key) for d in image.detections if d.crop_key)
        assert not (settings.storage_dir / BUCKET_RAW).exists()  # nothing went to the local directory
    finally:
        stack.stop()
        db.close()
