"""Model management end to end (issue 11, items 4-6), with the real API, workers, models and storage:
thresholds changed at run time reach the running workers, a reprocess replaces the machine results of
20 images and keeps every human label and review decision, and people are blurred in what viewers get
while an admin's (audited) original is untouched."""

from __future__ import annotations

import io
import urllib.error
import urllib.request
import uuid
from datetime import UTC, datetime

import numpy as np
import pytest
from PIL import Image as PILImage
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from addax_common.db import AuditLog, Classification, Detection, Image, ImageStatus, ReviewStatus
from addax_common.storage import BUCKET_RAW, make_storage
from addax_models.camera_exif import CameraExif
from addax_models.synthetic import AnimalSpec, make_scene
from tests.support.e2e import api
from tests.support.pipeline import Db, EventRecorder, ftps_upload, iou
from tests.support.stack import Stack, wait_until
from tests.test_pipeline import synthetic_uploads

pytestmark = pytest.mark.slow

ADMIN = ("admin@models-admin.example.org", "admin-pass-1234-models")
VIEWER = ("viewer@models-admin.example.org", "viewer-pass-1234-models")


@pytest.fixture
def stack(model_settings, tmp_path):
    settings = model_settings.model_copy(update={
        "ftps_accounts": "trailcam:s3cret-pass", "admin_email": ADMIN[0], "admin_password": ADMIN[1],
        "cookie_secure": False, "rate_limit_per_minute": 0, "runtime_settings_ttl_seconds": 1.0,
        "models_dir": model_settings.detector_model_path.parent,
    })
    running = Stack(settings, tmp_path / "logs").start("api", "ingestion", "detection", "classification")
    yield running
    running.stop()


def login(stack: Stack, who: tuple[str, str]) -> str:
    return api(stack.api_url, "POST", "/api/auth/login", {"email": who[0], "password": who[1]})["access_token"]


def machine_state(db: Db) -> dict[uuid.UUID, list[tuple[int, str, float, tuple]]]:
    with db.session() as session:
        rows = session.scalars(select(Detection).options(selectinload(Detection.classifications))).all()
        state: dict[uuid.UUID, list] = {}
        for d in rows:
            state.setdefault(d.image_id, []).append((d.id, d.category.value, d.confidence, d.bbox, d.classifications))
        return state


def test_reprocess_twenty_images_with_new_thresholds_keeps_human_labels_and_reviews(stack):
    base, db = stack.api_url, Db(stack.settings.database_url)
    token = login(stack, ADMIN)
    uploads = synthetic_uploads(20, seed=13)
    ftps_upload(stack.settings, [(name, jpeg) for name, jpeg, _ in uploads])
    wait_until(lambda: db.count(ImageStatus.COMPLETED) >= 20, timeout=150, what="20 completed images")

    overview = api(base, "GET", "/api/models", token=token)
    installed = {m["name"]: m for m in overview["installed"]}
    assert installed["demo-detector"]["sha256_status"] == "match" and installed["demo-detector"]["active"]
    assert installed["demo-classifier"]["sha256_status"] == "match" and installed["demo-classifier"]["demo"]
    assert {p["task"] for p in overview["providers"]} == {"detection", "classification"}
    assert all(p["providers"][-1] == "CPUExecutionProvider" for p in overview["providers"])

    # People decide: a human species label on the first animal of 8 images, a review on 12.
    with db.session() as session:
        images = session.scalars(
            select(Image).options(selectinload(Image.detections)).order_by(Image.original_filename)
        ).all()
        ids = [i.id for i in images]
        labelled = {}
        for image in images[:8]:
            detection = next(d for d in image.detections if d.category.value == "animal" and d.crop_key)
            labelled[detection.id] = "wolverine"
    # Corrections pick from the project's species list: the admin adds the label first.
    api(base, "POST", "/api/projects/default/species-labels", {"label": "wolverine"}, token)
    for detection_id, label in labelled.items():
        image_id = next(i.id for i in images if any(d.id == detection_id for d in i.detections))
        api(base, "PUT", f"/api/projects/default/images/{image_id}/detections/{detection_id}/species",
            {"label": label}, token)
    decisions = dict(zip(ids[4:16], [ReviewStatus.APPROVED, ReviewStatus.REJECTED, ReviewStatus.FLAGGED] * 4,
                         strict=True))
    for image_id, status in decisions.items():
        api(base, "POST", f"/api/projects/default/images/{image_id}/review", {"status": status.value}, token)
    before = machine_state(db)
    with db.session() as session:
        reviews_before = {i.id: (i.review_status, i.reviewed_by, i.reviewed_at) for i in session.scalars(select(Image))}

    # The change of model: stricter thresholds, saved at run time (no restart).
    new = {"detection_store_threshold": 0.5, "detection_classify_threshold": 0.6, "classification_min_score": 0.02}
    saved = api(base, "PUT", "/api/models/settings", new, token)
    assert {k: saved[k] for k in new} == new and saved["updated_by_email"] == ADMIN[0]
    started = datetime.now(UTC)
    events = EventRecorder(stack.settings)
    job = api(base, "POST", "/api/projects/default/reprocess", {"stages": "detection"}, token)
    assert (job["total"], job["skipped"], job["stages"]) == (20, 0, "detection")
    assert job["detector"].startswith("demo-detector@")
    wait_until(
        lambda: api(base, "GET", f"/api/projects/default/reprocess/{job['id']}", token=token)["state"] == "finished",
        timeout=150, what="reprocess job finished",
    )
    wait_until(lambda: len(events.of_type("classification_complete")) >= 20, timeout=10, what="events")
    events.close()
    # The dashboard stays quiet about reprocessed images: their events say they are a re-run.
    assert {e["rerun"] for e in events.of_type("classification_complete")} == {True}
    final = api(base, "GET", f"/api/projects/default/reprocess/{job['id']}", token=token)
    assert (final["done"], final["failed"], final["total"]) == (20, 0, 20)
    assert db.status_counts() == {"completed": 20}

    after = machine_state(db)
    with db.session() as session:
        reviews_after = {i.id: (i.review_status, i.reviewed_by, i.reviewed_at) for i in session.scalars(select(Image))}
        humans = {c.detection_id: c.label for c in session.scalars(select(Classification).where(Classification.source == "human"))}
    assert reviews_after == reviews_before  # every review decision kept, who and when included
    assert humans == labelled  # every human label kept, on the same detection
    old_ids = {d[0] for rows in before.values() for d in rows}
    for image_id, rows in after.items():
        machine = [r for r in rows if r[0] not in labelled]
        # Machine results replaced: new rows, at the new thresholds, labelled after the reprocess began.
        assert all(r[0] not in old_ids for r in machine), image_id
        assert all(r[2] >= 0.5 for r in machine), [r[2] for r in machine]
        for _, category, _, _, labels in rows:
            machine_labels = [c for c in labels if c.source == "machine"]
            assert all(c.created_at >= started and c.score >= 0.02 for c in machine_labels)
            assert len({c.rank for c in machine_labels}) == len(machine_labels)
            if category != "animal":
                assert not machine_labels
        # No duplicates: no two detections of one category on the same object.
        for i, a in enumerate(rows):
            for b in rows[i + 1:]:
                assert not (a[1] == b[1] and iou(a[3], b[3]) >= 0.5), (image_id, a, b)
    # The kept detections were classified again by the machine too (their crops still exist).
    for detection_id in labelled:
        image_rows = next(rows for rows in after.values() if any(r[0] == detection_id for r in rows))
        kept = next(r for r in image_rows if r[0] == detection_id)
        assert any(c.source == "machine" and c.created_at >= started for c in kept[4])
    assert sum(len(rows) for rows in after.values()) <= sum(len(rows) for rows in before.values())
    jobs = api(base, "GET", "/api/models/reprocess-jobs", token=token)
    assert jobs[0]["id"] == job["id"] and jobs[0]["done"] == 20
    db.close()


def person_scene(seed: int) -> tuple[bytes, tuple[float, float, float, float]]:
    exif = CameraExif(captured_at=datetime(2026, 6, 2, 9, 0, tzinfo=UTC), serial="PRIV-0001")
    scene = make_scene(seed, animals=[AnimalSpec("person", 0.3, 0.5, 0.22, 0.55),
                                      AnimalSpec("red fox", 0.72, 0.6, 0.22, 0.3),
                                      AnimalSpec("vehicle", 0.75, 0.2, 0.3, 0.25)], exif=exif)
    person = next(o.bbox for o in scene.objects if o.category == "person")
    return scene.jpeg, person


def fetch(base: str, url: str) -> bytes:
    with urllib.request.urlopen(url if url.startswith("http") else base + url, timeout=30) as response:
        return response.read()


def box_pixels(data: bytes, bbox: tuple[float, float, float, float], size: tuple[int, int] | None = None) -> np.ndarray:
    image = PILImage.open(io.BytesIO(data)).convert("RGB")
    if size is not None:
        image = image.resize(size)
    w, h = image.size
    x, y, bw, bh = bbox
    inner = (int((x + bw * 0.15) * w), int((y + bh * 0.15) * h), int((x + bw * 0.85) * w), int((y + bh * 0.85) * h))
    return np.asarray(image.crop(inner), dtype=np.float32)


def edges(pixels: np.ndarray) -> float:
    """Mean absolute difference between neighbouring pixels: what blurring takes away."""
    return float(np.abs(np.diff(pixels, axis=0)).mean() + np.abs(np.diff(pixels, axis=1)).mean())


def test_people_blurred_for_viewers_original_for_admins_and_never_classified(stack):
    base, db = stack.api_url, Db(stack.settings.database_url)
    admin = login(stack, ADMIN)
    user = api(base, "POST", "/api/users", {"email": VIEWER[0], "password": VIEWER[1], "role": "viewer"}, admin)
    api(base, "POST", "/api/projects/default/members", {"user_id": user["id"], "role": "viewer"}, admin)
    viewer = login(stack, VIEWER)
    jpeg, person = person_scene(4242)
    ftps_upload(stack.settings, [("PRIV_0001.JPG", jpeg)])
    wait_until(lambda: db.count(ImageStatus.COMPLETED) == 1, timeout=90, what="the person photo completed")
    with db.session() as session:
        image = session.scalars(select(Image).options(
            selectinload(Image.detections).selectinload(Detection.classifications))).one()
        categories = {d.category.value for d in image.detections}
        assert {"person", "animal", "vehicle"} <= categories, categories
        assert image.people_blurred
        # People and vehicles are never sent to the species classifier: no crop, no label.
        for d in image.detections:
            if d.category.value != "animal":
                assert d.crop_key is None and d.classifications == [], d
        assert any(d.classifications for d in image.detections if d.category.value == "animal")
        raw = make_storage(stack.settings).get(BUCKET_RAW, image.storage_key)
        image_id = image.id
    assert raw == jpeg

    detail = api(base, "GET", f"/api/projects/default/images/{image_id}", token=viewer)
    assert detail["people_blurred"] is True
    served = fetch(base, detail["url"])
    original_box, served_box = box_pixels(raw, person), box_pixels(served, person)
    # Pixels inside the person box differ from the original, and its detail (edges) is gone.
    changed = np.abs(served_box - original_box).max(axis=2) > 8
    assert changed.mean() > 0.35, changed.mean()
    assert edges(served_box) < 0.2 * edges(original_box), (edges(served_box), edges(original_box))
    # Outside people nothing changes beyond JPEG noise: the fox is untouched.
    fox = next(d.bbox for d in _detections(db, image_id) if d.category.value == "animal")
    assert (np.abs(box_pixels(served, fox) - box_pixels(raw, fox)).max(axis=2) > 8).mean() < 0.05
    listed = api(base, "GET", "/api/projects/default/images", token=viewer)["items"][0]
    thumb = fetch(base, listed["thumbnail_url"])
    raw_thumb, thumb_box = box_pixels(raw, person, PILImage.open(io.BytesIO(thumb)).size), box_pixels(thumb, person)
    assert (np.abs(thumb_box - raw_thumb).max(axis=2) > 8).mean() > 0.25  # an unblurred thumbnail: ~0.1
    assert edges(thumb_box) < 0.6 * edges(raw_thumb)

    # A viewer may not ask for the original; an admin may, and it is audited.
    with pytest.raises(urllib.error.HTTPError) as refused:
        api(base, "GET", f"/api/projects/default/images/{image_id}?original=true", token=viewer)
    assert refused.value.code == 403
    plain = api(base, "GET", f"/api/projects/default/images/{image_id}", token=admin)
    assert plain["people_blurred"] is True  # admins too see the blurred image unless they ask
    original = api(base, "GET", f"/api/projects/default/images/{image_id}?original=true", token=admin)
    assert original["people_blurred"] is False
    original_bytes = fetch(base, original["url"])
    assert original_bytes == raw
    assert np.array_equal(box_pixels(original_bytes, person), original_box)
    with db.session() as session:
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "image.view_original")).all()
        assert [(a.resource_id, a.user_email) for a in audit] == [(str(image_id), ADMIN[0])]

    # Blurring off (run time): viewers get the original; on again: blurred again.
    api(base, "PUT", "/api/models/settings", {"blur_people": False}, admin)
    wait_until(lambda: api(base, "GET", f"/api/projects/default/images/{image_id}", token=viewer)["people_blurred"]
               is False, timeout=10, what="blurring off reaches the API")
    unblurred = api(base, "GET", f"/api/projects/default/images/{image_id}", token=viewer)
    assert fetch(base, unblurred["url"]) == raw
    db.close()


def _detections(db: Db, image_id: uuid.UUID) -> list[Detection]:
    with db.session() as session:
        return list(session.scalars(select(Detection).where(Detection.image_id == image_id)))
