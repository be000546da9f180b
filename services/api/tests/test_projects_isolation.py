"""Isolation between projects: a member of project B sees nothing of project A (the `gallery` in the
default project) in any list, detail, media URL, statistic, map or live event, and cannot change it.
Checked by ids, over HTTP and over the WebSocket."""

from __future__ import annotations

import json
from functools import partial

import pytest
from sqlalchemy import select

from addax_api.security import create_access_token
from addax_common.db import AuditLog, Image, ProjectMember, ReprocessItem, UserRole
from addax_common.db.alerts import AlertLog, LogKind
from addax_common.events import CLASSIFICATION_COMPLETE, IMAGE_INGESTED, EventPublisher
from tests.support.stack import wait_until as stack_wait_until

A, B = "default", "bravo"


@pytest.fixture
def two_projects(client, users, api_ctx, api_settings, seed, gallery, make_user):
    """Project A is the default project with the `gallery`; project B gets its own camera and images,
    and a viewer who is a member of B only."""
    created = client.post("/api/projects", json={"slug": B, "name": "Bravo survey"}, headers=users.admin.headers)
    assert created.status_code == 201, created.text
    b_id = created.json()["id"]
    cam_a, img_a = gallery
    cam_b = seed.camera("Bravo-1", lat=10.0, lon=10.0, project_id=b_id)
    img_b = [
        seed.image(cam_b, None, detections=[("animal", 0.9, [("aardvark", 0.9)])]),
        seed.image(cam_b, None, detections=[("animal", 0.8, [("pangolin", 0.8)])]),
    ]
    member = make_user("b-viewer@example.org", UserRole.VIEWER, project=None)
    with api_ctx.sessions() as db:
        db.add(ProjectMember(project_id=b_id, user_id=member.id, role=UserRole.ADMIN))
        db.commit()
    headers = {"Authorization": f"Bearer {create_access_token(api_settings, member)}"}
    return {
        "b_id": b_id,
        "a_images": {str(i) for i in img_a.values()},
        "a_cameras": set(cam_a.values()),
        "b_images": {str(i) for i in img_b},
        "b_camera": cam_b,
        "headers": headers,
        "token": create_access_token(api_settings, member),
        "member": member,
    }


def texts_of(value) -> str:
    return json.dumps(value)


def assert_nothing_of_a(body, world) -> None:
    """No id of an A image or camera anywhere in the answer (URLs included)."""
    text = texts_of(body)
    leaked = [i for i in world["a_images"] if i in text]
    assert not leaked, f"A's images leaked: {leaked}"


def test_lists_details_media_and_stats_show_only_b(client, two_projects):
    world, h = two_projects, two_projects["headers"]
    listing = client.get(f"/api/projects/{B}/images", headers=h).json()
    assert {i["id"] for i in listing["items"]} == world["b_images"] and listing["total"] == 2
    grouped = client.get(f"/api/projects/{B}/images", params={"group": "sequence"}, headers=h).json()
    assert {i["id"] for i in grouped["items"]} == world["b_images"] and grouped["total"] == 2
    assert_nothing_of_a(grouped, world)
    assert all(i["thumbnail_url"] for i in listing["items"])
    assert_nothing_of_a(listing, world)
    counts = client.get(f"/api/projects/{B}/images/status-counts", headers=h).json()
    assert sum(counts.values()) == 2, counts
    for image_id in world["b_images"]:
        detail = client.get(f"/api/projects/{B}/images/{image_id}", headers=h).json()
        assert detail["prev_id"] in world["b_images"] | {None} and detail["next_id"] in world["b_images"] | {None}
        assert detail["url"] and all(d["crop_url"] for d in detail["detections"])
        assert_nothing_of_a(detail, world)
    for image_id in world["a_images"]:
        # Through B's path, A's images do not exist; through A's path, the project does not.
        assert client.get(f"/api/projects/{B}/images/{image_id}", headers=h).status_code == 404
        assert client.get(f"/api/projects/{A}/images/{image_id}", headers=h).json() == {"detail": "project not found"}

    cameras = client.get(f"/api/projects/{B}/cameras", headers=h).json()
    assert [f["id"] for f in cameras["features"]] == [world["b_camera"]]
    for camera_id in world["a_cameras"]:
        assert client.get(f"/api/projects/{B}/cameras/{camera_id}", headers=h).status_code == 404
    camera = client.get(f"/api/projects/{B}/cameras/{world['b_camera']}", headers=h).json()
    assert {i["id"] for i in camera["recent_images"]} == world["b_images"]

    species = {s["species"] for s in client.get(f"/api/projects/{B}/species", headers=h).json()}
    assert species == {"aardvark", "pangolin"}
    by_species = {s["species"] for s in client.get(f"/api/projects/{B}/stats/species", headers=h).json()}
    assert by_species == {"aardvark", "pangolin"}
    summary = client.get(f"/api/projects/{B}/stats/summary", headers=h).json()
    assert summary["total_images"] == 2, summary
    per_camera = client.get(f"/api/projects/{B}/stats/cameras", headers=h).json()
    assert [c["camera_id"] for c in per_camera] == [world["b_camera"]]
    # B's images carry no capture time, so the time series counts them only when asked to.
    timeline = client.get(f"/api/projects/{B}/stats/timeline", params={"capture_time": "any"}, headers=h).json()
    assert sum(p["count"] for p in timeline) == 2
    # A's own statistics, computed and cached first, do not bleed into B's cache entries.
    assert len(client.get(f"/api/projects/{B}/stats/species", headers=h).json()) == 2


def test_b_cannot_change_a(client, users, two_projects, api_ctx):
    world, h = two_projects, two_projects["headers"]
    a_image = sorted(world["a_images"])[0]
    review = client.post(f"/api/projects/{B}/images/{a_image}/review", json={"status": "flagged"}, headers=h)
    assert review.status_code == 404
    bulk = client.post(
        f"/api/projects/{B}/images/review", json={"image_ids": [a_image], "status": "approved"}, headers=h
    ).json()
    assert bulk == {"updated": [], "not_found": [a_image]}
    # An A image's sequence (every image heads at least its own) is not B's to read or review.
    assert client.get(f"/api/projects/{B}/sequences/{a_image}", headers=h).status_code == 404
    seq_review = client.post(f"/api/projects/{B}/sequences/{a_image}/review", json={"status": "approved"}, headers=h)
    assert seq_review.status_code == 404
    a_camera = sorted(world["a_cameras"])[0]
    assert client.put(f"/api/projects/{B}/cameras/{a_camera}", json={"name": "mine"}, headers=h).status_code == 404
    with api_ctx.sessions() as db:
        image = db.get(Image, a_image)
        assert image.reviewed_by is None and image.reviewed_at is None
    # B's admin reads B's audit log: only B's entries.
    client.post(f"/api/projects/{B}/images/{sorted(world['b_images'])[0]}/approve", headers=h)
    a_review = client.post(f"/api/projects/{A}/images/{a_image}/approve", headers=users.analyst.headers)
    assert a_review.status_code == 200
    log = client.get(f"/api/projects/{B}/audit-logs", headers=h).json()
    assert log["items"] and all(e["project_id"] == world["b_id"] for e in log["items"])
    assert_nothing_of_a(log, world)
    with api_ctx.sessions() as db:
        entry = db.scalars(select(AuditLog).where(AuditLog.resource_id == a_image)).one()
        assert entry.project_id == 1


def test_b_cannot_see_or_use_a_alerts(client, users, two_projects, api_ctx):
    world, h, ah = two_projects, two_projects["headers"], users.admin.headers
    a_alerts, b_alerts = f"/api/projects/{A}/alerts", f"/api/projects/{B}/alerts"
    channel = client.post(f"{a_alerts}/channels", headers=ah, json={
        "kind": "webhook", "name": "a hook", "settings": {"url": "http://127.0.0.1:9/a"},
        "secrets": {"signing_secret": "a-secret"}}).json()
    a_camera = sorted(world["a_cameras"])[0]
    rule = client.post(f"{a_alerts}/rules", headers=ah, json={
        "name": "a wolves", "kind": "species", "conditions": {"species": ["wolf"], "camera_ids": [a_camera]},
        "channel_ids": [channel["id"]]})
    assert rule.status_code == 201, rule.text
    with api_ctx.sessions() as db:
        db.add(AlertLog(rule_id=rule.json()["id"], project_id=1, kind=LogKind.MATCH, dedup_key="image:a",
                        camera_id=a_camera, reason="wolf", payload={}))
        db.commit()
        a_alert = db.scalars(select(AlertLog.id)).one()
    for path in ("rules", "channels"):
        assert client.get(f"{b_alerts}/{path}", headers=h).json() == []
    assert client.get(f"{b_alerts}/history", headers=h).json()["total"] == 0
    assert client.get(f"{b_alerts}/history/{a_alert}", headers=h).status_code == 404
    for method, path in (("GET", f"rules/{rule.json()['id']}"), ("PATCH", f"rules/{rule.json()['id']}"),
                         ("DELETE", f"rules/{rule.json()['id']}"), ("GET", f"channels/{channel['id']}"),
                         ("PATCH", f"channels/{channel['id']}"), ("DELETE", f"channels/{channel['id']}"),
                         ("POST", f"channels/{channel['id']}/test")):
        response = client.request(method, f"{b_alerts}/{path}", headers=h, json={} if method == "PATCH" else None)
        assert response.status_code == 404, (method, path, response.text)
    # A's cameras and channels cannot be named in B's rules.
    refused = client.post(f"{b_alerts}/rules", headers=h, json={
        "name": "steal", "kind": "species", "conditions": {"species": ["wolf"], "camera_ids": [a_camera]},
        "channel_ids": [channel["id"]]})
    assert refused.status_code == 422
    assert {tuple(p["loc"]) for p in refused.json()["detail"]} == {
        ("body", "conditions", "camera_ids"), ("body", "channel_ids")}
    assert client.get(f"{a_alerts}/rules/{rule.json()['id']}", headers=ah).json()["name"] == "a wolves"


def test_my_projects(client, users, two_projects):
    mine = client.get("/api/projects", headers=two_projects["headers"]).json()
    assert [(p["slug"], p["role"]) for p in mine] == [(B, "admin")]
    analyst = client.get("/api/projects", headers=users.analyst.headers).json()
    assert [(p["slug"], p["role"]) for p in analyst] == [(A, "analyst")]
    admin = client.get("/api/projects", headers=users.admin.headers).json()
    assert {p["slug"] for p in admin} == {A, B} and {p["role"] for p in admin} == {"admin"}


# The live hub answers within milliseconds: poll often, give up after 5 s.
wait_until = partial(stack_wait_until, timeout=5.0, interval=0.02)


def test_live_events_reach_only_members(client, app, users, api_ctx, two_projects):
    world = two_projects
    a_image, b_image = sorted(world["a_images"])[0], sorted(world["b_images"])[0]
    a_camera = sorted(world["a_cameras"])[0]
    with client.websocket_connect(f"/api/updates?token={world['token']}") as b_socket, client.websocket_connect(
        f"/api/updates?token={users.viewer.token}"
    ) as a_socket:
        assert b_socket.receive_json()["type"] == "connected"
        assert a_socket.receive_json()["type"] == "connected"
        channel = api_ctx.settings.key("events")
        wait_until(
            lambda: app.state.hub.client_count == 2 and dict(api_ctx.redis.pubsub_numsub(channel)).get(channel, 0) >= 1
        )
        publisher = EventPublisher(api_ctx.redis, api_ctx.settings.redis_prefix)
        # A's events: with its project, with only a camera of A, with only an image of A.
        publisher.publish(CLASSIFICATION_COMPLETE, project_id=1, image_id=a_image, camera_id=a_camera)
        publisher.publish(IMAGE_INGESTED, project_id=None, image_id=None, camera_id=a_camera)
        publisher.publish(IMAGE_INGESTED, project_id=None, image_id=a_image)
        # Then one of B's; the B member's first event must be this one.
        publisher.publish(CLASSIFICATION_COMPLETE, project_id=world["b_id"], image_id=b_image, camera_id=world["b_camera"])
        seen_by_b = b_socket.receive_json()
        assert seen_by_b["image_id"] == b_image and seen_by_b["project_id"] == world["b_id"]
        seen_by_a = [a_socket.receive_json() for _ in range(3)]
        assert [e["project_id"] for e in seen_by_a] == [1, 1, 1]
        assert a_image not in texts_of(seen_by_b)
        # And the A member never gets B's event: the next thing on A's socket is A's next event.
        publisher.publish(IMAGE_INGESTED, project_id=1, image_id=a_image)
        following = a_socket.receive_json()
        assert (following["type"], following["project_id"], following["image_id"]) == ("image_ingested", 1, a_image)


def test_b_cannot_see_or_change_a_deployments(client, users, two_projects):
    world, h, ah = two_projects, two_projects["headers"], users.admin.headers
    a_camera = sorted(world["a_cameras"])[0]
    period = {"start_at": "2024-05-01T00:00:00Z", "location": {"lat": 1.0, "lon": 2.0}}
    a_dep = client.post(f"/api/projects/{A}/deployments", json={"camera_id": a_camera, **period}, headers=ah)
    assert a_dep.status_code == 201, a_dep.text
    b_dep = client.post(f"/api/projects/{B}/deployments", json={"camera_id": world["b_camera"], **period}, headers=h)
    assert b_dep.status_code == 201, b_dep.text
    a_id, b_id = a_dep.json()["id"], b_dep.json()["id"]
    assert [d["id"] for d in client.get(f"/api/projects/{B}/deployments", headers=h).json()] == [b_id]
    assert client.get(f"/api/projects/{B}/deployments", params={"camera_id": a_camera}, headers=h).json() == []
    assert client.get(f"/api/projects/{B}/deployments/{a_id}", headers=h).status_code == 404
    assert client.put(f"/api/projects/{B}/deployments/{a_id}", json={"notes": "mine"}, headers=h).status_code == 404
    assert client.delete(f"/api/projects/{B}/deployments/{a_id}", headers=h).status_code == 404
    # A's camera cannot be deployed through B's path: it is not a camera of B.
    later = {**period, "start_at": "2025-01-01T00:00:00Z"}
    sneaky = client.post(f"/api/projects/{B}/deployments", json={"camera_id": a_camera, **later}, headers=h)
    assert sneaky.status_code == 422 and sneaky.json()["detail"][0]["loc"] == ["body", "camera_id"]
    assert client.get(f"/api/projects/{A}/deployments", headers=h).json() == {"detail": "project not found"}
    a_list = client.get(f"/api/projects/{A}/deployments", headers=ah).json()
    assert [(d["id"], d["notes"]) for d in a_list] == [(a_id, None)]
    # Ecology statistics of B cover B's deployment and species only; A's camera in the filter finds nothing.
    trap = client.get(f"/api/projects/{B}/stats/trap-days", headers=h).json()
    assert [d["deployment_id"] for d in trap["deployments"]] == [b_id]
    assert client.get(f"/api/projects/{B}/stats/trap-days", params={"camera_id": a_camera}, headers=h).json() == {
        "total": 0.0, "deployments": []
    }
    for path in ("rai", "activity", "accumulation", "occupancy"):
        body = client.get(f"/api/projects/{B}/stats/{path}", headers=h)
        assert body.status_code == 200, body.text
        assert_nothing_of_a(body.json(), world)
        assert client.get(f"/api/projects/{A}/stats/{path}", headers=h).status_code == 404
    rai = client.get(f"/api/projects/{B}/stats/rai", headers=h).json()
    assert [d["deployment_id"] for d in rai["deployments"]] == [b_id]


def test_b_exports_hold_nothing_of_a(client, two_projects):
    """Every export of B (CSV, XLSX, MegaDetector JSON) names B's images only; A's exports answer 404 to B."""
    import io
    import zipfile

    world, h = two_projects, two_projects["headers"]
    images_csv = client.get(f"/api/projects/{B}/exports/csv", params={"table": "images"}, headers=h)
    assert images_csv.status_code == 200 and images_csv.headers["x-export-images"] == "2"
    assert {line.split(",")[0] for line in images_csv.text.splitlines()[1:]} == world["b_images"]
    observations = client.get(f"/api/projects/{B}/exports/csv", params={"table": "observations"}, headers=h).text
    md = client.get(f"/api/projects/{B}/exports/megadetector", headers=h).json()
    xlsx = client.get(f"/api/projects/{B}/exports/xlsx", headers=h).content
    sheets = zipfile.ZipFile(io.BytesIO(xlsx))
    xml = "".join(sheets.read(n).decode() for n in sheets.namelist() if n.endswith(".xml"))
    for text in (images_csv.text, observations, json.dumps(md), xml):
        assert_nothing_of_a(text, world)
    assert len(md["images"]) == 2
    assert client.get(f"/api/projects/{A}/exports/csv", headers=h).status_code == 404
    assert client.post(f"/api/projects/{A}/imports", content=b"PK", headers=h).status_code == 404


def test_species_lists_are_per_project(client, users, two_projects):
    """A label B's admin adds, and B's classifier labels, are B's: A's list and A's corrections do not
    see them; B's list holds none of A's machine labels."""
    h, ah = two_projects["headers"], users.admin.headers
    assert client.post(f"/api/projects/{B}/species-labels", json={"label": "b-only morph"}, headers=h).status_code == 201
    assert client.post(f"/api/projects/{A}/species-labels", json={"label": "a-only morph"}, headers=h).status_code == 404
    b_list = {item["label"] for item in client.get(f"/api/projects/{B}/species-labels", headers=h).json()["labels"]}
    a_list = {item["label"] for item in client.get(f"/api/projects/{A}/species-labels", headers=ah).json()["labels"]}
    assert {"b-only morph", "aardvark", "pangolin"} <= b_list and "zebra" not in b_list
    assert "zebra" in a_list and not {"b-only morph", "aardvark", "pangolin"} & a_list
    a_image = client.get(f"/api/projects/{A}/images", params={"species": "zebra"}, headers=ah).json()["items"][0]["id"]
    detection = client.get(f"/api/projects/{A}/images/{a_image}", headers=ah).json()["detections"][0]["id"]
    put = client.put(f"/api/projects/{A}/images/{a_image}/detections/{detection}/species", json={"label": "aardvark"}, headers=ah)
    assert put.status_code == 422 and "aardvark" in put.json()["detail"][0]["msg"]
    bulk = client.post(f"/api/projects/{B}/images/species", json={"image_ids": [a_image], "label": "aardvark"}, headers=h)
    assert bulk.status_code == 200 and bulk.json()["not_found"] == [a_image] and bulk.json()["detections"] == 0


def test_b_cannot_see_or_use_a_uploads_and_upload_keys(client, users, two_projects, api_ctx):
    import base64

    world, h, ah = two_projects, two_projects["headers"], users.admin.headers
    a_key = client.post(f"/api/projects/{A}/upload-keys", json={"name": "A modem"}, headers=ah).json()
    assert [k["id"] for k in client.get(f"/api/projects/{B}/upload-keys", headers=h).json()] == []
    assert client.delete(f"/api/projects/{B}/upload-keys/{a_key['id']}", headers=h).status_code == 404
    a_camera = sorted(world["a_cameras"])[0]
    sneaky = client.post(f"/api/projects/{B}/upload-keys", json={"name": "x", "camera_id": a_camera}, headers=h)
    assert sneaky.status_code == 422
    # A's resumable upload is not found through B's path, and A's hashes give B no image ids.
    tus = {"Tus-Resumable": "1.0.0", "Upload-Length": "10",
           "Upload-Metadata": "filename " + base64.b64encode(b"a.jpg").decode()}
    url = client.post(f"/api/projects/{A}/uploads", headers=ah | tus).headers["Location"]
    upload_id = url.rsplit("/", 1)[1]
    assert client.get(f"/api/projects/{B}/uploads/{upload_id}", headers=h).status_code == 404
    assert client.delete(f"/api/projects/{B}/uploads/{upload_id}", headers=h | tus).status_code == 404
    with api_ctx.sessions() as db:
        a_sha = db.scalars(select(Image.sha256).where(Image.project_id == 1)).first()
    known = client.post(f"/api/projects/{B}/uploads/check", json={"sha256": [a_sha]}, headers=h).json()["known"]
    assert known == [{"sha256": a_sha, "image_id": None, "status": None}]
    assert_nothing_of_a(known, world)


def test_b_reprocess_touches_only_b_and_never_sees_a_jobs(client, users, two_projects, api_ctx):
    world, h, ah = two_projects, two_projects["headers"], users.admin.headers
    a_job = client.post(f"/api/projects/{A}/reprocess", json={"stages": "classification"}, headers=ah)
    assert a_job.status_code == 202, a_job.text
    assert client.post(f"/api/projects/{A}/reprocess", json={}, headers=h).status_code == 404
    b_job = client.post(f"/api/projects/{B}/reprocess", json={"stages": "detection"}, headers=h).json()
    assert (b_job["total"], b_job["project_slug"]) == (2, B)
    with api_ctx.sessions() as db:
        sent = {str(i) for i in db.scalars(select(ReprocessItem.image_id).where(ReprocessItem.job_id == b_job["id"]))}
    assert sent == world["b_images"]
    assert [j["id"] for j in client.get(f"/api/projects/{B}/reprocess", headers=h).json()] == [b_job["id"]]
    assert client.get(f"/api/projects/{B}/reprocess/{a_job.json()['id']}", headers=h).status_code == 404
    assert client.get(f"/api/projects/{A}/reprocess", headers=h).status_code == 404
