"""GET /api/projects/default/images/{id}: detections, classifications, camera, EXIF, stage times, signed URLs and
prev/next under the same filters as the list (seed: the `gallery` fixture in conftest.py)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime


def detail(client, users, image_id, **params):
    response = client.get(f"/api/projects/default/images/{image_id}", params=params, headers=users.viewer.headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_detail_of_an_image_with_detections(client, users, gallery):
    cam, img = gallery
    body = detail(client, users, img["i4"])
    assert body["id"] == str(img["i4"])
    assert body["camera"] == {"id": cam["Bravo"], "name": "Bravo", "location": {"lat": -1.5, "lon": 36.8}}
    assert (body["detection_count"], body["animal_count"], body["top_species"]) == (3, 3, "zebra")
    assert body["display_threshold"] == 0.2
    first = body["detections"][0]
    assert (first["index"], first["category"], first["confidence"]) == (0, "animal", 0.99)
    assert first["bbox"] == [0.1, 0.2, 0.3, 0.4] and first["model_name"] == "test-detector"
    assert [c["label"] for c in first["classifications"]] == ["zebra", "wildebeest", "impala", "eland", "kudu"]
    assert [c["rank"] for c in first["classifications"]] == [1, 2, 3, 4, 5]
    assert {c["source"] for c in first["classifications"]} == {"machine"}
    assert first["classifications"][0] == {"label": "zebra", "score": 0.97, "rank": 1, "model_name": "test-classifier", "source": "machine",
                                           "taxon_rank": None, "taxonomy": None}
    assert first["human_label"] is None and first["label"] == "zebra"
    assert [d["index"] for d in body["detections"]] == [0, 1, 2]
    # Signed URLs for the original and the crops, served without a token.
    original = client.get(body["url"])
    assert original.status_code == 200 and original.content.startswith(b"\xff\xd8")
    assert client.get(first["crop_url"]).status_code == 200
    # Stage times and durations.
    assert body["received_at"].startswith("2024-05-02T09:05:00")
    assert body["completed_at"].startswith("2024-05-02T09:05:30")
    assert body["durations"]["total"] == 30.0
    assert body["durations"]["detection"] is None
    assert body["exif"] == {} and body["gps"] is None
    assert body["error"] is None and body["attempts"] == 0
    assert body["reviewed_by"] is None and body["reviewed_at"] is None


def test_detail_shows_the_human_label_beside_the_machine_labels(client, users, gallery):
    cam, img = gallery
    detection = detail(client, users, img["i3"])["detections"][0]
    assert detection["human_label"] == "roe deer" and detection["label"] == "roe deer"
    assert [(c["source"], c["label"], c["rank"]) for c in detection["classifications"]] == [
        ("machine", "red deer", 1),
        ("human", "roe deer", 1),
    ]


def test_detail_of_a_failed_image_and_without_camera(client, users, gallery):
    cam, img = gallery
    failed = detail(client, users, img["i7"])
    assert failed["status"] == "failed" and failed["error"] == "cannot decode image"
    assert failed["failed_at"].startswith("2024-05-04T07:06:00")
    assert failed["camera"]["location"] is None and failed["detections"] == []
    orphan = detail(client, users, img["i9"])
    assert orphan["camera"] is None and orphan["camera_id"] is None


def test_detail_with_exif_gps_and_stage_timestamps(client, users, seed):
    from geoalchemy2.elements import WKTElement

    t = datetime(2024, 6, 1, 8, 0, tzinfo=UTC)
    image_id = seed.image(
        None,
        t,
        received_at=t.replace(minute=10),
        uploaded_at=t.replace(minute=9, second=58),
        detection_started_at=t.replace(minute=10, second=1),
        detected_at=t.replace(minute=10, second=3),
        classification_started_at=t.replace(minute=10, second=4),
        completed_at=t.replace(minute=10, second=6),
        exif={"Make": "RECONYX", "ExposureTime": "1/60"},
        camera_make="RECONYX",
        camera_model="HyperFire 2",
        camera_serial="H2-0001",
        gps=WKTElement("POINT(4.9 52.37)", srid=4326),
    )
    body = detail(client, users, image_id)
    assert body["exif"] == {"Make": "RECONYX", "ExposureTime": "1/60"}
    assert body["gps"] == {"lat": 52.37, "lon": 4.9}
    assert (body["camera_make"], body["camera_model"], body["camera_serial"]) == ("RECONYX", "HyperFire 2", "H2-0001")
    assert body["durations"] == {
        "upload_to_received": 2.0,
        "waiting_for_detection": 1.0,
        "detection": 2.0,
        "waiting_for_classification": 1.0,
        "classification": 2.0,
        "total": 6.0,
    }


PREV_NEXT_CASES = [
    # (image, filters, expected prev, expected next); the default list is i10 i8 i7 i5 i3 i4 i2 i1 i9 i6
    # (i6 has no capture time, so it is last in either direction)
    ("i3", {}, "i5", "i4"),
    ("i10", {}, None, "i8"),
    ("i9", {}, "i1", "i6"),
    ("i6", {}, "i9", None),
    ("i3", {"camera_id": "Alpha"}, "i10", "i2"),
    ("i3", {"order": "asc"}, "i4", "i5"),
    ("i10", {"order": "asc"}, "i8", "i6"),
    ("i6", {"order": "asc"}, "i10", None),
    ("i5", {"sort": "confidence"}, "i1", "i2"),
    ("i10", {"sort": "confidence"}, "i9", "i8"),
    ("i9", {"sort": "camera", "order": "asc"}, None, "i1"),
    ("i10", {"sort": "camera", "order": "asc"}, "i3", "i4"),
    ("i1", {"species": "red deer"}, None, "i9"),
    ("i6", {"sort": "received_at"}, "i5", "i3"),
    # An image outside the filters still gets neighbours relative to where it would sort.
    ("i4", {"camera_id": "Alpha"}, "i3", "i2"),
]


def test_prev_next_follow_the_list_filters(client, users, gallery):
    cam, img = gallery
    by_id = {str(v): k for k, v in img.items()}
    for name, params, prev, nxt in PREV_NEXT_CASES:
        query = {k: cam[v] if k == "camera_id" else v for k, v in params.items()}
        body = detail(client, users, img[name], **query)
        got = (by_id.get(body["prev_id"]), by_id.get(body["next_id"]))
        assert got == (prev, nxt), (name, params, got)


def test_prev_next_walks_the_whole_list(client, users, gallery):
    cam, img = gallery
    listed = [i["id"] for i in client.get("/api/projects/default/images", params={"sort": "confidence"}, headers=users.viewer.headers).json()["items"]]
    walked, current = [], listed[0]
    while current:
        walked.append(current)
        current = detail(client, users, current, sort="confidence")["next_id"]
    assert walked == listed


def test_unknown_and_malformed_ids(client, users):
    missing = client.get(f"/api/projects/default/images/{uuid.uuid4()}", headers=users.viewer.headers)
    assert missing.status_code == 404 and missing.json() == {"detail": "image not found"}
    assert client.get("/api/projects/default/images/not-a-uuid", headers=users.viewer.headers).status_code == 422
