"""The upload doors of the API (docs/upload.md): upload keys, the HTTP upload API, the resumable
protocol (tus) of the web upload and addax-upload, and the bad-input corpus through each door with
the same statuses and reasons as through FTPS (tests/support/bad_inputs.py, the ingestion tests' corpus)."""

from __future__ import annotations

import base64
import hashlib
import io
import uuid

import pytest
from sqlalchemy import select

from addax_api.uploads.service import hash_key
from addax_common.db import AuditLog, Image, ImageStatus, Project, UploadKey, UploadSession
from addax_common.reliable_queue import QUEUE_IMAGE_INGESTED
from addax_common.storage import BUCKET_QUARANTINE, BUCKET_RAW, BUCKET_THUMBNAILS
from tests.support.bad_inputs import basic_corpus as bad_input_corpus
from tests.support.bad_inputs import make_mp4
from tests.support.jpegs import make_jpeg
from tests.support.rate_windows import in_a_fresh_window

TUS = {"Tus-Resumable": "1.0.0"}


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def metadata(filename: str, data: bytes | None = None, **extra: str) -> str:
    items = {"filename": filename, **extra}
    if data is not None:
        items["sha256"] = hashlib.sha256(data).hexdigest()
    return ",".join(f"{k} {b64(v)}" for k, v in items.items())


class Doors:
    """Send one file through a door of the API with the test client; return (HTTP status, result JSON)."""

    def __init__(self, client, headers: dict[str, str], base: str) -> None:
        self.client, self.headers, self.base = client, headers, base

    def create(self, name: str, data: bytes, **extra: str) -> str:
        r = self.client.post(self.base, headers=self.headers | TUS | {
            "Upload-Length": str(len(data)), "Upload-Metadata": metadata(name, data, **extra)})
        assert r.status_code == 201, r.text
        return r.headers["Location"]

    def patch(self, url: str, offset: int, chunk: bytes, **headers: str):
        return self.client.patch(url, content=chunk, headers=self.headers | TUS | {
            "Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream", **headers})

    def tus(self, name: str, data: bytes, chunk: int = 1500) -> tuple[int, dict]:
        url = self.create(name, data)
        offset = 0
        while offset < len(data):
            r = self.patch(url, offset, data[offset : offset + chunk])
            assert r.status_code == 204, r.text
            offset = int(r.headers["Upload-Offset"])
        r = self.client.get(url, headers=self.headers)
        assert r.status_code == 200 and r.json()["complete"], r.text
        result = r.json()["result"]
        return {"rejected": 422, "duplicate": 200}.get(result["outcome"], 201), result


def post_raw(client, key: str, name: str, data: bytes, **headers: str):
    return client.post("/api/upload/images", content=data,
                       headers={"X-Api-Key": key, "X-Filename": _quote(name), **headers})


def post_multipart(client, key: str, name: str, data: bytes):
    return client.post("/api/upload/images", headers={"X-Api-Key": key},
                       files={"file": (name, io.BytesIO(data), "image/jpeg")})


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")


@pytest.fixture
def make_key(client, users):
    def make(name: str = "Camera 7 modem", camera_id: int | None = None, slug: str = "default", who=None) -> dict:
        r = client.post(f"/api/projects/{slug}/upload-keys", json={"name": name, "camera_id": camera_id},
                        headers=(who or users.admin).headers)
        assert r.status_code == 201, r.text
        return r.json()

    return make


def rows(api_ctx) -> list[Image]:
    with api_ctx.sessions() as db:
        return list(db.scalars(select(Image)))


# --- keys ------------------------------------------------------------------------------------------
def test_upload_key_is_shown_once_stored_hashed_noted_when_used_and_revocable(client, users, api_ctx, make_key):
    created = make_key()
    key = created["key"]
    assert key.startswith("addax_") and created["prefix"] == key[:12] and created["last_used_at"] is None
    listed = client.get("/api/projects/default/upload-keys", headers=users.admin.headers).json()
    assert [k["id"] for k in listed] == [created["id"]] and "key" not in listed[0]
    with api_ctx.sessions() as db:
        row = db.get(UploadKey, created["id"])
        assert row.key_hash == hash_key(key) and key not in (row.key_hash, row.prefix + "x")

    r = post_raw(client, key, "first.jpg", make_jpeg(seed=1))
    assert r.status_code == 201, r.text
    listed = client.get("/api/projects/default/upload-keys", headers=users.admin.headers).json()
    assert listed[0]["last_used_at"] is not None

    assert client.delete(f"/api/projects/default/upload-keys/{created['id']}", headers=users.admin.headers).status_code == 204
    r = post_raw(client, key, "second.jpg", make_jpeg(seed=2))
    assert r.status_code == 401 and r.json()["detail"] == "this upload key was revoked"
    assert post_raw(client, "addax_made-up", "third.jpg", make_jpeg(seed=3)).status_code == 401
    assert client.post("/api/upload/images", content=b"x").status_code == 401
    with api_ctx.sessions() as db:
        actions = [a.action for a in db.scalars(select(AuditLog).order_by(AuditLog.id))]
    assert {"upload_key.create", "upload_key.revoke", "image.upload"} <= set(actions)
    assert len(rows(api_ctx)) == 1  # the refused uploads stored nothing


def test_upload_key_camera_must_be_in_the_project(client, users, api_ctx):
    r = client.post("/api/projects/default/upload-keys", json={"name": "x", "camera_id": 999}, headers=users.admin.headers)
    assert r.status_code == 422 and "camera_id" in r.json()["detail"]
    r = client.post("/api/projects/default/upload-keys", json={"name": "x"}, headers=users.analyst.headers)
    assert r.status_code == 403


# --- the bad-input corpus through every door ----------------------------------------------------------
@pytest.mark.parametrize("door", ["http-api", "http-api-multipart", "web", "cli"])
def test_bad_input_corpus_gets_the_same_statuses_and_reasons_through_every_door(door, client, users, api_ctx, make_key):
    corpus = bad_input_corpus()
    key = make_key()
    if door == "web":
        send = Doors(client, users.analyst.headers, "/api/projects/default/uploads").tus
    elif door == "cli":
        send = Doors(client, {"X-Api-Key": key["key"]}, "/api/upload/tus").tus
    else:
        def send(name, data):
            r = (post_multipart if door == "http-api-multipart" else post_raw)(client, key["key"], name, data)
            return r.status_code, r.json()

    answers = {name: send(name, data) for name, (data, _s, _r) in corpus.items()}

    images = {r.sha256: r for r in rows(api_ctx)}
    assert len(images) == len(corpus) - 1  # one row per distinct content
    first_ids = set()
    for name, (data, expected, reason) in corpus.items():
        code, result = answers[name]
        row = images[hashlib.sha256(data).hexdigest()]
        if expected == "rejected":
            assert (code, result["outcome"], result["status"]) == (422, "rejected", "rejected"), (name, result)
            assert reason in result["reason"] and result["reason"] == row.error, (name, result)
            assert row.status == ImageStatus.REJECTED
            assert api_ctx.storage.get(BUCKET_QUARANTINE, row.storage_key) == data
        elif expected == "received":
            assert (code, result["outcome"], result["status"]) == (201, "received", "received"), (name, result)
            assert row.status == ImageStatus.RECEIVED and api_ctx.storage.get(BUCKET_RAW, row.storage_key) == data
        elif expected == "video":  # stored and listed with a poster, not analysed: completed, never queued
            assert (code, result["outcome"], result["status"]) == (201, "received", "completed"), (name, result)
            assert (row.status, row.media_kind) == (ImageStatus.COMPLETED, "video")
            assert api_ctx.storage.get(BUCKET_RAW, row.storage_key) == data
            assert api_ctx.storage.get(BUCKET_THUMBNAILS, row.thumbnail_key).startswith(b"\xff\xd8")
            assert result["image_id"] not in api_ctx.queue(QUEUE_IMAGE_INGESTED).queued_ids()
        else:  # the duplicate: the first result again, counted once
            first = answers["first.jpg"][1]
            assert (code, result["outcome"], result["duplicate"]) == (200, "duplicate", True)
            assert result["image_id"] == first["image_id"] and result["status"] == "received"
            assert row.duplicate_uploads == 1
        assert str(row.id) == result["image_id"]
        first_ids.add(result["image_id"])
        expected_door = "http-api" if door.startswith("http-api") else door
        assert row.upload_door == expected_door
        if door == "web":
            assert row.uploaded_by == users.analyst.id and row.upload_key_id is None
        else:
            assert row.upload_key_id == key["id"] and row.uploaded_by is None
    # Multipart clients (httpx, browsers) percent-encode control characters in the part's file name.
    bell = "bell%07[31mred.jpg" if door == "http-api-multipart" else "bell[31mred.jpg"
    assert {r.original_filename for r in images.values()} >= {"evil.jpg", "Kamera_ß_ñ_日本_🦌.jpg", bell}
    with api_ctx.sessions() as db:
        audit = list(db.scalars(select(AuditLog).where(AuditLog.action == "image.upload")))
    assert len(audit) == len(corpus) - 1 and all(a.details["door"] == expected_door for a in audit)
    if door == "web":
        assert all(a.user_id == users.analyst.id for a in audit)
    else:
        assert all(a.details["upload_key"]["id"] == key["id"] for a in audit)
    staging = api_ctx.settings.upload_staging_dir
    assert not any(p.is_file() for p in staging.rglob("*")) if staging.exists() else True  # nothing left behind


# --- the HTTP upload API ------------------------------------------------------------------------------
def test_http_api_is_idempotent_checks_digests_limits_and_answers_a_status_url(client, users, api_ctx, make_key, app):
    key = make_key()["key"]
    data = make_jpeg(seed=11, size=(320, 240))
    md5 = base64.b64encode(hashlib.md5(data, usedforsecurity=False).digest()).decode()
    first = post_raw(client, key, "CAM7_0001.JPG", data, **{"Content-MD5": md5})
    assert first.status_code == 201, first.text
    body = first.json()
    status = client.get(body["status_url"], headers={"X-Api-Key": key})
    assert status.status_code == 200 and status.json()["status"] == "received" and status.json()["upload_door"] == "http-api"
    again = post_multipart(client, key, "retry.jpg", data)
    assert again.status_code == 200 and again.json()["image_id"] == body["image_id"] and again.json()["duplicate"]

    bad_md5 = post_raw(client, key, "b.jpg", make_jpeg(seed=12), **{"Content-MD5": md5})
    assert bad_md5.status_code == 400 and "Content-MD5" in bad_md5.json()["detail"]
    bad_sha = post_raw(client, key, "c.jpg", make_jpeg(seed=13), **{"X-Content-SHA256": "0" * 64})
    assert bad_sha.status_code == 400 and "X-Content-SHA256" in bad_sha.json()["detail"]
    no_file = client.post("/api/upload/images", headers={"X-Api-Key": key}, data={"note": "hello"},
                          files={"other": ("x.jpg", b"abc", "image/jpeg")})
    assert no_file.status_code == 400 and "no file" in no_file.json()["detail"]
    other = client.post("/api/upload/images?project=elsewhere", headers={"X-Api-Key": key}, content=data)
    assert other.status_code == 403 and "another project" in other.json()["detail"]

    app.state.settings.upload_max_body_bytes = 4096  # the route reads the limit per request
    try:
        big = post_raw(client, key, "big.jpg", make_jpeg(seed=14, size=(640, 480)))
        assert big.status_code == 413, big.text
    finally:
        app.state.settings.upload_max_body_bytes = 64 * 1024 * 1024
    assert len(rows(api_ctx)) == 1  # none of the refused bodies stored anything
    staging = api_ctx.settings.upload_staging_dir
    assert not any(staging.glob("*.post"))


def test_upload_key_of_another_project_sees_nothing_of_this_one(client, users, api_ctx, make_key):
    with api_ctx.sessions() as db:
        db.add(Project(slug="bravo", name="Bravo"))
        db.commit()
    mine, theirs = make_key()["key"], make_key(slug="bravo")["key"]
    image_id = post_raw(client, mine, "a.jpg", make_jpeg(seed=21)).json()["image_id"]
    assert client.get(f"/api/upload/images/{image_id}", headers={"X-Api-Key": theirs}).status_code == 404
    # The same content from the other project: counted, but its image id and status are not revealed.
    r = post_raw(client, theirs, "a.jpg", make_jpeg(seed=21))
    assert r.status_code == 200 and r.json()["image_id"] is None and r.json()["status"] is None
    url = Doors(client, {"X-Api-Key": mine}, "/api/upload/tus").create("b.jpg", make_jpeg(seed=22))
    assert client.head(url, headers={"X-Api-Key": theirs} | TUS).status_code == 404


def test_upload_rate_limit_is_per_key(client, users, api_ctx, make_key, app):
    app.state.settings.upload_rate_limit_per_minute = 3
    try:
        one, two = make_key("one")["key"], make_key("two")["key"]
        in_a_fresh_window()
        codes = [client.post("/api/upload/check", json={"sha256": []}, headers={"X-Api-Key": one}).status_code
                 for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        assert client.post("/api/upload/check", json={"sha256": []}, headers={"X-Api-Key": two}).status_code == 200
    finally:
        app.state.settings.upload_rate_limit_per_minute = 3000


def test_hash_check_says_which_files_are_already_there(client, users, make_key):
    key = make_key()["key"]
    data = make_jpeg(seed=31)
    image_id = post_raw(client, key, "a.jpg", data).json()["image_id"]
    new = hashlib.sha256(b"new").hexdigest()
    r = client.post("/api/projects/default/uploads/check", headers=users.analyst.headers,
                    json={"sha256": [hashlib.sha256(data).hexdigest(), new]})
    assert r.status_code == 200
    assert r.json()["known"] == [{"sha256": hashlib.sha256(data).hexdigest(), "image_id": image_id, "status": "received"}]
    assert client.post("/api/projects/default/uploads/check", headers=users.analyst.headers,
                       json={"sha256": ["nothex"]}).status_code == 422


# --- the resumable protocol ---------------------------------------------------------------------------
def test_tus_refuses_wrong_offsets_changed_bytes_and_bad_chunks_and_ingests_nothing_half(client, users, api_ctx):
    doors = Doors(client, users.analyst.headers, "/api/projects/default/uploads")
    data = make_jpeg(seed=41, size=(320, 240))
    url = doors.create("a.jpg", data)
    options = client.options("/api/projects/default/uploads")
    assert options.status_code == 204 and "creation" in options.headers["Tus-Extension"]

    assert doors.patch(url, 0, data[:1000]).status_code == 204
    head = client.head(url, headers=users.analyst.headers | TUS)
    assert head.headers["Upload-Offset"] == "1000" and head.headers["Cache-Control"] == "no-store"
    # A chunk out of order (skipping ahead) and one sent twice: 409, nothing written.
    skipped = doors.patch(url, 2000, data[2000:3000])
    assert skipped.status_code == 409 and "offset 1000" in skipped.json()["detail"]
    assert doors.patch(url, 0, data[:1000]).status_code == 409
    # Wrong content type, missing version, bad checksum: refused, nothing kept.
    r = client.patch(url, content=data[1000:2000], headers=users.analyst.headers | TUS | {"Upload-Offset": "1000"})
    assert r.status_code == 415
    r = client.patch(url, content=data[1000:2000], headers=users.analyst.headers | {
        "Upload-Offset": "1000", "Content-Type": "application/offset+octet-stream"})
    assert r.status_code == 412
    wrong = base64.b64encode(hashlib.sha256(b"other").digest()).decode()
    r = doors.patch(url, 1000, data[1000:2000], **{"Upload-Checksum": f"sha256 {wrong}"})
    assert r.status_code == 460
    right = base64.b64encode(hashlib.sha256(data[1000:2000]).digest()).decode()
    assert doors.patch(url, 1000, data[1000:2000], **{"Upload-Checksum": f"sha256 {right}"}).status_code == 204
    # Past Upload-Length: 413, nothing of the chunk kept.
    r = doors.patch(url, 2000, data[2000:] + b"extra")
    assert r.status_code == 413
    assert client.head(url, headers=users.analyst.headers | TUS).headers["Upload-Offset"] == "2000"
    assert rows(api_ctx) == []

    # The file changed between the first session and the resume: 409 at the end, discarded, no image.
    changed = data[:2000] + bytes(b ^ 0xFF for b in data[2000:3000]) + data[3000:]
    r = doors.patch(url, 2000, changed[2000:])
    assert r.status_code == 409 and "changed" in r.json()["detail"]
    assert client.head(url, headers=users.analyst.headers | TUS).status_code == 404
    assert rows(api_ctx) == []
    with api_ctx.sessions() as db:
        assert db.scalars(select(UploadSession)).all() == []

    # Over the size limit at creation; a viewer may not upload; someone else's upload is not found.
    r = client.post("/api/projects/default/uploads", headers=users.analyst.headers | TUS | {
        "Upload-Length": str(10**12), "Upload-Metadata": metadata("x.jpg")})
    assert r.status_code == 413
    r = client.post("/api/projects/default/uploads", headers=users.analyst.headers | TUS | {
        "Upload-Length": "10", "Upload-Metadata": f"sha256 {b64('abc')}"})
    assert r.status_code == 422 and "filename" in r.json()["detail"]
    url = doors.create("b.jpg", data)
    assert client.head(url, headers=users.admin.headers | TUS).status_code == 404
    assert client.delete(url, headers=users.analyst.headers | TUS).status_code == 204
    assert client.head(url, headers=users.analyst.headers | TUS).status_code == 404

    # Finally the whole file, resumed in three chunks: one image; the last PATCH again answers the same.
    code, result = doors.tus("c.jpg", data, chunk=4000)
    assert code == 201 and result["outcome"] == "received"
    [row] = rows(api_ctx)
    assert str(row.id) == result["image_id"] and row.upload_door == "web"


def test_tus_camera_chosen_in_the_browser_files_the_images_under_it(client, users, api_ctx):
    from tests.support.jpegs import make_jpeg as jpeg

    with api_ctx.sessions() as db:
        from addax_common.db import Camera

        camera = Camera(name="Waterhole", is_assigned=True)
        db.add(camera)
        db.commit()
        camera_id = camera.id
    doors = Doors(client, users.analyst.headers, "/api/projects/default/uploads")
    data = jpeg(seed=51, serial="SN-OTHER")
    url = doors.create("IMG_0001.JPG", data, camera=str(camera_id))
    assert doors.patch(url, 0, data).status_code == 204
    [row] = rows(api_ctx)
    assert row.camera_id == camera_id
    r = client.post("/api/projects/default/uploads", headers=users.analyst.headers | TUS | {
        "Upload-Length": "10", "Upload-Metadata": metadata("x.jpg", camera="99999")})
    assert r.status_code == 422 and "camera" in r.json()["detail"]
    _ = uuid


def test_storage_down_at_the_last_byte_keeps_the_upload_and_a_later_empty_patch_ingests_it(client, users, api_ctx, app):
    from addax_api.uploads.service import ingestor
    from addax_common.storage import StorageError

    doors = Doors(client, users.analyst.headers, "/api/projects/default/uploads")
    data = make_jpeg(seed=61)
    url = doors.create("a.jpg", data)
    storage = ingestor(app.state).ctx.storage
    real_put = storage.put

    def broken(*args, **kwargs):
        raise StorageError("storage is down")

    storage.put = broken
    try:
        r = doors.patch(url, 0, data)
        assert r.status_code == 503 and r.headers["Retry-After"] == "5"
        assert rows(api_ctx) == []
        head = client.head(url, headers=users.analyst.headers | TUS)
        assert head.headers["Upload-Offset"] == str(len(data))  # the bytes are kept
    finally:
        storage.put = real_put
    r = doors.patch(url, len(data), b"")
    assert r.status_code == 204 and r.headers["Upload-Outcome"] == "received"
    again = doors.patch(url, len(data), b"")  # the same answer once more; nothing ingested twice
    assert again.status_code == 204 and again.headers["Upload-Image-Id"] == r.headers["Upload-Image-Id"]
    [row] = rows(api_ctx)
    assert str(row.id) == r.headers["Upload-Image-Id"] and row.duplicate_uploads == 0


# --- videos from an SD card ---------------------------------------------------------------------------
def test_http_api_video_is_stored_listed_as_video_with_a_poster_and_never_queued(client, users, api_ctx, make_key):

    key = make_key()["key"]
    data = make_mp4(seed=21)
    r = post_raw(client, key, "DCIM/100MEDIA/SUNP0001.MP4", data)
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["outcome"], body["status"]) == ("received", "completed")
    # Stable: the status URL says completed (not pending), nothing waits in the detection queue.
    status = client.get(body["status_url"], headers={"X-Api-Key": key}).json()
    assert status["status"] == "completed"
    assert body["image_id"] not in api_ctx.queue(QUEUE_IMAGE_INGESTED).queued_ids()
    again = post_raw(client, key, "copy.MP4", data)  # the same de-duplication by sha256
    assert again.status_code == 200 and again.json()["duplicate"] and again.json()["image_id"] == body["image_id"]

    listed = client.get("/api/projects/default/images", headers=users.analyst.headers).json()["items"]
    (item,) = [i for i in listed if i["id"] == body["image_id"]]
    assert item["media_kind"] == "video" and item["status"] == "completed" and item["detection_count"] == 0
    assert item["thumbnail_url"]
    detail = client.get(f"/api/projects/default/images/{body['image_id']}", headers=users.analyst.headers).json()
    assert detail["media_kind"] == "video" and detail["mime_type"] == "video/mp4" and detail["detections"] == []
    assert ".mp4" in detail["url"]
    if detail["url"].startswith("/api/media/"):  # the directory backend: the media route serves it as a video
        media = client.get(detail["url"])
        assert media.status_code == 200 and media.headers["content-type"] == "video/mp4" and media.content == data
        poster = client.get(item["thumbnail_url"])
        assert poster.status_code == 200 and poster.content.startswith(b"\xff\xd8")
    (row,) = [r for r in rows(api_ctx) if str(r.id) == body["image_id"]]
    assert api_ctx.storage.get(BUCKET_RAW, row.storage_key) == data

    # An image next to it keeps kind image and is queued for detection as before.
    img = post_raw(client, key, "SUNP0002.JPG", make_jpeg(seed=22)).json()
    assert img["status"] == "received" and img["image_id"] in api_ctx.queue(QUEUE_IMAGE_INGESTED).queued_ids()
    listed = client.get("/api/projects/default/images", headers=users.analyst.headers).json()["items"]
    assert {i["id"]: i["media_kind"] for i in listed}[img["image_id"]] == "image"


def test_daily_report_through_the_http_api_is_parsed_as_over_ftps(client, users, api_ctx, make_key):
    from addax_common.db import CameraStatus

    key = make_key()["key"]
    report = b"Camera Name: REPORTCAM\nBattery: 76%\nTemperature: 21C\nSD: 40%\n"
    r = post_raw(client, key, "DAILY_REPORT.TXT", report)
    assert r.status_code == 201, r.text  # new content: 201, as a new image (200 is a duplicate's answer)
    assert r.json()["outcome"] == "report" and r.json()["status"] == "report"
    with api_ctx.sessions() as db:
        statuses = list(db.scalars(select(CameraStatus).where(CameraStatus.source == "report")))
    assert len(statuses) == 1 and statuses[0].battery_percent == 76
    assert rows(api_ctx) == []  # a report is not an image
