"""Project CRUD, archive, members and moving cameras: the happy paths and every refusal, each a clear
4xx that changes nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from addax_common.db import AuditLog, Camera, Image, Project, ProjectMember, UserRole


def create(client, users, slug: str, **fields):
    return client.post("/api/projects", json={"slug": slug, "name": slug.title(), **fields}, headers=users.admin.headers)


def counts(api_ctx) -> tuple[int, int]:
    with api_ctx.sessions() as db:
        return db.scalar(select(func.count()).select_from(Project)), db.scalar(select(func.count()).select_from(ProjectMember))


def test_create_get_update_archive(client, users, api_ctx):
    response = create(client, users, "wolves", timezone="Europe/Rome", allowed_species=["wolf", "wolf", "red fox"])
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["slug"] == "wolves" and body["role"] == "admin" and body["timezone"] == "Europe/Rome"
    assert body["allowed_species"] == ["wolf", "red fox"] and body["independence_interval_minutes"] == 30
    assert client.get("/api/projects/wolves", headers=users.admin.headers).json()["name"] == "Wolves"

    patched = client.patch(
        "/api/projects/wolves",
        json={"independence_interval_minutes": 60, "thresholds": {"detection": 0.3}, "description": "Alps"},
        headers=users.admin.headers,
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["thresholds"] == {"detection": 0.3, "classification": None}
    assert patched.json()["independence_interval_minutes"] == 60

    archived = client.post("/api/projects/wolves/archive", headers=users.admin.headers).json()
    assert archived["archived_at"] is not None
    assert client.post("/api/projects/wolves/unarchive", headers=users.admin.headers).json()["archived_at"] is None
    with api_ctx.sessions() as db:
        actions = db.scalars(select(AuditLog.action).where(AuditLog.project_id == body["id"]).order_by(AuditLog.id)).all()
    assert actions == ["project.create", "project.update", "project.archive", "project.unarchive"]


def test_bad_projects_are_refused_and_nothing_changes(client, users, api_ctx):
    assert create(client, users, "taken").status_code == 201
    before = counts(api_ctx)
    for slug in ("Not-Lower", "has space", "-edge", "edge-", "a/b", "x" * 65, "ünï"):
        response = create(client, users, slug)
        assert response.status_code == 422, (slug, response.text)
    taken = create(client, users, "taken")
    assert taken.status_code == 409 and "taken" in taken.json()["detail"]
    assert create(client, users, "default").status_code == 409
    assert create(client, users, "tz", timezone="Mars/Olympus").status_code == 422
    assert create(client, users, "neg", sequence_gap_seconds=-1).status_code == 422
    bad_patch = client.patch("/api/projects/taken", json={"thresholds": {"detection": 2}}, headers=users.admin.headers)
    assert bad_patch.status_code == 422
    # Only server admins create projects; a project admin cannot.
    assert create(client, users, "nope").status_code == 201  # server admin
    analyst_try = client.post("/api/projects", json={"slug": "mine", "name": "Mine"}, headers=users.analyst.headers)
    assert analyst_try.status_code == 403
    assert counts(api_ctx) == (before[0] + 1, before[1] + 1)


def test_members_and_the_last_admin(client, users, api_ctx, make_user):
    project = create(client, users, "birds").json()
    h = users.admin.headers
    lead = make_user("lead@example.org", UserRole.VIEWER, project=None)
    add = client.post("/api/projects/birds/members", json={"user_id": lead.id, "role": "admin"}, headers=h)
    assert add.status_code == 201 and add.json()["email"] == "lead@example.org" and add.json()["role"] == "admin"
    assert client.post("/api/projects/birds/members", json={"user_id": lead.id, "role": "viewer"}, headers=h).status_code == 409
    assert client.post("/api/projects/birds/members", json={"user_id": 999999, "role": "viewer"}, headers=h).status_code == 404
    # By e-mail (case-insensitive), as the settings page adds members; unknown e-mail 404, both or neither 422.
    make_user("ranger@example.org", UserRole.VIEWER, project=None)
    by_mail = client.post("/api/projects/birds/members", json={"email": "Ranger@Example.org", "role": "analyst"}, headers=h)
    assert by_mail.status_code == 201 and by_mail.json()["email"] == "ranger@example.org" and by_mail.json()["role"] == "analyst"
    unknown = client.post("/api/projects/birds/members", json={"email": "nobody@example.org", "role": "viewer"}, headers=h)
    assert unknown.status_code == 404 and "e-mail" in unknown.json()["detail"]
    both = {"email": "ranger@example.org", "user_id": lead.id, "role": "viewer"}
    assert client.post("/api/projects/birds/members", json=both, headers=h).status_code == 422
    assert client.post("/api/projects/birds/members", json={"role": "viewer"}, headers=h).status_code == 422
    ranger = by_mail.json()["user_id"]
    assert client.delete(f"/api/projects/birds/members/{ranger}", headers=h).status_code == 204

    lead_headers = {"Authorization": f"Bearer {_token(client, 'lead@example.org')}"}
    # The server admin (creator) leaves; the lead is then the only admin and can be neither demoted nor removed.
    assert client.delete(f"/api/projects/birds/members/{users.admin.id}", headers=lead_headers).status_code == 204
    demote = client.patch(f"/api/projects/birds/members/{lead.id}", json={"role": "analyst"}, headers=lead_headers)
    assert demote.status_code == 409 and "at least one admin" in demote.json()["detail"]
    remove = client.delete(f"/api/projects/birds/members/{lead.id}", headers=lead_headers)
    assert remove.status_code == 409
    members = client.get("/api/projects/birds/members", headers=lead_headers).json()
    assert [(m["email"], m["role"]) for m in members] == [("lead@example.org", "admin")]
    # A second admin makes the demotion possible.
    helper = make_user("helper@example.org", UserRole.VIEWER, project=None)
    client.post("/api/projects/birds/members", json={"user_id": helper.id, "role": "admin"}, headers=lead_headers)
    ok = client.patch(f"/api/projects/birds/members/{lead.id}", json={"role": "viewer"}, headers=lead_headers)
    assert ok.status_code == 200 and ok.json()["role"] == "viewer"
    # Now a viewer, the lead can no longer manage members.
    assert client.get("/api/projects/birds/members", headers=lead_headers).status_code == 403
    with api_ctx.sessions() as db:
        entries = db.scalars(select(AuditLog.action).where(AuditLog.project_id == project["id"])).all()
    assert entries.count("project.member_add") == 3 and entries.count("project.member_remove") == 2 and "project.member_role" in entries


def _token(client, email: str) -> str:
    response = client.post("/api/auth/login", json={"email": email, "password": "correct-horse-battery"})
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def test_moving_a_camera_needs_admin_of_both_projects(client, users, api_ctx, seed, make_user):
    create(client, users, "north")
    create(client, users, "south")
    camera_id = seed.camera("Mover")  # in the default project
    image_id = seed.image(camera_id, None)
    boss = make_user("boss@example.org", UserRole.VIEWER, project=None)
    h = users.admin.headers
    client.post("/api/projects/default/members", json={"user_id": boss.id, "role": "admin"}, headers=h)
    client.post("/api/projects/south/members", json={"user_id": boss.id, "role": "analyst"}, headers=h)
    boss_h = {"Authorization": f"Bearer {_token(client, 'boss@example.org')}"}
    url = f"/api/projects/default/cameras/{camera_id}"

    not_member = client.put(url, json={"project": "north", "name": "Renamed"}, headers=boss_h)
    assert not_member.status_code == 404 and not_member.json() == {"detail": "project not found"}
    not_admin = client.put(url, json={"project": "south"}, headers=boss_h)
    assert not_admin.status_code == 403 and "target project" in not_admin.json()["detail"]
    with api_ctx.sessions() as db:
        camera, image = db.get(Camera, camera_id), db.get(Image, image_id)
        assert camera.name == "Mover" and camera.project_id == 1 and image.project_id == 1  # nothing half-changed

    client.post("/api/projects/south/archive", headers=h)
    archived = client.put(url, json={"project": "south"}, headers=h)
    assert archived.status_code == 409
    client.post("/api/projects/south/unarchive", headers=h)

    moved = client.put(url, json={"project": "south"}, headers=h)
    assert moved.status_code == 200, moved.text
    south_id = client.get("/api/projects/south", headers=h).json()["id"]
    with api_ctx.sessions() as db:
        assert db.get(Camera, camera_id).project_id == south_id and db.get(Image, image_id).project_id == south_id
    assert client.get(url, headers=h).status_code == 404
    listed = client.get("/api/projects/south/images", headers=h).json()
    assert [i["id"] for i in listed["items"]] == [str(image_id)]


def test_ftp_accounts_point_at_an_active_project(client, users, api_ctx):
    h = users.admin.headers
    create(client, users, "marsh")
    body = {"username": "marsh-cam", "password": "long-enough-pw-1", "project": "marsh"}
    created = client.post("/api/ftp-accounts", json=body, headers=h)
    assert created.status_code == 201 and created.json()["project"] == "marsh"
    default = client.post("/api/ftp-accounts", json={"username": "plain-cam", "password": "long-enough-pw-2"}, headers=h)
    assert default.json()["project"] == "default"

    client.post("/api/projects/marsh/archive", headers=h)
    archived = client.post("/api/ftp-accounts", json={**body, "username": "late-cam"}, headers=h)
    assert archived.status_code == 422 and "archived" in archived.json()["detail"]
    unknown = client.post("/api/ftp-accounts", json={**body, "username": "lost-cam", "project": "nowhere"}, headers=h)
    assert unknown.status_code == 422 and "no project" in unknown.json()["detail"]
    moved = client.patch(f"/api/ftp-accounts/{default.json()['id']}", json={"project": "marsh"}, headers=h)
    assert moved.status_code == 422
    names = {a["username"]: a["project"] for a in client.get("/api/ftp-accounts", headers=h).json()}
    assert names == {"marsh-cam": "marsh", "plain-cam": "default"}  # nothing half-changed


def test_geofence_countries(client, users, api_ctx):
    """A project's country geofence (issue 11, item 3): ISO alpha-3 codes, upper-cased, de-duplicated."""
    create(client, users, "lynx", name="Lynx")
    ok = client.patch("/api/projects/lynx", json={"geofence_countries": ["fra", "CHE", "FRA"]}, headers=users.admin.headers)
    assert ok.status_code == 200, ok.text
    assert ok.json()["geofence_countries"] == ["FRA", "CHE"]
    bad = client.patch("/api/projects/lynx", json={"geofence_countries": ["France"]}, headers=users.admin.headers)
    assert bad.status_code == 422 and "geofence_countries" in bad.text
    with api_ctx.sessions() as s:
        assert s.scalar(select(Project.geofence_countries).where(Project.slug == "lynx")) == ["FRA", "CHE"]
