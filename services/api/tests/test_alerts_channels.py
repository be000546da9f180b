"""Alert channels over HTTP: secrets write-only and encrypted at rest, the 422 cases (nothing stored),
admins only, and "send test" through the real channel classes to loopback HTTP and SMTP receivers."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from sqlalchemy import func, select

from addax_common.db import AuditLog
from addax_common.db.alerts import AlertChannel
from addax_common.secret_box import SecretBox
from tests.support.receivers import HttpReceiver

CHANNELS = "/api/projects/default/alerts/channels"
SECRET = "whsec-0123456789-never-shown"


def webhook(url: str, name: str = "ops hook") -> dict:
    return {"kind": "webhook", "name": name, "settings": {"url": url}, "secrets": {"signing_secret": SECRET}}


def stored(api_ctx, channel_id: int) -> AlertChannel:
    with api_ctx.sessions() as db:
        channel = db.get(AlertChannel, channel_id)
        assert channel is not None
        return channel


def test_channel_crud_secrets_write_only_and_encrypted(client, users, api_ctx, api_settings):
    h = users.admin.headers
    created = client.post(CHANNELS, headers=h, json=webhook("https://hooks.example.org/addax"))
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["secret_fields"] == ["signing_secret"] and "secrets" not in body
    assert body["settings"] == {"url": "https://hooks.example.org/addax"} and body["kind"] == "webhook"
    row = stored(api_ctx, body["id"])
    assert SECRET not in (row.secrets_encrypted or "") and SECRET not in json.dumps(row.settings)
    assert SecretBox(api_settings.alerts_secret_key).decrypt(row.secrets_encrypted) == {"signing_secret": SECRET}

    # PATCH without secrets keeps them; with secrets, only the names sent change.
    renamed = client.patch(f"{CHANNELS}/{body['id']}", headers=h, json={"name": "renamed", "enabled": False})
    assert renamed.status_code == 200 and renamed.json()["secret_fields"] == ["signing_secret"]
    assert stored(api_ctx, body["id"]).secrets_encrypted == row.secrets_encrypted
    rotated = client.patch(f"{CHANNELS}/{body['id']}", headers=h, json={"secrets": {"signing_secret": "rotated-1"}})
    assert rotated.status_code == 200, rotated.text
    assert SecretBox(api_settings.alerts_secret_key).decrypt(stored(api_ctx, body["id"]).secrets_encrypted) == {
        "signing_secret": "rotated-1"}
    # A required secret cannot be removed.
    removed = client.patch(f"{CHANNELS}/{body['id']}", headers=h, json={"secrets": {"signing_secret": None}})
    assert removed.status_code == 422 and removed.json()["detail"][0]["loc"] == ["body", "secrets", "signing_secret"]

    for response in (client.get(CHANNELS, headers=h), client.get(f"{CHANNELS}/{body['id']}", headers=h)):
        assert response.status_code == 200
        assert SECRET not in response.text and "rotated-1" not in response.text and "secrets_encrypted" not in response.text
    assert client.get(CHANNELS, headers=h).json()[0]["name"] == "renamed"

    assert client.delete(f"{CHANNELS}/{body['id']}", headers=h).status_code == 204
    assert client.get(f"{CHANNELS}/{body['id']}", headers=h).status_code == 404
    with api_ctx.sessions() as db:
        audit = list(db.scalars(select(AuditLog).where(AuditLog.resource_type == "alert_channel").order_by(AuditLog.id)))
    assert [a.action for a in audit] == [
        "alert_channel.create", "alert_channel.update", "alert_channel.update", "alert_channel.delete"]
    assert audit[0].details["secret_fields"] == ["signing_secret"]
    assert audit[2].details["changes"] == {"secrets": ["signing_secret"]}
    text = json.dumps([a.details for a in audit])
    assert SECRET not in text and "rotated-1" not in text


EMAIL = {"host": "smtp.example.org", "from_address": "alerts@park.example", "recipients": ["ranger@park.example"]}
BAD_CHANNELS = [
    ("malformed webhook URL", {"kind": "webhook", "settings": {"url": "ftp:/nowhere"},
                               "secrets": {"signing_secret": "x"}}, ["settings", "url"], "not an http(s) URL"),
    ("malformed e-mail recipient", {"kind": "email", "settings": {**EMAIL, "recipients": ["ranger-at-park"]}},
     ["settings", "recipients"], "not a valid e-mail address"),
    ("malformed sender", {"kind": "email", "settings": {**EMAIL, "from_address": "alerts"}},
     ["settings", "from_address"], "not an e-mail address"),
    ("unknown kind", {"kind": "pager", "settings": {}}, ["kind"], "Input should be"),
    ("missing secret", {"kind": "telegram", "settings": {"recipients": ["-100123"]}},
     ["secrets", "bot_token"], "is required"),
    ("unknown secret", {"kind": "email", "settings": EMAIL, "secrets": {"token": "x"}},
     ["secrets", "token"], "not a secret"),
    ("secret in settings", {"kind": "email", "settings": {**EMAIL, "password": "plain"}},
     ["settings", "password"], "is a secret"),
    ("bad phone number", {"kind": "signal", "settings": {"base_url": "http://signal:8080", "number": "+31612345678",
                                                          "recipients": ["call me"]}},
     ["settings", "recipients"], "not a valid phone number"),
]


@pytest.mark.parametrize("body,loc,message", [b[1:] for b in BAD_CHANNELS], ids=[b[0] for b in BAD_CHANNELS])
def test_bad_channels_are_422_naming_the_field_and_store_nothing(client, users, api_ctx, body, loc, message):
    response = client.post(CHANNELS, headers=users.admin.headers, json={"name": "bad", **body})
    assert response.status_code == 422, response.text
    matching = [p for p in response.json()["detail"] if p["loc"][1:] == loc]
    assert matching and any(message in p["msg"] for p in matching), response.json()
    with api_ctx.sessions() as db:
        assert db.scalar(select(func.count()).select_from(AlertChannel)) == 0


def test_channels_are_for_admins_and_scoped(client, users, http_receiver):
    h = users.admin.headers
    channel = client.post(CHANNELS, headers=h, json=webhook(http_receiver.url)).json()
    for role in ("viewer", "analyst"):
        rh = users[role].headers
        for response in (client.get(CHANNELS, headers=rh), client.get(f"{CHANNELS}/{channel['id']}", headers=rh),
                         client.post(f"{CHANNELS}/{channel['id']}/test", headers=rh)):
            assert response.status_code == 403 and "admin" in response.json()["detail"]
    assert http_receiver.requests == []
    # Server-wide channels and project channels do not see each other.
    server = client.post("/api/admin/alerts/channels", headers=h, json=webhook(http_receiver.url, "platform"))
    assert server.status_code == 201
    assert [c["id"] for c in client.get(CHANNELS, headers=h).json()] == [channel["id"]]
    assert [c["id"] for c in client.get("/api/admin/alerts/channels", headers=h).json()] == [server.json()["id"]]
    assert client.get(f"{CHANNELS}/{server.json()['id']}", headers=h).status_code == 404
    assert client.post(f"/api/admin/alerts/channels/{channel['id']}/test", headers=h).status_code == 404


def test_send_test_through_a_webhook_returns_the_receivers_answer(client, users, http_receiver):
    http_receiver.answers = [(202, {"accepted": True, "id": "evt-7"})]
    h = users.admin.headers
    channel = client.post(CHANNELS, headers=h, json=webhook(f"{http_receiver.url}/hooks/addax")).json()
    response = client.post(f"{CHANNELS}/{channel['id']}/test", headers=h)
    assert response.status_code == 200, response.text
    assert response.json() == {"ok": True, "results": [{
        "recipient": "", "ok": True, "status": "sent", "error": None,
        "receipt": {"provider_id": None, "status_code": 202, "accepted": True, "id": "evt-7"}}]}

    [request] = http_receiver.requests
    assert (request.method, request.path) == ("POST", "/hooks/addax")
    timestamp = request.headers["x-addax-timestamp"]
    expected = "sha256=" + hmac.new(SECRET.encode(), f"{timestamp}.".encode() + request.body, hashlib.sha256).hexdigest()
    assert request.headers["x-addax-signature"] == expected
    assert request.headers["idempotency-key"].startswith("test-")
    sent = request.json()
    assert sent["type"] == "alert_fired" and sent["alert"]["kind"] == "test"
    assert "test notification" in sent["subject"].lower() and "ops hook" in sent["text"]


def test_send_test_reports_a_refusal_with_200(client, users):
    receiver = HttpReceiver(answers=[(401, {"error": "bad token"})])
    try:
        channel = client.post(CHANNELS, headers=users.admin.headers, json={
            "kind": "whatsapp", "name": "rangers", "secrets": {"access_token": "wa-token-1"},
            "settings": {"base_url": receiver.url, "phone_number_id": "1055", "recipients": ["+31612345678"]}}).json()
        response = client.post(f"{CHANNELS}/{channel['id']}/test", headers=users.admin.headers)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["ok"] is False
        [result] = body["results"]
        assert (result["recipient"], result["ok"], result["status"], result["receipt"]) == (
            "+31612345678", False, "failed", None)
        assert "HTTP 401" in result["error"] and "bad token" in result["error"]
        [request] = receiver.requests
        assert request.path == "/v21.0/1055/messages"
        assert request.headers["authorization"] == "Bearer wa-token-1"
        assert request.json()["to"] == "31612345678" and request.json()["type"] == "text"
    finally:
        receiver.close()


def test_send_test_by_email_reaches_every_recipient(client, users, smtp_receiver):
    recipients = ["ranger@park.example", "warden@park.example"]
    channel = client.post(CHANNELS, headers=users.admin.headers, json={
        "kind": "email", "name": "rangers by mail", "settings": {
            "host": "127.0.0.1", "port": smtp_receiver.port, "security": "starttls",
            "from_address": "alerts@park.example", "recipients": recipients,
            "ca_file": str(smtp_receiver.cert_file)}})
    assert channel.status_code == 201, channel.text
    response = client.post(f"{CHANNELS}/{channel.json()['id']}/test", headers=users.admin.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ok"] is True
    assert sorted(r["recipient"] for r in body["results"]) == recipients
    assert all(r["status"] == "sent" and r["receipt"]["status_code"] == 250 for r in body["results"])
    assert sorted(m.rcpt_tos[0] for m in smtp_receiver.messages) == recipients
    for message in smtp_receiver.messages:
        assert message.tls and message.mail_from == "alerts@park.example"
        assert "test notification" in message.message["Subject"].lower()
        assert message.message.get_body(preferencelist=("plain",)) is not None
        assert message.message.get_body(preferencelist=("html",)) is not None
    receipts = {r["receipt"]["provider_id"] for r in body["results"]}
    assert receipts == {m.message["Message-ID"] for m in smtp_receiver.messages} and len(receipts) == 2


def test_send_test_to_an_unreachable_receiver_fails_fast(client, users, api_settings):
    from tests.support.servers import free_port

    channel = client.post(CHANNELS, headers=users.admin.headers,
                          json=webhook(f"http://127.0.0.1:{free_port()}/gone")).json()
    response = client.post(f"{CHANNELS}/{channel['id']}/test", headers=users.admin.headers)
    assert response.status_code == 200
    [result] = response.json()["results"]
    assert result["status"] == "failed" and "ConnectError" in result["error"]
