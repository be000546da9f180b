"""Alert rules over HTTP: species groups, CRUD with an area and channels, the 422 cases (nothing
stored), project scoping, and the server admins' system-health rules."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from addax_api.security import create_access_token
from addax_common.db import AuditLog, ProjectMember, UserRole
from addax_common.db.alerts import AlertRule

RULES = "/api/projects/default/alerts/rules"
SQUARE = {"type": "Polygon", "coordinates": [[[5.0, 52.0], [5.2, 52.0], [5.2, 52.2], [5.0, 52.2], [5.0, 52.0]]]}
WOLVES = {"name": "wolves at night", "kind": "species",
          "conditions": {"groups": ["large carnivores"], "species": ["red fox"], "min_confidence": 0.7,
                         "time_start": "20:00", "time_end": "23:30", "days": ["mon", "sat"]},
          "cooldown_minutes": 30}


def webhook_channel(client, headers, project: str = "default", name: str = "ops hook") -> int:
    base = f"/api/projects/{project}/alerts" if project else "/api/admin/alerts"
    response = client.post(f"{base}/channels", headers=headers, json={
        "kind": "webhook", "name": name, "settings": {"url": "http://127.0.0.1:9/hook"},
        "secrets": {"signing_secret": "s3cret-signing-key"}})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def rule_count(api_ctx) -> int:
    with api_ctx.sessions() as db:
        return int(db.scalar(select(func.count()).select_from(AlertRule)) or 0)


def test_species_groups_for_any_member(client, users):
    body = client.get("/api/projects/default/alerts/groups", headers=users.viewer.headers).json()
    groups = {g["name"]: g for g in body["groups"]}
    assert "wolf" in groups["large carnivores"]["species"] and groups["large carnivores"]["label"] == "Large carnivores"
    assert groups["people"]["species"] == ["person"]
    assert {"wolf", "person", "red fox"} <= set(body["labels"]) and body["labels"] == sorted(body["labels"])


def test_rule_crud_with_area_channels_and_audit(client, users, api_ctx, seed):
    h = users.admin.headers
    channel = webhook_channel(client, h)
    camera = seed.camera("North gate", lat=52.1, lon=5.1)
    created = client.post(RULES, headers=h, json={
        **WOLVES, "area": SQUARE, "channel_ids": [channel], "mode": "digest_daily", "digest_time": "07:00",
        "timezone": "Europe/Amsterdam", "conditions": {**WOLVES["conditions"], "camera_ids": [camera]}})
    assert created.status_code == 201, created.text
    rule = created.json()
    assert rule["area"] == SQUARE and rule["channel_ids"] == [channel]
    assert (rule["mode"], rule["digest_time"], rule["timezone"], rule["cooldown_minutes"]) == (
        "digest_daily", "07:00", "Europe/Amsterdam", 30)
    assert rule["conditions"]["groups"] == ["large carnivores"] and rule["enabled"] is True
    assert rule["created_at"] and "id" in rule

    # Members read the list and a rule; only admins change them.
    listed = client.get(RULES, headers=users.viewer.headers)
    assert [r["id"] for r in listed.json()] == [rule["id"]]
    assert client.get(f"{RULES}/{rule['id']}", headers=users.analyst.headers).json() == rule

    changed = client.patch(f"{RULES}/{rule['id']}", headers=h,
                           json={"cooldown_minutes": 0, "area": None, "enabled": False, "channel_ids": []})
    assert changed.status_code == 200, changed.text
    after = changed.json()
    assert (after["cooldown_minutes"], after["area"], after["enabled"], after["channel_ids"]) == (0, None, False, [])
    assert after["name"] == WOLVES["name"] and after["conditions"] == rule["conditions"]

    assert client.delete(f"{RULES}/{rule['id']}", headers=h).status_code == 204
    assert client.get(f"{RULES}/{rule['id']}", headers=h).status_code == 404
    with api_ctx.sessions() as db:
        audit = {row.action: row for row in db.scalars(select(AuditLog).where(AuditLog.resource_type == "alert_rule"))}
    assert set(audit) == {"alert_rule.create", "alert_rule.update", "alert_rule.delete"}
    assert audit["alert_rule.create"].project_id is not None and audit["alert_rule.create"].details["area"] is True
    assert audit["alert_rule.update"].details["changes"]["cooldown_minutes"] == [30, 0]
    assert audit["alert_rule.update"].details["changes"]["area"] == "removed"


def _poly(*points: list[float]) -> dict:
    return {"type": "Polygon", "coordinates": [list(points)]}


BAD_RULES = [
    ("self-intersecting area", {"area": _poly([0, 0], [2, 2], [2, 0], [0, 1], [0, 0])}, ["area"], "crosses itself"),
    ("unclosed area", {"area": _poly([0, 0], [1, 0], [1, 1], [0, 1])}, ["area"], "not closed"),
    ("area under 3 points", {"area": _poly([0, 0], [1, 0], [0, 0], [0, 0])}, ["area"], "no area"),
    ("area too few positions", {"area": _poly([0, 0], [1, 0], [0, 0])}, ["area"], "at least 4"),
    ("area out of range", {"area": _poly([0, 0], [181, 0], [181, 1], [0, 0])}, ["area"], "outside"),
    ("unknown species", {"conditions": {"species": ["unicorn"]}}, ["conditions", "species"], "unknown species"),
    ("unknown group", {"conditions": {"groups": ["dragons"]}}, ["conditions", "groups"], "unknown species group"),
    ("window across midnight", {"conditions": {"species": ["wolf"], "time_start": "22:00", "time_end": "05:00"}},
     ["conditions", "time_end"], "ends before it starts"),
    ("empty window", {"conditions": {"species": ["wolf"], "time_start": "05:00", "time_end": "05:00"}},
     ["conditions", "time_end"], "ends before it starts"),
    ("malformed time", {"conditions": {"species": ["wolf"], "time_start": "25:00", "time_end": "26:00"}},
     ["conditions", "time_start"], "HH:MM"),
    ("negative cooldown", {"cooldown_minutes": -1}, ["cooldown_minutes"], "greater than or equal to 0"),
    ("unknown time zone", {"timezone": "Mars/Olympus"}, ["timezone"], "unknown time zone"),
    ("daily digest without a time", {"mode": "digest_daily"}, ["digest_time"], "needs digest_time"),
    ("system rule in a project", {"kind": "system"}, ["kind"], "species, camera_health, camera_silent"),
    ("health rule without a check", {"kind": "camera_health", "conditions": {}}, ["conditions"], "battery_below"),
    ("unknown channel", {"channel_ids": [999999]}, ["channel_ids"], "no channel [999999] in this project"),
    ("camera of no project", {"conditions": {"species": ["wolf"], "camera_ids": [999999]}},
     ["conditions", "camera_ids"], "no camera [999999]"),
]


@pytest.mark.parametrize("change,loc,message", [b[1:] for b in BAD_RULES], ids=[b[0] for b in BAD_RULES])
def test_bad_rules_are_422_naming_the_field_and_store_nothing(client, users, api_ctx, change, loc, message):
    body = {"name": "bad", "kind": "species", "conditions": {"species": ["wolf"]}} | change
    response = client.post(RULES, headers=users.admin.headers, json=body)
    assert response.status_code == 422, response.text
    problems = response.json()["detail"]
    matching = [p for p in problems if p["loc"][1:] == loc]
    assert matching, problems
    assert any(message in p["msg"] for p in matching), problems
    assert rule_count(api_ctx) == 0


def test_patch_that_breaks_a_rule_changes_nothing(client, users):
    h = users.admin.headers
    rule = client.post(RULES, headers=h, json=WOLVES).json()
    response = client.patch(f"{RULES}/{rule['id']}", headers=h,
                            json={"name": "renamed", "conditions": {"species": ["unicorn"]}})
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "conditions", "species"]
    assert client.patch(f"{RULES}/{rule['id']}", headers=h, json={"name": None}).status_code == 422
    assert client.get(f"{RULES}/{rule['id']}", headers=h).json() == rule


def test_rules_are_scoped_to_their_project(client, users, api_ctx, api_settings, make_user):
    h = users.admin.headers
    rule = client.post(RULES, headers=h, json=WOLVES).json()
    assert client.post("/api/projects", json={"slug": "bravo", "name": "Bravo"}, headers=h).status_code == 201
    bravo_admin = make_user("bravo-admin@example.org", UserRole.VIEWER, project=None)
    with api_ctx.sessions() as db:
        bravo_id = db.scalar(select(func.max(ProjectMember.project_id)))
        db.add(ProjectMember(project_id=bravo_id, user_id=bravo_admin.id, role=UserRole.ADMIN))
        db.commit()
    bh = {"Authorization": f"Bearer {create_access_token(api_settings, bravo_admin)}"}
    # Not a member of the default project: it does not exist for them.
    assert client.get(RULES, headers=bh).json() == {"detail": "project not found"}
    # Through their own project, the default project's rule does not exist either.
    bravo_rules = "/api/projects/bravo/alerts/rules"
    assert client.get(f"{bravo_rules}/{rule['id']}", headers=bh).status_code == 404
    assert client.patch(f"{bravo_rules}/{rule['id']}", headers=bh, json={"name": "x"}).status_code == 404
    assert client.delete(f"{bravo_rules}/{rule['id']}", headers=bh).status_code == 404
    assert client.get(bravo_rules, headers=bh).json() == []
    # A channel of another project cannot be attached.
    bravo_channel = webhook_channel(client, bh, project="bravo")
    response = client.patch(f"{RULES}/{rule['id']}", headers=h, json={"channel_ids": [bravo_channel]})
    assert response.status_code == 422 and "in this project" in response.json()["detail"][0]["msg"]
    # Viewers and analysts read, never write.
    for role in ("viewer", "analyst"):
        denied = client.post(RULES, headers=users[role].headers, json=WOLVES)
        assert denied.status_code == 403 and "admin" in denied.json()["detail"]
        assert client.delete(f"{RULES}/{rule['id']}", headers=users[role].headers).status_code == 403
    assert rule_count(api_ctx) == 1


def test_system_rules_belong_to_the_server_admins(client, users, api_ctx):
    h = users.admin.headers
    channel = webhook_channel(client, h, project="")
    created = client.post("/api/admin/alerts/rules", headers=h, json={
        "name": "platform down", "kind": "system", "conditions": {}, "channel_ids": [channel]})
    assert created.status_code == 201, created.text
    assert created.json()["channel_ids"] == [channel]
    with api_ctx.sessions() as db:
        assert db.get(AlertRule, created.json()["id"]).project_id is None
    assert client.get(RULES, headers=h).json() == []  # not a project's rule
    assert [r["id"] for r in client.get("/api/admin/alerts/rules", headers=h).json()] == [created.json()["id"]]
    assert client.get(f"{RULES}/{created.json()['id']}", headers=h).status_code == 404
    # Project kinds and project channels are refused server-wide, and a server channel in a project.
    project_channel = webhook_channel(client, h)
    refused = client.post("/api/admin/alerts/rules", headers=h, json={
        "name": "x", "kind": "species", "conditions": {"species": ["wolf"]}, "channel_ids": [project_channel],
        "area": SQUARE})
    assert refused.status_code == 422
    assert {tuple(p["loc"][1:]) for p in refused.json()["detail"]} >= {("kind",), ("channel_ids",)}
    refused = client.post(RULES, headers=h, json={**WOLVES, "channel_ids": [channel]})
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["body", "channel_ids"]
