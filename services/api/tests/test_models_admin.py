"""The Models page's API: installed models with their hash check, active models and execution
providers, thresholds changed at run time (validated, audited, picked up within the TTL), and
reprocess jobs started from gallery filters."""

from __future__ import annotations

import hashlib
import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from addax_api.main import create_app
from addax_common import active_models
from addax_common.db import AuditLog, Image, ImageStatus, ReprocessItem, RuntimeSetting
from addax_common.reliable_queue import QUEUE_DETECTION_COMPLETE, QUEUE_IMAGE_INGESTED
from addax_common.runtime_settings import RuntimeSettings
from addax_common.settings import Settings
from addax_common.storage import BUCKET_MODELS

A = "Alpha"  # the gallery fixture's first camera (conftest.py)

CATALOG = """
version: 1
models:
  - name: good-detector
    version: "2.0"
    demo: false
    task: detection
    format: onnx
    file: good.onnx
    sha256: {good}
    input_size: 640
    labels: [animal, person, vehicle]
    license: MIT
    homepage: https://example.org/good
    source: {{url: https://example.org/good.onnx}}
  - name: tampered-classifier
    version: "1.0"
    demo: true
    task: classification
    format: onnx
    file: tampered.onnx
    sha256: {good}
    input_size: 224
    labels: [red fox]
    license: MIT
    source: {{build: addax_models.build_demo}}
  - name: unhashed
    version: "0.1"
    demo: false
    task: detection
    format: pt
    file: unhashed.pt
    sha256: null
    input_size: 1280
    labels: [animal, person, vehicle]
    license: GPL-3.0
    source: {{path: /opt/models/unhashed.pt}}
  - name: not-installed
    version: "9"
    demo: false
    task: detection
    format: onnx
    file: absent.onnx
    sha256: null
    input_size: 640
    labels: [animal]
    license: MIT
    source: {{url: https://example.org/absent.onnx}}
"""


@pytest.fixture
def models_client(api_settings, api_ctx, tmp_path):
    good = b"good model bytes"
    folder = tmp_path / "weights"
    folder.mkdir()
    (folder / "good.onnx").write_bytes(good)
    (folder / "unhashed.pt").write_bytes(b"whatever")
    api_ctx.storage.put(BUCKET_MODELS, "tampered.onnx", b"not the catalog's bytes")
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(CATALOG.format(good=hashlib.sha256(good).hexdigest()))
    settings = Settings.model_validate(
        {**api_settings.model_dump(), "models_catalog_path": catalog, "models_dir": folder}
    )
    with TestClient(create_app(settings, ctx=api_ctx)) as client:
        yield client, hashlib.sha256(good).hexdigest()


def test_overview_lists_installed_models_with_hash_check_active_models_and_providers(
    models_client, users, api_ctx, api_settings
):
    client, good_sha = models_client
    prefix = api_settings.redis_prefix
    active_models.publish(api_ctx.redis, prefix, active_models.ModelProvenance(
        task="detection", name="good-detector", version="2.0", sha256=good_sha, license="MIT", source="url: x", demo=False))
    active_models.report_providers(api_ctx.redis, prefix, "detection", ["CUDAExecutionProvider", "CPUExecutionProvider"])
    body = client.get("/api/models", headers=users.admin.headers).json()
    installed = {m["name"]: m for m in body["installed"]}
    assert set(installed) == {"good-detector", "tampered-classifier", "unhashed"}  # not-installed is absent
    assert (installed["good-detector"]["sha256_status"], installed["good-detector"]["location"]) == ("match", "directory")
    assert installed["good-detector"]["active"] is True and installed["good-detector"]["source"] == "url: https://example.org/good.onnx"
    assert (installed["tampered-classifier"]["sha256_status"], installed["tampered-classifier"]["location"]) == ("mismatch", "bucket")
    assert installed["tampered-classifier"]["file_sha256"] == hashlib.sha256(b"not the catalog's bytes").hexdigest()
    assert installed["tampered-classifier"]["demo"] is True and installed["tampered-classifier"]["active"] is False
    assert installed["unhashed"]["sha256_status"] == "unknown"
    assert [m["name"] for m in body["active"]] == ["good-detector"]
    assert body["providers"][0]["task"] == "detection"
    assert body["providers"][0]["providers"] == ["CUDAExecutionProvider", "CPUExecutionProvider"]
    assert body["settings"]["detection_store_threshold"] == api_settings.detection_store_threshold
    assert body["settings"]["blur_people"] is True and body["catalog_error"] is None
    for role in ("analyst", "viewer"):
        assert client.get("/api/models", headers=users[role].headers).status_code == 403


def test_a_missing_catalog_is_reported_not_a_500(api_settings, api_ctx, users, tmp_path):
    settings = Settings.model_validate({**api_settings.model_dump(), "models_catalog_path": tmp_path / "none.yaml"})
    with TestClient(create_app(settings, ctx=api_ctx)) as client:
        body = client.get("/api/models", headers=users.admin.headers).json()
    assert body["installed"] == [] and "none.yaml" in body["catalog_error"]


def test_an_invalid_catalog_is_reported_in_one_line_naming_the_entry(api_settings, api_ctx, users, tmp_path):
    """The page reads the catalog with the validator the workers and the model tools use: an entry the
    schema refuses is named with its field, not listed as if it were fine."""
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(CATALOG.format(good="a" * 64).replace('version: "0.1"', "version: 0.1"))
    settings = Settings.model_validate({**api_settings.model_dump(), "models_catalog_path": catalog})
    with TestClient(create_app(settings, ctx=api_ctx)) as client:
        body = client.get("/api/models", headers=users.admin.headers).json()
    assert body["installed"] == []
    assert body["catalog_error"] == (
        f'catalog {catalog}: models[2] (unhashed): version must be a non-empty string (quote numbers: "1.3")'
    )


def test_thresholds_change_at_run_time_validated_and_audited(client, users, api_ctx):
    admin = users.admin.headers
    saved = client.put("/api/models/settings", json={"detection_store_threshold": 0.3,
                                                      "detection_classify_threshold": 0.45}, headers=admin)
    assert saved.status_code == 200, saved.text
    assert (saved.json()["detection_store_threshold"], saved.json()["detection_classify_threshold"]) == (0.3, 0.45)
    assert saved.json()["updated_by_email"] == users.admin.user.email
    # The API's own cache was invalidated: the display threshold of the gallery follows at once.
    assert client.app.state.runtime_settings.current().detection_classify_threshold == 0.45

    for body, field in (
        ({"detection_store_threshold": 1.5}, "detection_store_threshold"),
        ({"classification_min_score": -0.1}, "classification_min_score"),
        ({"classification_rollup_threshold": "high"}, "classification_rollup_threshold"),
        ({"detection_classify_threshold": 0.2}, "detection_classify_threshold"),  # below store (0.3)
        ({"detection_store_threshold": 0.5}, "detection_classify_threshold"),  # store above crop (0.45)
    ):
        refused = client.put("/api/models/settings", json=body, headers=admin)
        assert refused.status_code == 422, (body, refused.text)
        assert refused.json()["detail"][0]["loc"][-1] == field, refused.json()
    assert client.put("/api/models/settings", json={"unknown": 1}, headers=admin).status_code == 422
    for role in ("analyst", "viewer"):
        assert client.put("/api/models/settings", json={"blur_people": False}, headers=users[role].headers).status_code == 403
    current = client.get("/api/models", headers=admin).json()["settings"]
    assert (current["detection_store_threshold"], current["detection_classify_threshold"], current["blur_people"]) == (
        0.3, 0.45, True)  # refused changes changed nothing

    assert client.put("/api/models/settings", json={"blur_people": False}, headers=admin).json()["blur_people"] is False
    with api_ctx.sessions() as db:
        audit = db.scalars(select(AuditLog).where(AuditLog.action == "models.settings.update").order_by(AuditLog.id)).all()
        assert [a.details for a in audit] == [
            {"detection_store_threshold": {"from": 0.1, "to": 0.3}, "detection_classify_threshold": {"from": 0.2, "to": 0.45}},
            {"blur_people": {"from": True, "to": False}},
        ]
        assert db.scalar(select(func.count()).select_from(RuntimeSetting)) == 3


def test_workers_pick_up_a_change_within_the_ttl(api_ctx, api_settings):
    cache = RuntimeSettings(api_ctx.sessions, api_settings, ttl=0.5)
    assert cache.current().detection_store_threshold == api_settings.detection_store_threshold
    with api_ctx.sessions.begin() as db:
        db.add(RuntimeSetting(key="detection_store_threshold", value=0.35))
    assert cache.current().detection_store_threshold == api_settings.detection_store_threshold  # cached
    time.sleep(0.6)
    assert cache.current().detection_store_threshold == 0.35


def test_reprocess_sends_completed_images_under_the_filters_back(client, users, api_ctx, api_settings, gallery):
    cam, img = gallery
    admin = users.admin.headers
    queue = api_ctx.queue(QUEUE_IMAGE_INGESTED)
    # Camera A: i1, i2, i3, i10 completed; the filter picks them, nothing else.
    started = client.post("/api/projects/default/reprocess", params={"camera_id": cam[A]},
                          json={"stages": "detection"}, headers=admin)
    assert started.status_code == 202, started.text
    job = started.json()
    assert (job["total"], job["skipped"], job["done"], job["state"]) == (4, 0, 0, "running")
    assert job["filters"] == {"camera_ids": [cam[A]]}
    with api_ctx.sessions() as db:
        sent = set(db.scalars(select(ReprocessItem.image_id).where(ReprocessItem.job_id == job["id"])))
        assert sent == {img["i1"], img["i2"], img["i3"], img["i10"]}
        assert {db.get(Image, i).status for i in sent} == {ImageStatus.RECEIVED}
        assert db.get(Image, img["i3"]).review_status.value == "flagged"  # reviews untouched
    assert {str(i) for i in sent} <= queue.queued_ids()

    # Everything else, classification only: completed images go to `detected`; the rest are skipped.
    second = client.post("/api/projects/default/reprocess", json={"stages": "classification"}, headers=admin).json()
    # i4, i5, i6, i9; skipped: the four above (in the pipeline now), i7 (failed), i8 (received).
    assert (second["total"], second["skipped"]) == (4, 6)
    with api_ctx.sessions() as db:
        ids = set(db.scalars(select(ReprocessItem.image_id).where(ReprocessItem.job_id == second["id"])))
        assert {db.get(Image, i).status for i in ids} == {ImageStatus.DETECTED}
    assert {str(i) for i in ids} <= api_ctx.queue(QUEUE_DETECTION_COMPLETE).queued_ids()

    # Progress: an image counts as done once it completed after the job started.
    with api_ctx.sessions.begin() as db:
        for image_id in list(ids)[:2]:
            image = db.get(Image, image_id)
            image.status, image.completed_at = ImageStatus.COMPLETED, func.now()
    progress = client.get(f"/api/projects/default/reprocess/{second['id']}", headers=admin).json()
    assert (progress["done"], progress["total"], progress["state"]) == (2, 4, "running")
    listed = client.get("/api/models/reprocess-jobs", headers=admin).json()
    assert [j["id"] for j in listed] == [second["id"], job["id"]]
    assert client.post("/api/projects/default/reprocess", json={}, headers=users.analyst.headers).status_code == 403
    assert client.post("/api/projects/default/reprocess", json={"stages": "everything"}, headers=admin).status_code == 422
    assert client.get("/api/projects/default/reprocess/999999", headers=admin).status_code == 404
