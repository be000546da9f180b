"""The Alertmanager webhook over real HTTP: authentication, bad bodies, one alert log per alert and
status, resends that fire nothing, and the built-in system rule's deliveries."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from addax_alerts.webhook import WebhookServer
from addax_common.context import ServiceContext
from addax_common.db import AlertChannel, AlertDelivery, AlertLog, AlertRule, LogKind, RuleKind
from addax_common.secret_box import SecretBox
from tests.support.alert_seed import count, drain
from tests.support.receivers import HttpReceiver
from tests.support.servers import free_port

STARTS = "2026-11-29T22:10:03.123456789Z"


def am_alert(status: str = "firing", fingerprint: str = "5f1c0a9e2b7d4c31", starts: str = STARTS) -> dict[str, Any]:
    return {
        "status": status,
        "labels": {"alertname": "ServiceDown", "job": "detection", "severity": "critical"},
        "annotations": {"summary": "detection is down"},
        "startsAt": starts,
        "endsAt": "2026-11-29T22:20:00Z" if status == "resolved" else "0001-01-01T00:00:00Z",
        "generatorURL": "http://prometheus:9090/graph?g0.expr=up+%3D%3D+0",
        "fingerprint": fingerprint,
    }


def payload(*alerts: dict[str, Any]) -> dict[str, Any]:
    return {"version": "4", "groupKey": "{}:{alertname=\"ServiceDown\"}", "truncatedAlerts": 0,
            "status": alerts[0]["status"], "receiver": "addax", "groupLabels": {"alertname": "ServiceDown"},
            "commonLabels": {}, "commonAnnotations": {}, "externalURL": "http://alertmanager:9093",
            "alerts": list(alerts)}


@pytest.fixture
def server(actx: ServiceContext) -> Iterator[WebhookServer]:
    running = WebhookServer(actx, free_port(), host="127.0.0.1").start()
    yield running
    running.stop()


def post(server: WebhookServer, body: object, token: str | None, raw: bytes | None = None,
         path: str = "/alertmanager") -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    url = f"http://127.0.0.1:{server.port}{path}"
    if raw is not None:
        return httpx.post(url, content=raw, headers=headers | {"Content-Type": "application/json"}, timeout=10)
    return httpx.post(url, json=body, headers=headers, timeout=10)


def server_wide_hook(actx: ServiceContext, receiver: HttpReceiver) -> None:
    with actx.sessions.begin() as session:
        session.add(AlertChannel(project_id=None, kind="webhook", name="ops hook", settings={"url": f"{receiver.url}/ops"},
                                 secrets_encrypted=SecretBox(actx.settings.alerts_secret_key).encrypt({"signing_secret": "s"})))


def test_requests_without_the_token_or_with_a_bad_body_store_nothing(actx: ServiceContext,
                                                                    server: WebhookServer) -> None:
    token = actx.settings.alertmanager_webhook_token
    for given in (None, "wrong-token", token + "x", token[:-1]):
        answer = post(server, payload(am_alert()), given)
        assert answer.status_code == 401 and answer.headers["www-authenticate"] == "Bearer"
        assert answer.json() == {"detail": "missing or wrong bearer token"}
    answer = httpx.post(f"http://127.0.0.1:{server.port}/alertmanager", json=payload(am_alert()), timeout=10,
                        headers={"Authorization": f"Basic {token}"})
    assert answer.status_code == 401

    assert post(server, None, token, raw=b"{not json").status_code == 400
    assert post(server, None, token, raw=b"[1, 2]").json()["detail"].startswith("the body must be a JSON object")

    old = payload(am_alert()) | {"version": "3"}
    answer = post(server, old, token)
    assert answer.status_code == 422 and answer.json()["detail"][0]["field"] == "version"
    broken = payload(am_alert(), am_alert() | {"status": "pending"}, am_alert() | {"fingerprint": ""})
    fields = [error["field"] for error in post(server, broken, token).json()["detail"]]
    assert fields == ["alerts.1.status", "alerts.2.fingerprint"]
    assert post(server, payload(am_alert()) | {"alerts": []}, token).status_code == 422

    assert post(server, payload(am_alert()), token, path="/other").status_code == 404
    got = httpx.get(f"http://127.0.0.1:{server.port}/alertmanager", timeout=10)
    assert got.status_code == 405 and got.headers["allow"] == "POST"
    assert count(actx, AlertLog) == 0 and count(actx, AlertRule) == 0


def test_each_alert_and_status_logs_once_and_reaches_the_server_wide_channel(
        actx: ServiceContext, server: WebhookServer, http_receiver: HttpReceiver) -> None:
    server_wide_hook(actx, http_receiver)
    token = actx.settings.alertmanager_webhook_token
    first = post(server, payload(am_alert()), token)
    assert first.status_code == 200 and first.json()["received"] == 1 and len(first.json()["alert_ids"]) == 1
    # Alertmanager resends the group (repeat_interval, a retry): nothing new.
    again = post(server, payload(am_alert()), token)
    assert again.status_code == 200 and again.json()["alert_ids"] == []
    # Resolved, and the same alert firing again later (a new startsAt), each log once.
    later = am_alert(starts="2026-11-30T01:00:00Z")
    assert len(post(server, payload(am_alert("resolved"), later), token).json()["alert_ids"]) == 2
    assert post(server, payload(am_alert("resolved"), later), token).json()["alert_ids"] == []
    drain(actx)

    with actx.sessions() as session:
        rule = session.scalars(select(AlertRule)).one()
        assert (rule.kind, rule.project_id, rule.name) == (RuleKind.SYSTEM, None, "System health")
        assert [c.name for c in rule.channels] == ["ops hook"]
        logs = session.scalars(select(AlertLog).order_by(AlertLog.id)).all()
        assert [(log.kind, log.payload["status"]) for log in logs] == [
            (LogKind.SYSTEM, "firing"), (LogKind.SYSTEM, "resolved"), (LogKind.SYSTEM, "firing")]
        assert logs[0].reason == "FIRING: ServiceDown - detection is down"
        assert logs[0].payload["labels"]["job"] == "detection" and logs[0].camera_id is None
        assert session.scalar(select(AlertDelivery.status).where(AlertDelivery.alert_log_id == logs[0].id)).value == "sent"
    assert [r.path for r in http_receiver.requests] == ["/ops"] * 3
    body = http_receiver.requests[0].json()
    assert body["subject"].startswith("[AddaxAI] System health: FIRING: ServiceDown - detection is down (")
    assert body["alert"]["kind"] == "system" and body["alert"]["severity"] == "critical"
    assert "Camera:" not in body["text"]
    with actx.sessions() as session:
        assert session.scalar(select(AlertRule.id).where(AlertRule.kind == RuleKind.SYSTEM)) == rule.id  # one rule


def test_a_switched_off_system_rule_records_nothing(actx: ServiceContext, server: WebhookServer) -> None:
    with actx.sessions.begin() as session:
        session.add(AlertRule(project_id=None, name="System health", kind=RuleKind.SYSTEM, enabled=False))
    answer = post(server, payload(am_alert()), actx.settings.alertmanager_webhook_token)
    assert answer.status_code == 200 and answer.json() == {"received": 1, "alert_ids": []}
    assert count(actx, AlertLog) == 0 and count(actx, AlertRule) == 1
