"""GET /api/projects/default/images on a seeded database: every filter, sort and page checked against exact results."""

from __future__ import annotations

from datetime import UTC, datetime

A, B, C = "Alpha", "Bravo", "Charlie"
T_REJECTED = datetime(2024, 5, 6, 12, tzinfo=UTC)


def names(response, img) -> list[str]:
    assert response.status_code == 200, response.text
    by_id = {str(v): k for k, v in img.items()}
    return [by_id[item["id"]] for item in response.json()["items"]]


# i6 has no capture time: it comes after every dated image, in either direction.
DEFAULT_ORDER = ["i10", "i8", "i7", "i5", "i3", "i4", "i2", "i1", "i9", "i6"]


def test_default_order_and_totals(client, users, gallery):
    cam, img = gallery
    response = client.get("/api/projects/default/images", headers=users.viewer.headers)
    assert names(response, img) == DEFAULT_ORDER
    body = response.json()
    assert (body["total"], body["page"], body["limit"], body["pages"]) == (10, 1, 50, 1)


FILTER_CASES = [
    ({"camera_id": A}, ["i10", "i3", "i2", "i1"]),
    ({"camera_id": [A, B]}, ["i10", "i5", "i3", "i4", "i2", "i1", "i6"]),
    ({"species": "red deer"}, ["i1", "i9"]),  # i3's red deer was corrected to roe deer by a person
    ({"species": "roe deer"}, ["i3"]),  # i1's roe deer is only the machine's second guess
    ({"species": ["wild boar", "zebra"]}, ["i4", "i2", "i6"]),
    ({"species": "unicorn"}, []),
    ({"status": "failed"}, ["i7"]),
    ({"status": ["received", "failed"]}, ["i8", "i7"]),
    ({"review_status": "approved"}, ["i2", "i9"]),
    ({"review_status": ["flagged", "rejected"]}, ["i5", "i3"]),
    ({"min_confidence": 0.9}, ["i4", "i1"]),
    ({"min_confidence": 0.85}, ["i5", "i4", "i1"]),
    ({"min_confidence": 0}, ["i5", "i3", "i4", "i2", "i1", "i9", "i6"]),
    ({"date_from": "2024-05-02", "date_to": "2024-05-02"}, ["i3", "i4"]),  # i6 has no capture time
    # Asked for, an image without a capture time is matched by its upload time, and comes last.
    ({"date_from": "2024-05-02", "date_to": "2024-05-02", "capture_time": "any"}, ["i3", "i4", "i6"]),
    ({"date_from": "2024-05-02", "date_to": "2024-05-02", "capture_time": "unknown"}, ["i6"]),
    ({"date_from": "2024-05-03", "capture_time": "unknown"}, []),
    ({"capture_time": "unknown"}, ["i6"]),
    ({"capture_time": "known"}, ["i10", "i8", "i7", "i5", "i3", "i4", "i2", "i1", "i9"]),
    ({"capture_time": "any"}, ["i10", "i8", "i7", "i5", "i3", "i4", "i2", "i1", "i9", "i6"]),
    ({"date_to": "2024-05-01"}, ["i2", "i1", "i9"]),
    ({"date_from": "2024-05-01T00:00:00Z", "date_to": "2024-05-01"}, ["i2", "i1"]),
    ({"date_to": "2024-05-01T18:00:00Z"}, ["i2", "i1", "i9"]),  # a date-time upper bound is inclusive
    ({"date_to": "2024-05-01T17:59:59Z"}, ["i1", "i9"]),
    ({"date_from": "2024-05-02T12:00:00+02:00"}, ["i10", "i8", "i7", "i5", "i3"]),  # = 10:00 UTC
    ({"date_from": "2024-05-04T07:00:00"}, ["i10", "i8", "i7"]),  # no offset means UTC
    ({"camera_id": B, "min_confidence": 0.5, "species": "zebra"}, ["i4"]),
    ({"camera_id": A, "review_status": "unreviewed", "date_from": "2024-05-01"}, ["i10", "i1"]),
]


def test_filters(client, users, gallery):
    cam, img = gallery
    for params, expected in FILTER_CASES:
        query = {k: ([cam[x] for x in v] if isinstance(v, list) else cam[v]) if k == "camera_id" else v for k, v in params.items()}
        response = client.get("/api/projects/default/images", params=query, headers=users.viewer.headers)
        assert names(response, img) == expected, params
        assert response.json()["total"] == len(expected), params


SORT_CASES = [
    ({"order": "asc"}, ["i9", "i1", "i2", "i4", "i3", "i5", "i7", "i8", "i10", "i6"]),
    # Highest detection confidence first; images without detections last, newest first among them.
    ({"sort": "confidence"}, ["i4", "i1", "i5", "i2", "i3", "i6", "i9", "i10", "i8", "i7"]),
    ({"sort": "confidence", "order": "asc"}, ["i7", "i8", "i10", "i9", "i6", "i3", "i2", "i5", "i1", "i4"]),
    # By camera name (no camera first), then capture time (undated last within a camera).
    ({"sort": "camera", "order": "asc"}, ["i9", "i1", "i2", "i3", "i10", "i4", "i5", "i6", "i7", "i8"]),
    ({"sort": "received_at", "order": "asc"}, ["i9", "i1", "i2", "i4", "i3", "i6", "i5", "i7", "i8", "i10"]),
    ({"sort": "received_at"}, ["i10", "i8", "i7", "i5", "i6", "i3", "i4", "i2", "i1", "i9"]),
]


def test_sorting(client, users, gallery):
    cam, img = gallery
    for params, expected in SORT_CASES:
        assert names(client.get("/api/projects/default/images", params=params, headers=users.viewer.headers), img) == expected, params


def test_pagination(client, users, gallery):
    cam, img = gallery
    h = users.viewer.headers
    pages = [names(client.get("/api/projects/default/images", params={"limit": 3, "page": p}, headers=h), img) for p in range(1, 6)]
    assert pages == [DEFAULT_ORDER[0:3], DEFAULT_ORDER[3:6], DEFAULT_ORDER[6:9], DEFAULT_ORDER[9:], []]
    body = client.get("/api/projects/default/images", params={"limit": 3, "page": 2}, headers=h).json()
    assert (body["total"], body["page"], body["limit"], body["pages"]) == (10, 2, 3, 4)
    filtered = client.get("/api/projects/default/images", params={"limit": 2, "page": 2, "camera_id": cam[A]}, headers=h)
    assert names(filtered, img) == ["i2", "i1"] and filtered.json()["pages"] == 2


def test_summary_fields(client, users, gallery):
    cam, img = gallery
    items = {str(i["id"]): i for i in client.get("/api/projects/default/images", headers=users.viewer.headers).json()["items"]}
    i4 = items[str(img["i4"])]
    assert i4["camera_id"] == cam[B] and i4["camera_name"] == B
    assert (i4["detection_count"], i4["animal_count"]) == (3, 3)
    assert (i4["top_species"], i4["top_species_score"], i4["top_confidence"]) == ("zebra", 0.97, 0.99)
    assert i4["species"] == ["wildebeest", "zebra"]
    assert i4["status"] == "completed" and i4["review_status"] == "unreviewed"
    assert (i4["width"], i4["height"]) == (1920, 1080)
    assert i4["captured_at"].startswith("2024-05-02T09:00:00") and i4["completed_at"]
    i2 = items[str(img["i2"])]
    # The person at 0.15 is below the display threshold (0.2): stored, not counted.
    assert (i2["detection_count"], i2["animal_count"], i2["top_confidence"], i2["species"]) == (1, 1, 0.8, ["wild boar"])
    i3 = items[str(img["i3"])]
    assert (i3["top_species"], i3["top_species_score"], i3["species"]) == ("roe deer", 1.0, ["roe deer"])
    i5 = items[str(img["i5"])]
    assert (i5["detection_count"], i5["animal_count"], i5["top_species"], i5["species"]) == (1, 0, None, [])
    i9 = items[str(img["i9"])]
    assert i9["camera_id"] is None and i9["camera_name"] is None
    i10 = items[str(img["i10"])]
    assert (i10["detection_count"], i10["top_confidence"], i10["top_species"]) == (0, None, None)
    assert items[str(img["i8"])]["thumbnail_url"] is None
    assert i4["capture_time_known"] is True
    i6 = items[str(img["i6"])]
    assert (i6["capture_time_known"], i6["captured_at"]) == (False, None) and i6["received_at"].startswith("2024-05-02T20")
    assert set(i4) == {
        "id", "camera_id", "camera_name", "original_filename", "status", "review_status", "captured_at", "received_at",
        "capture_time_known", "uploaded_at",
        "completed_at", "width", "height", "thumbnail_url", "detection_count", "animal_count", "top_species",
        "top_species_score", "top_confidence", "species", "sequence_id", "frame_count", "media_kind",
    }
    assert i4["media_kind"] == "image"  # every photo; videos from SD cards say "video"
    # Seeded rows are not chained (the seeder skips addax_common/sequences.py): each is its own sequence.
    assert (i4["sequence_id"], i4["frame_count"]) == (str(img["i4"]), 1)


def test_thumbnail_url_is_signed_and_served(client, users, gallery):
    cam, img = gallery
    item = client.get("/api/projects/default/images", params={"camera_id": cam[B], "limit": 1}, headers=users.viewer.headers).json()["items"][0]
    url = item["thumbnail_url"]
    assert url.startswith(f"/api/media/thumbnails/{item['id']}.jpg?expires=") and "signature=" in url
    media = client.get(url)  # no token: the signature is the authorisation
    assert media.status_code == 200 and media.headers["content-type"] == "image/jpeg"
    assert media.content.startswith(b"\xff\xd8")
    assert media.headers["cache-control"].startswith("private, max-age=")
    # The same URL on the next request (stable expiry window), so browsers can cache thumbnails.
    again = client.get("/api/projects/default/images", params={"camera_id": cam[B], "limit": 1}, headers=users.viewer.headers).json()
    assert again["items"][0]["thumbnail_url"] == url


INVALID_PARAMETERS = [
    {"limit": 201},
    {"limit": 0},
    {"page": 0},
    {"sort": "filename"},
    {"order": "up"},
    {"status": "bogus"},
    {"review_status": "maybe"},
    {"min_confidence": 1.5},
    {"min_confidence": -0.1},
    {"camera_id": "abc"},
    {"camera_id": 0},
    {"date_from": "2024-13-01"},
    {"date_from": "yesterday"},
    {"date_to": "2024-05-01T25:00:00Z"},
    {"species": ""},
]


def test_invalid_parameters_are_422(client, users):
    for params in INVALID_PARAMETERS:
        response = client.get("/api/projects/default/images", params=params, headers=users.viewer.headers)
        assert response.status_code == 422, (params, response.text)
        assert isinstance(response.json()["detail"], (list, str))


def test_calendar_edges_are_not_server_errors(client, users):
    for params in ({"date_to": "9999-12-31"}, {"date_from": "0001-01-01"}, {"date_to": "9999-12-31T23:59:59.999999Z"}):
        assert client.get("/api/projects/default/images", params=params, headers=users.viewer.headers).status_code == 200, params


def test_status_counts_follow_the_other_filters_and_ignore_the_status_filter(client, users, gallery, seed):
    """The gallery's "4 rejected" / "1 failed" filter chips: counts per pipeline status."""
    cam, img = gallery
    seed.image(None, None, status="rejected", error="not an image", rejected_at=T_REJECTED)
    seed.image(None, None, status="rejected", error="empty file", rejected_at=T_REJECTED)
    url = "/api/projects/default/images/status-counts"
    everything = client.get(url, headers=users.viewer.headers)
    assert everything.status_code == 200, everything.text
    assert everything.json() == {
        "received": 1, "detecting": 0, "detected": 0, "classifying": 0, "completed": 8, "failed": 1, "rejected": 2
    }
    # The status filter is ignored (the chips count what each status would show); the others apply.
    on_c = client.get(url, params={"camera_id": cam[C], "status": "completed"}, headers=users.viewer.headers)
    assert {k: v for k, v in on_c.json().items() if v} == {"received": 1, "failed": 1}
    # The default gallery view: processing and completed only, rejected and failed left out.
    active = ["received", "detecting", "detected", "classifying", "completed"]
    listed = client.get("/api/projects/default/images", params={"status": active}, headers=users.viewer.headers)
    assert names(listed, img) == [n for n in DEFAULT_ORDER if n != "i7"]
    assert client.get(url, params={"status": "bogus"}, headers=users.viewer.headers).status_code == 422
    assert client.get(url).status_code == 401


def test_total_stops_counting_past_the_limit_and_says_so(client, users, gallery, monkeypatch):
    # Counting stops EXACT_TOTAL_UP_TO images past the requested page (a million images would be read
    # by every page view otherwise); the answer then says the total is a lower bound.
    from addax_api.images import service

    monkeypatch.setattr(service, "EXACT_TOTAL_UP_TO", 4)
    cam, img = gallery
    h = users.viewer.headers
    first = client.get("/api/projects/default/images", params={"limit": 2}, headers=h)
    assert names(first, img) == DEFAULT_ORDER[0:2]
    assert (first.json()["total"], first.json()["total_exact"], first.json()["pages"]) == (4, False, 2)
    # Further on, the limit moves with the page: page 4 of 2 counts up to 6 + 4 = 10, which is all of them.
    later = client.get("/api/projects/default/images", params={"limit": 2, "page": 4}, headers=h)
    assert names(later, img) == DEFAULT_ORDER[6:8]
    assert (later.json()["total"], later.json()["total_exact"], later.json()["pages"]) == (10, True, 5)
    # A filter that matches no more than the limit (camera A: 4 images) is exact, as before.
    few = client.get("/api/projects/default/images", params={"limit": 2, "camera_id": cam[A]}, headers=h).json()
    assert (few["total"], few["total_exact"]) == (4, True)


def test_max_confidence_follows_every_change_of_an_images_detections(gallery, seed, api_ctx):
    # images.max_confidence (the confidence sort's key) is kept by triggers on detections: inserting,
    # changing and deleting detections by any writer keeps it equal to max(detections.confidence).
    from sqlalchemy import delete, func, select, update

    from addax_common.db import Detection, Image

    _cam, img = gallery

    def stored_and_actual() -> list[tuple[float | None, float | None]]:
        with api_ctx.sessions() as db:
            actual = (select(func.max(Detection.confidence)).where(Detection.image_id == Image.id).scalar_subquery())
            return [tuple(row) for row in db.execute(select(Image.max_confidence, actual).order_by(Image.id))]

    pairs = stored_and_actual()
    assert len(pairs) == len(img) and all(stored == actual for stored, actual in pairs), pairs
    assert any(stored is None for stored, _ in pairs) and any(stored is not None for stored, _ in pairs)
    with api_ctx.sessions() as db:
        db.execute(update(Detection).where(Detection.image_id == img["i4"]).values(confidence=0.33))
        db.execute(delete(Detection).where(Detection.image_id == img["i1"]))
        db.commit()
        assert db.scalar(select(Image.max_confidence).where(Image.id == img["i4"])) == 0.33
        assert db.scalar(select(Image.max_confidence).where(Image.id == img["i1"])) is None
    assert all(stored == actual for stored, actual in stored_and_actual())
