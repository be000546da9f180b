"""Each channel against a real receiver on loopback: the request shape of its public API."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from addax_common.alerts.channels import PermanentError, RetryableError, make_channel
from addax_common.alerts.errors import AlertValidationError
from addax_common.alerts.render import Notification, render
from tests.support.alert_seed import jpeg
from tests.support.receivers import HttpReceiver, SmtpReceiver

THUMB = jpeg((200, 30, 30))


def notification(thumbnail: bytes | None = THUMB) -> Notification:
    payload = {"rule_name": "wolves", "camera_name": "north gate", "image_id": "8d9c7a1e-0000-4000-8000-000000000001",
               "species": [{"label": "wolf", "count": 2}], "local_time": "2026-11-29 03:12 Europe/Amsterdam",
               "captured_at": "2026-11-29T02:12:00+00:00", "location": {"lat": 52.1, "lon": 5.2}}
    return render(alert_id=41, kind="match", reason="2 x wolf (confidence 0.91) matches rule 'wolves'", payload=payload,
                  fired_at=datetime(2026, 11, 29, 2, 12, 5, tzinfo=UTC), idempotency_key="k" * 64, thumbnail=thumbnail,
                  base_url="https://addax.example.org")


def test_email_starttls_multipart_with_inline_thumbnail(smtp_receiver: SmtpReceiver) -> None:
    channel = make_channel("email", {
        "host": "127.0.0.1", "port": smtp_receiver.port, "security": "starttls", "from_address": "alerts@park.example",
        "recipients": ["ranger@park.example", "boss@park.example"], "ca_file": str(smtp_receiver.cert_file),
        "thumbnail": "inline"}, {})
    receipt = channel.send(notification(), "ranger@park.example")

    assert len(smtp_receiver.messages) == 1
    got = smtp_receiver.messages[0]
    assert got.tls, "the message must travel after STARTTLS"
    assert got.rcpt_tos == ["ranger@park.example"]
    assert got.mail_from == "alerts@park.example"
    msg = got.message
    assert msg["Subject"] == "[AddaxAI] wolves: 2 x wolf at north gate (2026-11-29 03:12 Europe/Amsterdam)"
    assert msg["Message-ID"] == f"<{'k' * 64}@park.example>" == receipt.provider_id
    text = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    assert text is not None and "Camera: north gate" in text.get_content()
    assert "https://addax.example.org/images/8d9c7a1e" in text.get_content()
    assert html is not None and "cid:thumbnail" in html.get_content() and "<h2>" in html.get_content()
    images = [part for part in msg.walk() if part.get_content_type() == "image/jpeg"]
    assert len(images) == 1 and images[0].get_content() == THUMB
    assert images[0]["Content-ID"] == "<thumbnail>"


def test_email_implicit_tls_with_attachment(tmp_path: Path) -> None:
    receiver = SmtpReceiver(tmp_path, implicit_tls=True)
    try:
        channel = make_channel("email", {
            "host": "127.0.0.1", "port": receiver.port, "security": "tls", "from_address": "alerts@park.example",
            "recipients": ["ranger@park.example"], "ca_file": str(receiver.cert_file), "thumbnail": "attachment"}, {})
        channel.send(notification(), "ranger@park.example")
        msg = receiver.messages[0].message
        attachments = list(msg.iter_attachments())
        assert [a.get_filename() for a in attachments] == ["8d9c7a1e-0000-4000-8000-000000000001.jpg"]
        assert attachments[0].get_content() == THUMB
        html = msg.get_body(preferencelist=("html",))
        assert html is not None and "cid:thumbnail" not in html.get_content()
    finally:
        receiver.close()


def test_email_untrusted_certificate_is_retryable(smtp_receiver: SmtpReceiver) -> None:
    channel = make_channel("email", {"host": "127.0.0.1", "port": smtp_receiver.port, "from_address": "a@b.example",
                                     "recipients": ["c@d.example"]}, {})
    with pytest.raises(RetryableError, match="CERTIFICATE_VERIFY_FAILED|certificate"):
        channel.send(notification(), "c@d.example")
    assert smtp_receiver.messages == []


def test_signal_rest_v2_send(http_receiver: HttpReceiver) -> None:
    http_receiver.answers = [(201, {"timestamp": "1732848725000"})]
    channel = make_channel("signal", {"base_url": http_receiver.url, "number": "+31600000001",
                                      "recipients": ["+31600000002"]}, {})
    receipt = channel.send(notification(), "+31600000002")
    request = http_receiver.requests[0]
    assert (request.method, request.path) == ("POST", "/v2/send")
    assert request.headers["content-type"] == "application/json"
    body = request.json()
    assert body["number"] == "+31600000001" and body["recipients"] == ["+31600000002"]
    assert body["message"].startswith("2 x wolf at north gate")
    prefix = "data:image/jpeg;filename=8d9c7a1e-0000-4000-8000-000000000001.jpg;base64,"
    assert body["base64_attachments"][0].startswith(prefix)
    assert base64.b64decode(body["base64_attachments"][0][len(prefix):]) == THUMB
    assert receipt.provider_id == "1732848725000"


def test_whatsapp_cloud_api_text_and_template(http_receiver: HttpReceiver) -> None:
    http_receiver.answers = [(200, {"messaging_product": "whatsapp", "messages": [{"id": "wamid.ABC"}]})]
    settings = {"base_url": http_receiver.url, "api_version": "v21.0", "phone_number_id": "1234567890",
                "recipients": ["+31600000003"]}
    receipt = make_channel("whatsapp", settings, {"access_token": "EAAG-secret"}).send(notification(), "+31600000003")
    request = http_receiver.requests[0]
    assert request.path == "/v21.0/1234567890/messages"
    assert request.headers["authorization"] == "Bearer EAAG-secret"
    body = request.json()
    assert body["messaging_product"] == "whatsapp" and body["to"] == "31600000003" and body["type"] == "text"
    assert body["text"]["body"].startswith("2 x wolf at north gate")
    assert receipt.provider_id == "wamid.ABC"

    settings["template"] = "wildlife_alert"
    make_channel("whatsapp", settings, {"access_token": "EAAG-secret"}).send(notification(), "+31600000003")
    template = http_receiver.requests[1].json()
    assert template["type"] == "template" and template["template"]["name"] == "wildlife_alert"
    assert template["template"]["language"] == {"code": "en"}
    assert template["template"]["components"][0]["parameters"][0]["text"].startswith("[AddaxAI] wolves")


def test_telegram_send_photo_with_caption(http_receiver: HttpReceiver) -> None:
    http_receiver.answers = [(200, {"ok": True, "result": {"message_id": 77}})]
    channel = make_channel("telegram", {"base_url": http_receiver.url, "recipients": ["-1001234567890"]},
                           {"bot_token": "123456:ABC-secret"})
    receipt = channel.send(notification(), "-1001234567890")
    request = http_receiver.requests[0]
    assert request.path == "/bot123456:ABC-secret/sendPhoto"
    assert request.headers["content-type"].startswith("multipart/form-data")
    assert b'name="chat_id"\r\n\r\n-1001234567890' in request.body
    assert b'name="caption"\r\n\r\n2 x wolf at north gate' in request.body
    assert b'name="photo"; filename="8d9c7a1e-0000-4000-8000-000000000001.jpg"' in request.body
    assert THUMB in request.body
    assert receipt.provider_id == "77"

    channel.send(notification(thumbnail=None), "-1001234567890")
    assert http_receiver.requests[1].path == "/bot123456:ABC-secret/sendMessage"
    assert http_receiver.requests[1].json()["chat_id"] == "-1001234567890"


def test_telegram_refusal_is_permanent_and_hides_the_token(http_receiver: HttpReceiver) -> None:
    http_receiver.answers = [(400, {"ok": False, "description": "Bad Request: chat not found"})]
    channel = make_channel("telegram", {"base_url": http_receiver.url, "recipients": ["42"]},
                           {"bot_token": "123456:ABC-secret"})
    with pytest.raises(PermanentError) as caught:
        channel.send(notification(), "42")
    assert "chat not found" in str(caught.value) and "ABC-secret" not in str(caught.value)


def test_earthranger_event(http_receiver: HttpReceiver) -> None:
    http_receiver.answers = [(201, {"data": {"id": "e-5"}, "status": {"code": 201}})]
    channel = make_channel("earthranger", {"base_url": http_receiver.url, "event_type": "wildlife_sighting_rep",
                                           "priority": 300}, {"token": "er-secret"})
    receipt = channel.send(notification(), "")
    request = http_receiver.requests[0]
    assert request.path == "/api/v1.0/activity/events"
    assert request.headers["authorization"] == "Bearer er-secret"
    event = request.json()
    assert event["event_type"] == "wildlife_sighting_rep" and event["priority"] == 300
    assert event["time"] == "2026-11-29T02:12:00+00:00"
    assert event["location"] == {"latitude": 52.1, "longitude": 5.2}
    assert event["event_details"]["species"] == "wolf" and event["event_details"]["numberanimals"] == 2
    assert event["event_details"]["camera"] == "north gate"
    assert receipt.provider_id == "e-5"


def test_webhook_signed_with_timestamp_and_idempotency_key(http_receiver: HttpReceiver) -> None:
    channel = make_channel("webhook", {"url": f"{http_receiver.url}/hooks/addax"}, {"signing_secret": "whsec"})
    before = int(time.time())
    channel.send(notification(), "")
    request = http_receiver.requests[0]
    assert (request.method, request.path) == ("POST", "/hooks/addax")
    timestamp = request.headers["x-addax-timestamp"]
    assert before <= int(timestamp) <= time.time() + 1
    expected = hmac.new(b"whsec", timestamp.encode() + b"." + request.body, hashlib.sha256).hexdigest()
    assert request.headers["x-addax-signature"] == f"sha256={expected}"
    assert request.headers["idempotency-key"] == "k" * 64
    body = request.json()
    assert body["type"] == "alert_fired" and body["alert"]["alert_id"] == 41
    assert body["alert"]["species"] == [{"label": "wolf", "count": 2}]


@pytest.mark.parametrize(("status", "error"), [(500, RetryableError), (503, RetryableError), (429, RetryableError),
                                               (404, PermanentError), (401, PermanentError)])
def test_http_status_maps_to_retryable_or_permanent(http_receiver: HttpReceiver, status: int,
                                                    error: type[Exception]) -> None:
    http_receiver.answers = [(status, {"error": "x"})]
    channel = make_channel("webhook", {"url": http_receiver.url}, {"signing_secret": "s"})
    with pytest.raises(error, match=f"HTTP {status}"):
        channel.send(notification(), "")


def test_unreachable_receiver_is_retryable() -> None:
    from tests.support.servers import free_port

    channel = make_channel("webhook", {"url": f"http://127.0.0.1:{free_port()}/"}, {"signing_secret": "s"})
    with pytest.raises(RetryableError):
        channel.send(notification(), "")


@pytest.mark.parametrize(("kind", "settings", "field"), [
    ("webhook", {"url": "not a url"}, "url"),
    ("webhook", {"url": "ftp://host/x"}, "url"),
    ("email", {"host": "smtp.example", "from_address": "alerts@", "recipients": ["a@b.example"]}, "from_address"),
    ("email", {"host": "smtp.example", "from_address": "a@b.example", "recipients": ["nobody"]}, "recipients"),
    ("signal", {"base_url": "http://signal:8080", "number": "+31600000001", "recipients": ["12ab"]}, "recipients"),
    ("earthranger", {"base_url": "https://er.example", "priority": 7}, "priority"),
    ("pager", {}, "kind"),
])
def test_malformed_channel_settings_are_refused(kind: str, settings: dict[str, object], field: str) -> None:
    with pytest.raises(AlertValidationError) as caught:
        make_channel(kind, settings, {})
    assert field in [name for name, _ in caught.value.errors]


def test_channel_repr_never_shows_secrets() -> None:
    channel = make_channel("webhook", {"url": "https://hooks.example/x"}, {"signing_secret": "top-secret-value"})
    assert "top-secret-value" not in repr(channel)
