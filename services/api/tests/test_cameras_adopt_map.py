"""The map's counts under every gallery filter, the server-wide list of unassigned cameras and adopting
one into a project, and coordinates out of range named in the 422."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from addax_common.db import AuditLog, Camera, Image

CAMERAS = "/api/projects/default/cameras"
IMAGES = "/api/projects/default/images"
# What the dashboard sends when no pipeline status is chosen (lib/filters DEFAULT_STATUSES).
SHOWN = ["received", "detecting", "detected", "classifying", "completed"]


def map_counts(client, headers, **params) -> dict[str, int]:
    response = client.get(CAMERAS, params={"status": SHOWN, **params}, headers=headers)
    assert response.status_code == 200, response.text
    return {f["properties"]["name"]: f["properties"]["image_count"] for f in response.json()["features"]}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"review_status": ["approved", "flagged"]},
        {"review_status": "unreviewed", "species": "zebra"},
        {"min_confidence": 0.9},
        {"date_from": "2024-05-02", "date_to": "2024-05-03"},
        {"capture_time": "unknown"},
        {"capture_time": "known", "species": ["wild boar"]},
        {"status": ["failed", "received"]},
    ],
)
def test_map_counts_equal_the_gallery_under_every_filter(client, users, gallery, params):
    """Each camera's count on the map is the gallery's total for that camera under the same filters."""
    h = users.viewer.headers
    cam, _ = gallery
    counts = map_counts(client, h, **params)
    assert set(counts) == set(cam)  # every camera is listed, matching or not
    for name, camera_id in cam.items():
        query = {"status": SHOWN, **params, "camera_id": camera_id, "limit": 1}
        total = client.get(IMAGES, params=query, headers=h).json()["total"]
        assert counts[name] == total, (name, params)


def test_map_counts_change_with_the_filters(client, users, gallery):
    h = users.viewer.headers
    assert map_counts(client, h) == {"Alpha": 4, "Bravo": 3, "Charlie": 1}
    assert map_counts(client, h, review_status="approved") == {"Alpha": 1, "Bravo": 0, "Charlie": 0}
    assert map_counts(client, h, review_status="rejected") == {"Alpha": 0, "Bravo": 1, "Charlie": 0}
    assert map_counts(client, h, min_confidence=0.95) == {"Alpha": 1, "Bravo": 1, "Charlie": 0}
    # The filters are checked as the image list checks them.
    bad = client.get(CAMERAS, params={"review_status": "maybe"}, headers=h)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "review_status", 0]
    bad = client.get(CAMERAS, params={"date_from": "yesterday"}, headers=h)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "date_from"]


def test_unassigned_cameras_of_every_project_and_adopting_one(client, users, seed, api_ctx, make_user):
    h = users.admin.headers
    assert client.post("/api/projects", json={"slug": "marsh", "name": "Marsh"}, headers=h).status_code == 201
    found = seed.camera("cam-7F3A", lat=1.5, lon=2.5, is_assigned=False, serial_number="7F3A", make="Reconyx")
    seed.camera("Placed", lat=1.0, lon=1.0)  # assigned: not listed
    image = seed.image(found, None)

    listed = client.get("/api/cameras/unassigned", headers=h)
    assert listed.status_code == 200, listed.text
    assert [(c["id"], c["project"], c["serial_number"], c["make"], c["image_count"]) for c in listed.json()] == [
        (found, "default", "7F3A", "Reconyx", 1)
    ]
    assert listed.json()[0]["location"] == {"lat": 1.5, "lon": 2.5}
    # Server admins only: a project admin adopts through the project's own camera list.
    assert client.get("/api/cameras/unassigned", headers=users.viewer.headers).status_code == 403

    # A project admin of the default project who is not an admin of the target cannot adopt it there.
    make_user("lead@example.org", "viewer", project=None)
    with api_ctx.sessions() as db:
        from addax_common.db import ProjectMember, User

        lead = db.scalars(select(User).where(User.email == "lead@example.org")).one()
        db.add(ProjectMember(project_id=1, user_id=lead.id, role="admin"))
        db.commit()
    token = client.post("/api/auth/login", json={"email": "lead@example.org", "password": "correct-horse-battery"})
    lead_h = {"Authorization": f"Bearer {token.json()['access_token']}"}
    url = f"{CAMERAS}/{found}/assign"
    refused = client.post(url, json={"name": "Marsh 1", "project": "marsh"}, headers=lead_h)
    assert refused.status_code == 404 and refused.json() == {"detail": "project not found"}
    with api_ctx.sessions() as db:
        camera = db.get(Camera, found)
        assert (camera.is_assigned, camera.name, camera.project_id) == (False, "cam-7F3A", 1)  # nothing half-done

    adopted = client.post(url, json={"name": "Marsh 1", "project": "marsh", "location": {"lat": -3, "lon": 4}}, headers=h)
    assert adopted.status_code == 200, adopted.text
    assert (adopted.json()["is_assigned"], adopted.json()["name"], adopted.json()["location"]) == (
        True, "Marsh 1", {"lat": -3.0, "lon": 4.0}
    )
    assert client.get("/api/cameras/unassigned", headers=h).json() == []
    marsh = client.get("/api/projects/marsh/cameras", headers=h).json()["features"]
    assert [f["id"] for f in marsh] == [found]
    with api_ctx.sessions() as db:
        marsh_id = db.get(Camera, found).project_id
        assert marsh_id != 1 and db.get(Image, image).project_id == marsh_id
        actions = db.scalars(select(AuditLog.action).where(AuditLog.resource_type == "camera", AuditLog.resource_id == str(found))).all()
    assert sorted(actions) == ["camera.assign", "camera.move", "camera.move"]


@pytest.mark.parametrize(
    ("location", "field"),
    [({"lat": 90.5, "lon": 0}, "lat"), ({"lat": -91, "lon": 0}, "lat"), ({"lat": 0, "lon": 181}, "lon"),
     ({"lat": 0, "lon": -180.01}, "lon"), ({"lat": "north", "lon": 0}, "lat"), ({"lon": 3}, "lat")],
)
def test_coordinates_out_of_range_name_the_field(client, users, seed, location, field):
    h = users.admin.headers
    camera_id = seed.camera("Range", is_assigned=False)
    calls = [
        ("post", CAMERAS, {"name": "Bad", "location": location}),
        ("put", f"{CAMERAS}/{camera_id}", {"location": location}),
        ("post", f"{CAMERAS}/{camera_id}/assign", {"location": location}),
    ]
    for method, url, body in calls:
        response = getattr(client, method)(url, json=body, headers=h)
        assert response.status_code == 422, (url, response.text)
        detail = response.json()["detail"][0]
        assert detail["loc"] == ["body", "location", field], detail
        assert detail["msg"]
    assert client.get(f"{CAMERAS}/{camera_id}", headers=h).json()["location"] is None  # nothing stored
