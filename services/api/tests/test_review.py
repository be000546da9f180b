"""Review (single, bulk, approve alias), species corrections by analysts, retry of failed images."""

from __future__ import annotations

import json
import uuid

from sqlalchemy import select

from addax_common.db import AuditLog, Classification, Image
from addax_common.reliable_queue import QUEUE_ALERT_REVIEWS, QUEUE_IMAGE_INGESTED


def audit(api_ctx, action):
    with api_ctx.sessions() as db:
        return db.scalars(select(AuditLog).where(AuditLog.action == action).order_by(AuditLog.id)).all()


def test_review_single_image(client, users, gallery, api_ctx):
    cam, img = gallery
    url = f"/api/projects/default/images/{img['i1']}/review"
    response = client.post(url, json={"status": "flagged", "note": "odd shape"}, headers=users.analyst.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["review_status"] == "flagged" and body["reviewed_by"] == users.analyst.id and body["reviewed_at"]
    detail = client.get(f"/api/projects/default/images/{img['i1']}", headers=users.viewer.headers).json()
    assert detail["review_status"] == "flagged" and detail["reviewed_by_email"] == "analyst@example.org"
    (entry,) = audit(api_ctx, "image.review")
    assert entry.resource_type == "image" and entry.resource_id == str(img["i1"]) and entry.user_id == users.analyst.id
    assert entry.details == {"from": "unreviewed", "to": "flagged", "note": "odd shape"}
    # Back to unreviewed clears who and when.
    reset = client.post(url, json={"status": "unreviewed"}, headers=users.analyst.headers).json()
    assert reset["reviewed_by"] is None and reset["reviewed_at"] is None
    assert client.post(url, json={"status": "maybe"}, headers=users.analyst.headers).status_code == 422
    assert client.post(f"/api/projects/default/images/{uuid.uuid4()}/review", json={"status": "approved"}, headers=users.analyst.headers).status_code == 404


def test_approve_alias(client, users, gallery):
    cam, img = gallery
    response = client.post(f"/api/projects/default/images/{img['i4']}/approve", headers=users.admin.headers)
    assert response.status_code == 200 and response.json()["review_status"] == "approved"
    listed = client.get("/api/projects/default/images", params={"review_status": "approved"}, headers=users.viewer.headers).json()
    assert str(img["i4"]) in {i["id"] for i in listed["items"]}


def test_bulk_review(client, users, gallery, api_ctx):
    cam, img = gallery
    missing = uuid.uuid4()
    ids = [str(img["i1"]), str(img["i4"]), str(missing), str(img["i1"])]
    response = client.post("/api/projects/default/images/review", json={"image_ids": ids, "status": "rejected"}, headers=users.analyst.headers)
    assert response.status_code == 200, response.text
    assert response.json() == {"updated": [str(img["i1"]), str(img["i4"])], "not_found": [str(missing)]}
    with api_ctx.sessions() as db:
        statuses = dict(db.execute(select(Image.id, Image.review_status).where(Image.id.in_([img["i1"], img["i4"]]))).all())
    assert {s.value for s in statuses.values()} == {"rejected"}
    assert len(audit(api_ctx, "image.review")) == 2
    assert client.post("/api/projects/default/images/review", json={"image_ids": [], "status": "approved"}, headers=users.analyst.headers).status_code == 422
    too_many = [str(uuid.uuid4()) for _ in range(501)]
    assert client.post("/api/projects/default/images/review", json={"image_ids": too_many, "status": "approved"}, headers=users.analyst.headers).status_code == 422


def test_species_correction_is_stored_beside_the_machine_label(client, users, gallery, seed, api_ctx):
    cam, img = gallery
    detection_id = seed.detection_ids(img["i1"])[0]
    url = f"/api/projects/default/images/{img['i1']}/detections/{detection_id}/species"
    response = client.put(url, json={"label": "  fallow deer "}, headers=users.analyst.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["id"] == detection_id and body["human_label"] == "fallow deer" and body["label"] == "fallow deer"
    assert ("machine", "red deer") in {(c["source"], c["label"]) for c in body["classifications"]}
    # A label outside the project's species list is refused, naming it; a project admin adds it.
    refused = client.put(url, json={"label": "sika deer"}, headers=users.analyst.headers)
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["body", "label"]
    assert "'sika deer' is not in this project's species list" in refused.json()["detail"][0]["msg"]
    added = client.post("/api/projects/default/species-labels", json={"label": "sika deer"}, headers=users.admin.headers)
    assert added.status_code == 201, added.text
    # A second correction replaces the first human label; the machine labels stay.
    assert client.put(url, json={"label": "sika deer"}, headers=users.analyst.headers).status_code == 200
    with api_ctx.sessions() as db:
        rows = db.scalars(select(Classification).where(Classification.detection_id == detection_id)).all()
    human = [r for r in rows if r.source == "human"]
    assert [(r.label, r.rank, r.score, r.created_by) for r in human] == [("sika deer", 1, 1.0, users.analyst.id)]
    assert {r.label for r in rows if r.source == "machine"} == {"red deer", "roe deer"}
    # The filters and statistics follow the correction.
    h = users.viewer.headers
    assert [i["id"] for i in client.get("/api/projects/default/images", params={"species": "sika deer"}, headers=h).json()["items"]] == [str(img["i1"])]
    assert str(img["i1"]) not in {i["id"] for i in client.get("/api/projects/default/images", params={"species": "red deer"}, headers=h).json()["items"]}
    species = {s["species"]: s["count"] for s in client.get("/api/projects/default/stats/species", headers=h).json()}
    assert species.get("sika deer") == 1
    entries = audit(api_ctx, "image.species_correct")
    assert [e.details for e in entries] == [
        {"detection_id": detection_id, "from": "red deer", "to": "fallow deer"},
        {"detection_id": detection_id, "from": "fallow deer", "to": "sika deer"},
    ]
    # Removing the correction gives the machine label back.
    reset = client.delete(url, headers=users.analyst.headers)
    assert reset.status_code == 200 and reset.json()["human_label"] is None and reset.json()["label"] == "red deer"
    assert audit(api_ctx, "image.species_reset")[0].details["to"] is None
    species = {s["species"]: s["count"] for s in client.get("/api/projects/default/stats/species", headers=h).json()}
    assert "sika deer" not in species


def test_species_correction_validation(client, users, gallery, seed):
    cam, img = gallery
    detection_id = seed.detection_ids(img["i1"])[0]
    h = users.analyst.headers
    assert client.put(f"/api/projects/default/images/{img['i1']}/detections/{detection_id}/species", json={"label": ""}, headers=h).status_code == 422
    assert client.put(f"/api/projects/default/images/{img['i1']}/detections/{detection_id}/species", json={"label": "x" * 201}, headers=h).status_code == 422
    assert client.put(f"/api/projects/default/images/{img['i1']}/detections/{detection_id}/species", json={"label": "a\u0000b"}, headers=h).status_code == 422
    # The detection must belong to the image.
    assert client.put(f"/api/projects/default/images/{img['i2']}/detections/{detection_id}/species", json={"label": "fox"}, headers=h).status_code == 404
    assert client.put(f"/api/projects/default/images/{img['i1']}/detections/999999/species", json={"label": "fox"}, headers=h).status_code == 404


def test_retry_failed_image(client, users, gallery, api_ctx):
    cam, img = gallery
    queue = api_ctx.queue(QUEUE_IMAGE_INGESTED)
    assert queue.depth() == 0
    response = client.post(f"/api/projects/default/images/{img['i7']}/retry", headers=users.admin.headers)
    assert response.status_code == 200, response.text
    assert response.json() == {"id": str(img["i7"]), "status": "received"}
    with api_ctx.sessions() as db:
        image = db.get(Image, img["i7"])
        assert (image.status.value, image.error, image.failed_at, image.attempts) == ("received", None, None, 0)
    assert queue.depth() == 1
    message = json.loads(api_ctx.redis.lindex(queue.key, 0))
    assert message["image_id"] == str(img["i7"]) and message["attempt"] == 1
    (entry,) = audit(api_ctx, "image.retry")
    assert entry.details == {"error": "cannot decode image"} and entry.user_id == users.admin.id
    # Only failed images can be retried.
    again = client.post(f"/api/projects/default/images/{img['i7']}/retry", headers=users.admin.headers)
    assert again.status_code == 409 and "only failed images" in again.json()["detail"]
    assert client.post(f"/api/projects/default/images/{img['i1']}/retry", headers=users.admin.headers).status_code == 409
    assert client.post(f"/api/projects/default/images/{uuid.uuid4()}/retry", headers=users.admin.headers).status_code == 404
    assert queue.depth() == 1


def test_approvals_and_corrections_ask_the_alerts_service_to_recheck_verified_rules(client, users, gallery, seed,
                                                                                   api_ctx):
    """The alerts service's "only human-verified" rules could not match at completion: an approval or
    a human label queues the image on alert-reviews (after commit); other reviews, a reset of the
    label and unfinished images do not."""
    cam, img = gallery
    queue = api_ctx.queue(QUEUE_ALERT_REVIEWS)
    h = users.analyst.headers
    base = "/api/projects/default/images"

    def queued() -> list[str]:
        return sorted(json.loads(raw)["image_id"] for raw in api_ctx.redis.lrange(queue.key, 0, -1))

    assert client.post(f"{base}/{img['i1']}/review", json={"status": "flagged"}, headers=h).status_code == 200
    assert client.post(f"{base}/{img['i8']}/approve", headers=h).status_code == 200  # still `received`
    assert queued() == []
    assert client.post(f"{base}/{img['i1']}/approve", headers=h).status_code == 200
    assert queued() == [str(img["i1"])]
    bulk = {"image_ids": [str(img["i4"]), str(img["i6"]), str(img["i7"])], "status": "approved"}  # i7 failed
    assert client.post(f"{base}/review", json=bulk, headers=h).status_code == 200
    assert queued() == sorted([str(img["i1"]), str(img["i4"]), str(img["i6"])])

    queue.redis.delete(queue.key)
    detection_id = seed.detection_ids(img["i2"])[0]
    url = f"{base}/{img['i2']}/detections/{detection_id}/species"
    assert client.put(url, json={"label": "wolf"}, headers=h).status_code == 200
    assert queued() == [str(img["i2"])]
    assert client.delete(url, headers=h).status_code == 200
    assert queued() == [str(img["i2"])]
