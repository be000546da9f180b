"""Deployments: CRUD, every 422, image assignment by capture time, clock-offset correction and its exact undo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from addax_common.db import AuditLog, Image

URL = "/api/projects/default/deployments"
T = datetime(2024, 6, 1, tzinfo=UTC)
WHERE = {"lat": -1.25, "lon": 36.5}


def body(camera_id: int, start: datetime, end: datetime | None = None, **extra) -> dict:
    return {
        "camera_id": camera_id,
        "start_at": start.isoformat(),
        "end_at": end.isoformat() if end else None,
        "location": WHERE,
        **extra,
    }


def field_of(response) -> list[str]:
    assert response.status_code == 422, response.text
    return [str(part) for part in response.json()["detail"][0]["loc"]]


@pytest.fixture
def camera(seed):
    return seed.camera("Dep-cam")


def images_of(api_ctx, ids):
    with api_ctx.sessions() as db:
        rows = db.scalars(select(Image).where(Image.id.in_(ids))).all()
        return {row.id: (row.deployment_id, row.captured_at, row.exif_captured_at) for row in rows}


def test_crud_and_assignment(client, users, seed, api_ctx, camera):
    h = users.admin.headers
    inside = seed.image(camera, T + timedelta(days=1))
    before = seed.image(camera, T - timedelta(seconds=1))
    undated = seed.image(camera, None, received_at=T + timedelta(days=2))
    created = client.post(
        URL,
        json=body(camera, T, T + timedelta(days=10), location_name="Waterhole", camera_height_m=0.5, bait="none",
                  habitat="savanna", feature_type="waterSource", notes="n", timezone="Africa/Nairobi"),
        headers=h,
    )
    assert created.status_code == 201, created.text
    dep = created.json()
    assert dep["camera_name"] == "Dep-cam" and dep["location"] == WHERE and dep["image_count"] == 1
    assert dep["timezone"] == "Africa/Nairobi" and dep["feature_type"] == "waterSource"
    rows = images_of(api_ctx, [inside, before, undated])
    assert rows[inside][0] == dep["id"]
    assert rows[before][0] is None and rows[undated][0] is None  # outside the period; no capture time

    # Members read; the list filters by camera.
    listed = client.get(URL, params={"camera_id": camera}, headers=users.viewer.headers).json()
    assert [d["id"] for d in listed] == [dep["id"]]
    assert client.get(URL, params={"camera_id": camera + 1000}, headers=users.viewer.headers).json() == []
    assert client.get(f"{URL}/{dep['id']}", headers=users.viewer.headers).json()["image_count"] == 1
    assert client.post(URL, json=body(camera, T + timedelta(days=20)), headers=users.analyst.headers).status_code == 403

    # Moving the start back takes in the earlier image; an open end keeps the deployment running.
    moved = client.put(f"{URL}/{dep['id']}", json={"start_at": (T - timedelta(days=1)).isoformat(), "end_at": None}, headers=h)
    assert moved.status_code == 200, moved.text
    assert moved.json()["end_at"] is None and moved.json()["image_count"] == 2
    assert images_of(api_ctx, [before])[before][0] == dep["id"]

    assert client.delete(f"{URL}/{dep['id']}", headers=h).status_code == 204
    assert client.get(f"{URL}/{dep['id']}", headers=h).status_code == 404
    assert all(d is None for d, _, _ in images_of(api_ctx, [inside, before]).values())
    with api_ctx.sessions() as db:
        actions = db.scalars(select(AuditLog.action).where(AuditLog.resource_type == "deployment")).all()
    assert sorted(actions) == ["deployment.create", "deployment.delete", "deployment.update"]


def test_new_image_is_assigned_at_ingestion_time_of_arrival(api_ctx, seed, camera, client, users):
    """Ingestion calls the same assignment for one image (services/ingestion covers the call site)."""
    from addax_common.deployments import assign_image

    created = client.post(URL, json=body(camera, T, clock_offset_seconds=60), headers=users.admin.headers).json()
    image = seed.image(camera, T + timedelta(hours=1))  # arrives after the deployment exists
    with api_ctx.sessions() as db:
        assert assign_image(db, image) == 1
        db.commit()
    deployment_id, captured, exif = images_of(api_ctx, [image])[image]
    assert deployment_id == created["id"] and captured - exif == timedelta(seconds=60)


def test_overlap_and_bad_input_are_422_naming_the_field(client, users, seed, camera):
    h = users.admin.headers
    first = client.post(URL, json=body(camera, T, T + timedelta(days=10)), headers=h)
    assert first.status_code == 201
    running = client.post(URL, json=body(camera, T + timedelta(days=20)), headers=h)
    assert running.status_code == 201
    # Overlaps the first (inside), the running one (open end), and touching periods are fine ([start, end)).
    assert field_of(client.post(URL, json=body(camera, T + timedelta(days=5), T + timedelta(days=6)), headers=h)) == ["body", "start_at"]
    assert field_of(client.post(URL, json=body(camera, T + timedelta(days=30)), headers=h)) == ["body", "start_at"]
    assert field_of(client.post(URL, json=body(camera, T - timedelta(days=1)), headers=h)) == ["body", "start_at"]
    touching = client.post(URL, json=body(camera, T + timedelta(days=10), T + timedelta(days=20)), headers=h)
    assert touching.status_code == 201, touching.text
    # Updating into a neighbour overlaps too; the deployment itself does not count.
    assert field_of(client.put(f"{URL}/{touching.json()['id']}", json={"end_at": (T + timedelta(days=21)).isoformat()}, headers=h)) == ["body", "start_at"]
    assert client.put(f"{URL}/{first.json()['id']}", json={"start_at": (T - timedelta(days=2)).isoformat()}, headers=h).status_code == 200

    other = seed.camera("Dep-other")
    assert field_of(client.post(URL, json=body(other, T + timedelta(days=2), T + timedelta(days=1)), headers=h)) == ["body", "end_at"]
    assert field_of(client.put(f"{URL}/{first.json()['id']}", json={"end_at": (T - timedelta(days=3)).isoformat()}, headers=h)) == ["body", "end_at"]
    assert field_of(client.post(URL, json=body(other, T, timezone="Mars/Olympus_Mons"), headers=h)) == ["body", "timezone"]
    assert field_of(client.post(URL, json=body(other, T, timezone="CEST"), headers=h)) == ["body", "timezone"]
    assert field_of(client.post(URL, json={**body(other, T), "location": {"lat": 91, "lon": 0}}, headers=h)) == ["body", "location", "lat"]
    assert field_of(client.post(URL, json={**body(other, T), "location": {"lat": 0, "lon": -180.5}}, headers=h)) == ["body", "location", "lon"]
    assert field_of(client.post(URL, json=body(other, T, feature_type="motorway"), headers=h))[:2] == ["body", "feature_type"]
    assert field_of(client.post(URL, json={**body(other, T), "start_at": "2024-06-01T00:00:00"}, headers=h)) == ["body", "start_at"]
    assert field_of(client.post(URL, json=body(424242, T), headers=h)) == ["body", "camera_id"]
    # Nothing half-stored: the other camera still has no deployment.
    assert client.get(URL, params={"camera_id": other}, headers=h).json() == []


def test_clock_offset_shifts_capture_times_and_undoes_exactly(client, users, seed, api_ctx, camera):
    h = users.admin.headers
    times = [T + timedelta(hours=1, seconds=0.25), T + timedelta(days=3, minutes=7)]
    ids = [seed.image(camera, t) for t in times]
    dep = client.post(URL, json=body(camera, T, T + timedelta(days=30)), headers=h).json()
    original = images_of(api_ctx, ids)

    # The camera's clock ran 1 h 30 s slow.
    shifted = client.put(f"{URL}/{dep['id']}", json={"clock_offset_seconds": 3630}, headers=h)
    assert shifted.status_code == 200 and shifted.json()["clock_offset_seconds"] == 3630
    now = images_of(api_ctx, ids)
    for image_id, t in zip(ids, times, strict=True):
        assert now[image_id][1] == t + timedelta(seconds=3630) and now[image_id][2] == t
    listed = client.get("/api/projects/default/images", params={"camera_id": camera}, headers=h).json()["items"]
    assert {i["captured_at"][:19] for i in listed} == {(t + timedelta(seconds=3630)).isoformat()[:19] for t in times}

    undone = client.put(f"{URL}/{dep['id']}", json={"clock_offset_seconds": 0}, headers=h)
    assert undone.status_code == 200
    assert images_of(api_ctx, ids) == original  # microseconds included

    with api_ctx.sessions() as db:
        rows = db.scalars(
            select(AuditLog).where(AuditLog.action == "deployment.clock_offset").order_by(AuditLog.id)
        ).all()
    assert [(r.details["from"], r.details["to"], r.details["images_reassigned"]) for r in rows] == [
        (0, 3630, 2), (3630, 0, 2)
    ]
    assert all(r.resource_id == str(dep["id"]) and r.project_id == 1 for r in rows)


def test_offset_decides_the_deployment_at_the_boundary(client, users, seed, api_ctx, camera):
    """An image whose EXIF time is just before a deployment's start belongs to it once the clock correction
    moves it inside."""
    h = users.admin.headers
    image = seed.image(camera, T - timedelta(minutes=10))
    dep = client.post(URL, json=body(camera, T), headers=h).json()
    assert images_of(api_ctx, [image])[image][0] is None
    client.put(f"{URL}/{dep['id']}", json={"clock_offset_seconds": 900}, headers=h)
    assert images_of(api_ctx, [image])[image][:2] == (dep["id"], T + timedelta(minutes=5))


def test_timezone_reads_exif_wall_clock_and_undoes_exactly(client, users, seed, api_ctx, camera):
    """EXIF times carry no zone: the deployment's zone says what a wall-clock time means, and changing it
    re-computes the capture times (audited, undone by setting the old zone back)."""
    h = users.admin.headers
    noon = datetime(2024, 6, 2, 12, 0, 0, 500_000)  # the camera's clock, no zone
    # As ingestion stores it without a camera zone: the wall clock read as UTC, kept as it was shown.
    local = seed.image(camera, noon.replace(tzinfo=UTC), exif_local_time=noon)
    # A photo whose EXIF carried its own offset: the deployment's zone does not apply.
    exact_at = datetime(2024, 6, 3, 8, tzinfo=UTC)
    exact = seed.image(camera, exact_at)
    dep = client.post(URL, json=body(camera, T, T + timedelta(days=30)), headers=h).json()
    assert dep["timezone"] == "UTC" and dep["image_count"] == 2
    original = images_of(api_ctx, [local, exact])
    assert original[local][1] == noon.replace(tzinfo=UTC)

    nairobi = client.put(f"{URL}/{dep['id']}", json={"timezone": "Africa/Nairobi"}, headers=h)  # UTC+3
    assert nairobi.status_code == 200, nairobi.text
    rows = images_of(api_ctx, [local, exact])
    assert rows[local][:2] == (dep["id"], datetime(2024, 6, 2, 9, 0, 0, 500_000, tzinfo=UTC))
    assert rows[exact][1] == exact_at
    # Zone and clock offset together: New York in June is UTC-4, and the clock ran 60 s slow.
    client.put(f"{URL}/{dep['id']}", json={"timezone": "America/New_York", "clock_offset_seconds": 60}, headers=h)
    assert images_of(api_ctx, [local])[local][1] == datetime(2024, 6, 2, 16, 1, 0, 500_000, tzinfo=UTC)

    client.put(f"{URL}/{dep['id']}", json={"timezone": "UTC", "clock_offset_seconds": 0}, headers=h)
    assert images_of(api_ctx, [local, exact]) == original  # microseconds included
    with api_ctx.sessions() as db:
        rows = db.scalars(select(AuditLog).where(AuditLog.action == "deployment.timezone").order_by(AuditLog.id)).all()
    assert [(r.details["from"], r.details["to"]) for r in rows] == [
        ("UTC", "Africa/Nairobi"), ("Africa/Nairobi", "America/New_York"), ("America/New_York", "UTC")
    ]
    assert [r.details["images_reassigned"] for r in rows] == [1, 2, 2]


def test_timezone_decides_the_deployment_at_the_boundary(client, users, seed, api_ctx, camera):
    """01:00 on the camera's clock is inside a deployment starting at 00:00 UTC when read as UTC, and
    before it when read in Tokyo (16:00 UTC the day before): then it belongs to no deployment and keeps
    the time ingestion gave it."""
    h = users.admin.headers
    one_am = datetime(2024, 6, 1, 1, 0)
    image = seed.image(camera, one_am.replace(tzinfo=UTC), exif_local_time=one_am)
    dep = client.post(URL, json=body(camera, T), headers=h).json()
    assert images_of(api_ctx, [image])[image][0] == dep["id"]
    client.put(f"{URL}/{dep['id']}", json={"timezone": "Asia/Tokyo"}, headers=h)
    assert images_of(api_ctx, [image])[image][:2] == (None, one_am.replace(tzinfo=UTC))
    earlier = client.post(URL, json=body(camera, T - timedelta(days=1), T, timezone="Asia/Tokyo"), headers=h).json()
    assert images_of(api_ctx, [image])[image][:2] == (earlier["id"], datetime(2024, 5, 31, 16, tzinfo=UTC))
