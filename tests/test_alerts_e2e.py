"""Alerts end to end (issue 9): photos uploaded over FTPS to the real ingestion service, detected and
classified by the test models (the wolf's swatch classifies as "wolf"), evaluated and delivered by
the real alerts service to loopback SMTP (STARTTLS) and HTTP receivers; a daily report file with a
low battery, parsed by ingestion, raises one battery alert; an approval through the real API fires the
"only human-verified" rule that could not match at completion."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from addax_alerts.scheduler import Scheduler
from addax_common.context import ServiceContext, make_context
from addax_common.db import (
    AlertDelivery,
    AlertEvaluation,
    AlertLog,
    CameraStatus,
    DeliveryStatus,
    Image,
    ImageStatus,
    LogKind,
    RuleKind,
    TriggerMode,
)
from addax_models.camera_exif import CameraExif
from addax_models.synthetic import AnimalSpec, make_scene
from tests.support import alert_seed as seed
from tests.support.alert_seed import scheduler_runs
from tests.support.e2e import api
from tests.support.pipeline import ftps_upload
from tests.support.receivers import HttpReceiver, SmtpReceiver
from tests.support.stack import Stack, wait_until

pytestmark = pytest.mark.slow

INSIDE = ("Sheep fold", "ALERT-A", 5.80, 52.10)  # name, serial, lon, lat: inside the drawn area
OUTSIDE = ("Far meadow", "ALERT-B", 6.40, 52.45)
RECIPIENTS = ["ranger@park.example", "warden@park.example"]
ADMIN = ("admin@alerts-e2e.example.org", "admin-pass-1234-alerts")


def wolf_photo(camera: tuple[str, str, float, float], seed_number: int) -> bytes:
    _name, serial, lon, lat = camera
    exif = CameraExif(captured_at=datetime.now(UTC).replace(microsecond=0), serial=serial,
                      latitude=lat, longitude=lon)
    return make_scene(seed_number, animals=[AnimalSpec("wolf", 0.5, 0.55, 0.24, 0.32)], exif=exif).jpeg


@pytest.fixture
def receivers(tmp_path: Path) -> Iterator[tuple[SmtpReceiver, HttpReceiver]]:
    smtp, http = SmtpReceiver(tmp_path), HttpReceiver()
    yield smtp, http
    smtp.close()
    http.close()


@pytest.fixture
def platform(model_settings, tmp_path: Path) -> Iterator[tuple[Stack, ServiceContext]]:
    settings = model_settings.model_copy(update={
        "ftps_accounts": "trailcam:s3cret-pass-1234",
        "alerts_scheduler_interval_seconds": 0.5,
        "alerts_delivery_backoff_seconds": 0.5,
        "alerts_channel_timeout_seconds": 5.0,
        "admin_email": ADMIN[0],
        "admin_password": ADMIN[1],
        "cookie_secure": False,
    })
    stack = Stack(settings, tmp_path / "logs")
    ctx = make_context(stack.settings)
    try:
        yield stack, ctx
    finally:
        stack.stop()
        ctx.close()


def settled(ctx: ServiceContext, evaluated: int) -> bool:
    """`evaluated` images evaluated and no delivery still pending."""
    with ctx.sessions() as session:
        done = session.scalar(select(func.count()).select_from(AlertEvaluation))
        pending = session.scalar(select(func.count()).where(AlertDelivery.status == DeliveryStatus.PENDING))
    return done == evaluated and pending == 0


def image_id(ctx: ServiceContext, filename: str) -> str:
    with ctx.sessions() as session:
        return str(session.scalar(select(Image.id).where(Image.original_filename == filename)))


@pytest.mark.timeout(300)
def test_uploads_fire_each_rule_once_per_recipient_with_cooldown_digest_area_battery_and_review(
        platform: tuple[Stack, ServiceContext], receivers: tuple[SmtpReceiver, HttpReceiver]) -> None:
    stack, ctx = platform
    smtp, http = receivers
    digest_at = (datetime.now(UTC) + timedelta(hours=12)).strftime("%H:%M")  # far from now: the service's
    with ctx.sessions.begin() as session:                                    # own scheduler sends no digest
        inside = seed.camera(session, INSIDE[0], lon=INSIDE[2], lat=INSIDE[3])
        outside = seed.camera(session, OUTSIDE[0], lon=OUTSIDE[2], lat=OUTSIDE[3])
        inside.serial_number, outside.serial_number = INSIDE[1], OUTSIDE[1]
        mail = seed.channel(ctx, session, "email", {
            "host": "127.0.0.1", "port": smtp.port, "security": "starttls", "from_address": "alerts@park.example",
            "recipients": RECIPIENTS, "ca_file": str(smtp.cert_file)}, name="rangers")
        hooks = {name: seed.webhook(ctx, session, http, name)
                 for name in ("immediate", "digest", "area", "battery", "verified")}
        seed.rule(session, [mail, hooks["immediate"]], {"species": ["wolf"], "camera_ids": [inside.id]},
                  name="Wolf at the sheep fold", cooldown_minutes=60)
        digest = seed.rule(session, [hooks["digest"]], {"species": ["wolf"], "camera_ids": [inside.id]},
                           name="Wolves today", mode=TriggerMode.DIGEST_DAILY, digest_time=digest_at)
        area = seed.rule(session, [hooks["area"]], {"species": ["wolf"]}, name="Wolves in the reserve",
                         area=seed.square(INSIDE[2], INSIDE[3], half=0.05))
        seed.rule(session, [hooks["battery"]], {"battery_below": 20}, kind=RuleKind.CAMERA_HEALTH, name="Battery low")
        verified = seed.rule(session, [hooks["verified"]], {"species": ["wolf"], "verified_only": True},
                             name="Verified wolves")
        outside_id, digest_id, area_id, verified_id = outside.id, digest.id, area.id, verified.id
    stack.start("ingestion", "detection", "classification", "alerts", "api")

    def requests_to(name: str) -> list[dict]:
        return [r.json() for r in http.requests if r.path == f"/{name}"]

    # 1. A wolf at the sheep fold: one e-mail per recipient, one webhook call, and the area rule.
    ftps_upload(stack.settings, [("wolf-1.jpg", wolf_photo(INSIDE, 101))])
    wait_until(lambda: settled(ctx, 1) and len(smtp.messages) == 2, timeout=120, what="first wolf notified")
    first = image_id(ctx, "wolf-1.jpg")
    assert sorted(m.rcpt_tos[0] for m in smtp.messages) == RECIPIENTS
    assert all(len(m.rcpt_tos) == 1 and m.tls for m in smtp.messages)
    message = smtp.messages[0].message
    assert message["Subject"].startswith("[AddaxAI] Wolf at the sheep fold: 1 x wolf at Sheep fold")
    assert any(part.get_content_type() == "image/jpeg" for part in message.walk()), "thumbnail attached"
    assert [r["alert"]["image_id"] for r in requests_to("immediate")] == [first]

    # 2. A second wolf there inside the cooldown, and one at a camera outside the area.
    ftps_upload(stack.settings, [("wolf-2.jpg", wolf_photo(INSIDE, 102)), ("wolf-far.jpg", wolf_photo(OUTSIDE, 103))])
    wait_until(lambda: settled(ctx, 3), timeout=120, what="three images evaluated and delivered")
    second, far = image_id(ctx, "wolf-2.jpg"), image_id(ctx, "wolf-far.jpg")
    assert len(smtp.messages) == 2 and len(requests_to("immediate")) == 1, "the cooldown holds the second wolf"
    assert sorted(r["alert"]["image_id"] for r in requests_to("area")) == sorted([first, second])
    with ctx.sessions() as session:
        statuses = {str(i): s for i, s in session.execute(select(Image.id, Image.status))}
        assert statuses == {first: ImageStatus.COMPLETED, second: ImageStatus.COMPLETED, far: ImageStatus.COMPLETED}
        fired_far = session.scalar(select(func.count()).where(AlertLog.image_id == far))
        assert fired_far == 0, "the camera outside the polygon matches no rule (and nothing is verified yet)"

    # 3. The digest (its step, run as the scheduler would at the next digest moment): one message
    # listing both wolves; running it again sends nothing.
    when = datetime.now(UTC) + timedelta(hours=12, minutes=2)
    assert Scheduler(ctx, owner="e2e-test").send_digests(when) == 1
    assert Scheduler(ctx, owner="e2e-test").send_digests(when) == 0
    wait_until(lambda: requests_to("digest"), timeout=30, what="the digest delivered")
    [sent] = requests_to("digest")
    assert sent["alert"]["kind"] == "digest"
    assert sorted(item["image_id"] for item in sent["alert"]["items"]) == sorted([first, second])
    assert "2 alerts since the last digest" in sent["subject"]

    # 4. A daily report with a low battery, parsed by ingestion: one battery alert, also after a
    # second low report the same day and further scheduler runs.
    report = f"Serial: {OUTSIDE[1]}\nBattery: 12%\nSD Card: 40%\nTemperature: 14C\n".encode()
    ftps_upload(stack.settings, [("DailyReport_1.txt", report)])
    wait_until(lambda: requests_to("battery"), timeout=60, what="the battery alert")
    ftps_upload(stack.settings, [("DailyReport_2.txt", report.replace(b"12%", b"11%"))])

    def readings() -> int:
        with ctx.sessions() as session:
            return int(session.scalar(select(func.count()).where(CameraStatus.camera_id == outside_id,
                                                                 CameraStatus.source == "report")) or 0)

    wait_until(lambda: readings() == 2, timeout=60, what="the second report parsed")
    port = stack.metrics_ports["alerts"]
    runs = scheduler_runs(port, "camera_health")
    wait_until(lambda: scheduler_runs(port, "camera_health") >= runs + 2, timeout=30, what="two more health checks")
    [battery] = requests_to("battery")
    assert battery["alert"]["kind"] == "health" and battery["alert"]["camera_name"] == OUTSIDE[0]
    assert battery["alert"]["reason"] == "battery at 12% (below 20%)"

    # 5. Nothing was verified at completion; an analyst approves the far wolf through the API.
    assert requests_to("verified") == []
    token = api(stack.api_url, "POST", "/api/auth/login", {"email": ADMIN[0], "password": ADMIN[1]})["access_token"]
    api(stack.api_url, "POST", f"/api/projects/default/images/{far}/approve", token=token)
    wait_until(lambda: requests_to("verified"), timeout=30, what="the verified-only rule notified")
    [verified_alert] = requests_to("verified")
    assert verified_alert["alert"]["image_id"] == far and verified_alert["alert"]["camera_name"] == OUTSIDE[0]

    with ctx.sessions() as session:
        fired = Counter((rule_id, kind) for rule_id, kind in session.execute(select(AlertLog.rule_id, AlertLog.kind)))
        assert fired[(digest_id, LogKind.MATCH)] == 2 and fired[(digest_id, LogKind.DIGEST)] == 1
        assert fired[(area_id, LogKind.MATCH)] == 2
        assert fired[(verified_id, LogKind.MATCH)] == 1
        assert sum(fired.values()) == 1 + 2 + 1 + 2 + 1 + 1  # immediate, digest items, digest, area, battery, verified

    def unsent() -> int:
        with ctx.sessions() as session:
            return int(session.scalar(select(func.count()).where(AlertDelivery.status != DeliveryStatus.SENT)) or 0)

    # A receiver has the message before the worker records the delivery as sent (the row is updated
    # after the receiver answers), so the last delivery may still read `pending` for a moment.
    wait_until(lambda: unsent() == 0, timeout=30, what="every delivery recorded as sent")
