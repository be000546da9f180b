"""Alert history over HTTP: filters, newest first, delivery counts and the delivery listing of one
alert, read by every member and scoped to the project. Alerts and deliveries are seeded through the
models, as the alerts worker writes them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from addax_common.db import Project
from addax_common.db.alerts import (
    AlertChannel,
    AlertDelivery,
    AlertLog,
    AlertRule,
    ChannelKind,
    DeliveryStatus,
    LogKind,
    RuleKind,
)

HISTORY = "/api/projects/default/alerts/history"


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


@dataclass
class World:
    wolves: int
    health: int
    gate: int
    ridge: int
    mail: int
    hook: int
    alerts: dict[str, int]
    image: uuid.UUID


@pytest.fixture
def world(api_ctx, seed) -> World:
    """Default project: a wolf alert at the gate (1 sent, 1 failed), a fox + wolf alert at the ridge (pending),
    a battery alert at the ridge (sent); and an alert of another project that must never show."""
    gate, ridge = seed.camera("Gate", lat=52.0, lon=5.0), seed.camera("Ridge", lat=52.1, lon=5.1)
    image = seed.image(gate, at(1))
    with api_ctx.sessions() as db:
        default = db.scalar(select(Project.id).where(Project.slug == "default"))
        other = Project(slug="other", name="Other")
        db.add(other)
        db.flush()
        mail = AlertChannel(project_id=default, kind=ChannelKind.EMAIL, name="rangers", settings={})
        hook = AlertChannel(project_id=default, kind=ChannelKind.WEBHOOK, name="ops hook", settings={})
        wolves = AlertRule(project_id=default, name="wolves", kind=RuleKind.SPECIES, conditions={})
        health = AlertRule(project_id=default, name="battery", kind=RuleKind.CAMERA_HEALTH, conditions={})
        foreign = AlertRule(project_id=other.id, name="foreign", kind=RuleKind.SPECIES, conditions={})
        db.add_all([mail, hook, wolves, health, foreign])
        db.flush()

        def fire(rule: AlertRule, camera: int | None, when: datetime, species: list[str], key: str,
                 kind: LogKind = LogKind.MATCH, image_id: uuid.UUID | None = None) -> AlertLog:
            log = AlertLog(rule_id=rule.id, project_id=rule.project_id, kind=kind, dedup_key=key, camera_id=camera,
                           image_id=image_id, reason=f"{', '.join(species) or 'battery'} matched", fired_at=when,
                           payload={"rule_name": rule.name, "species": [{"label": s, "count": 1} for s in species]})
            db.add(log)
            db.flush()
            return log

        def deliver(log: AlertLog, channel: AlertChannel, recipient: str, status: DeliveryStatus,
                    error: str | None = None) -> None:
            db.add(AlertDelivery(alert_log_id=log.id, channel_id=channel.id, recipient=recipient, status=status,
                                 attempts=0 if status is DeliveryStatus.PENDING else 2, last_error=error,
                                 idempotency_key=uuid.uuid4().hex,
                                 sent_at=at(1, 13) if status is DeliveryStatus.SENT else None))

        wolf = fire(wolves, gate, at(1), ["wolf"], "image:1", image_id=image)
        deliver(wolf, mail, "ranger@park.example", DeliveryStatus.SENT)
        deliver(wolf, hook, "", DeliveryStatus.FAILED, "webhook: HTTP 500: down")
        mixed = fire(wolves, ridge, at(3), ["red fox", "wolf"], "image:2")
        deliver(mixed, mail, "ranger@park.example", DeliveryStatus.PENDING)
        battery = fire(health, ridge, at(2), [], "battery:ridge:1", kind=LogKind.HEALTH)
        deliver(battery, mail, "ranger@park.example", DeliveryStatus.SENT)
        outside = fire(foreign, None, at(4), ["wolf"], "image:3")
        db.commit()
        return World(wolves=wolves.id, health=health.id, gate=gate, ridge=ridge, mail=mail.id, hook=hook.id,
                     alerts={"wolf": wolf.id, "mixed": mixed.id, "battery": battery.id, "outside": outside.id},
                     image=image)


def ids(client, headers, **params) -> list[int]:
    response = client.get(HISTORY, headers=headers, params=params)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_history_lists_newest_first_with_delivery_counts(client, users, world):
    response = client.get(HISTORY, headers=users.viewer.headers)
    assert response.status_code == 200, response.text
    page = response.json()
    a = world.alerts
    assert [i["id"] for i in page["items"]] == [a["mixed"], a["battery"], a["wolf"]]
    assert (page["total"], page["page"], page["pages"]) == (3, 1, 1)
    wolf = page["items"][2]
    assert wolf == {
        "id": a["wolf"], "rule_id": world.wolves, "rule_name": "wolves", "kind": "match", "camera_id": world.gate,
        "camera_name": "Gate", "image_id": str(world.image), "reason": "wolf matched", "species": ["wolf"],
        "fired_at": "2026-11-01T12:00:00Z", "deliveries": {"sent": 1, "failed": 1, "pending": 0}}
    assert page["items"][0]["species"] == ["red fox", "wolf"]
    assert page["items"][0]["deliveries"] == {"sent": 0, "failed": 0, "pending": 1}


def test_rules_say_when_they_last_fired(client, api_ctx, users, world):
    with api_ctx.sessions() as db:
        default = db.scalar(select(Project.id).where(Project.slug == "default"))
        quiet = AlertRule(project_id=default, name="quiet", kind=RuleKind.SPECIES, conditions={})
        db.add(quiet)
        db.commit()
        quiet_id = quiet.id
    rules = client.get("/api/projects/default/alerts/rules", headers=users.viewer.headers)
    assert rules.status_code == 200, rules.text
    last = {rule["id"]: rule["last_fired_at"] for rule in rules.json()}
    # The newest of each rule's alerts (the wolves rule fired on day 1 and day 3); another project's
    # alerts do not count, and a rule that never fired says so.
    assert last == {world.wolves: "2026-11-03T12:00:00Z", world.health: "2026-11-02T12:00:00Z", quiet_id: None}
    one = client.get(f"/api/projects/default/alerts/rules/{world.wolves}", headers=users.viewer.headers)
    assert one.json()["last_fired_at"] == "2026-11-03T12:00:00Z"


def test_history_filters(client, users, world):
    h, a = users.analyst.headers, world.alerts
    assert ids(client, h, rule_id=world.wolves) == [a["mixed"], a["wolf"]]
    assert ids(client, h, camera_id=world.ridge) == [a["mixed"], a["battery"]]
    assert ids(client, h, species="wolf") == [a["mixed"], a["wolf"]]
    assert ids(client, h, species="Red Fox") == [a["mixed"]]
    assert ids(client, h, status="failed") == [a["wolf"]]
    assert ids(client, h, status="sent") == [a["battery"], a["wolf"]]
    assert ids(client, h, status="pending") == [a["mixed"]]
    assert ids(client, h, date_from="2026-11-02", date_to="2026-11-02") == [a["battery"]]
    assert ids(client, h, date_from="2026-11-02T00:00:00Z") == [a["mixed"], a["battery"]]
    assert ids(client, h, rule_id=world.wolves, camera_id=world.ridge, status="pending") == [a["mixed"]]
    assert ids(client, h, species="lynx") == []
    paged = client.get(HISTORY, headers=h, params={"limit": 2, "page": 2}).json()
    assert [i["id"] for i in paged["items"]] == [a["wolf"]] and (paged["total"], paged["pages"]) == (3, 2)
    assert client.get(HISTORY, headers=h, params={"status": "lost"}).status_code == 422
    assert client.get(HISTORY, headers=h, params={"date_from": "yesterday"}).status_code == 422


def test_alert_detail_lists_every_delivery(client, users, world):
    response = client.get(f"{HISTORY}/{world.alerts['wolf']}", headers=users.viewer.headers)
    assert response.status_code == 200, response.text
    detail = response.json()
    assert detail["rule_name"] == "wolves" and detail["camera_name"] == "Gate"
    assert detail["delivery_counts"] == {"sent": 1, "failed": 1, "pending": 0}
    assert detail["payload"]["species"] == [{"label": "wolf", "count": 1}]
    sent, failed = detail["deliveries"]
    assert sent == {"id": sent["id"], "channel_id": world.mail, "channel_name": "rangers", "channel_kind": "email",
                    "recipient": "ranger@park.example", "status": "sent", "attempts": 2, "last_error": None,
                    "sent_at": "2026-11-01T13:00:00Z"}
    assert (failed["channel_kind"], failed["recipient"], failed["status"], failed["last_error"], failed["sent_at"]) == (
        "webhook", "", "failed", "webhook: HTTP 500: down", None)


def test_history_of_another_project_is_not_found(client, users, world):
    h = users.admin.headers  # a server admin sees every project, but only through the project's own path
    assert client.get(f"{HISTORY}/{world.alerts['outside']}", headers=h).status_code == 404
    assert world.alerts["outside"] not in ids(client, h)
    other = client.get("/api/projects/other/alerts/history", headers=h).json()
    assert [i["id"] for i in other["items"]] == [world.alerts["outside"]]
    # A member of the default project only: the other project does not exist for them.
    response = client.get("/api/projects/other/alerts/history", headers=users.viewer.headers)
    assert (response.status_code, response.json()) == (404, {"detail": "project not found"})
