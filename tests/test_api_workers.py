"""The API in several worker processes (API_WORKERS): one port, one admin, metrics summed over the
processes, and a run-time setting changed through one process seen by every other at once."""

from __future__ import annotations

import hashlib
import urllib.request
import uuid
from datetime import UTC, datetime

import psutil
import pytest

from addax_common.context import make_context
from addax_common.db import Image, User
from tests.support.e2e import api
from tests.support.stack import Stack, wait_until

pytestmark = pytest.mark.slow

ADMIN = ("admin@api-workers.example.org", "admin-pass-1234-workers")


@pytest.fixture
def stack(settings, tmp_path):
    settings = settings.model_copy(update={
        "api_workers": 2, "admin_email": ADMIN[0], "admin_password": ADMIN[1], "cookie_secure": False,
        "rate_limit_per_minute": 0, "runtime_settings_ttl_seconds": 600.0,  # only the event can refresh it in time
    })
    running = Stack(settings, tmp_path / "logs").start("api")
    yield running
    running.stop()


def metric(text: str, line_start: str) -> float:
    values = [float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(line_start)]
    return sum(values)


def test_two_worker_processes_share_one_port_one_admin_and_their_metrics(stack):
    children = psutil.Process(stack.pid("api")).children(recursive=True)
    workers = [p for p in children if "spawn_main" in " ".join(p.cmdline())]  # not the resource tracker
    assert len(workers) == 2, [p.cmdline() for p in children]
    ctx = make_context(stack.settings)
    try:
        with ctx.sessions() as db:
            assert db.query(User).filter(User.email == ADMIN[0]).count() == 1  # both bootstrapped it, once
    finally:
        ctx.close()
    assert "admin_bootstrap_failed" not in stack.logs("api")

    token = api(stack.api_url, "POST", "/api/auth/login", {"email": ADMIN[0], "password": ADMIN[1]})["access_token"]
    for _ in range(30):
        api(stack.api_url, "GET", "/api/projects/default/images", token=token)
    def scrape() -> str:
        return urllib.request.urlopen(f"{stack.api_url}/metrics", timeout=10).read().decode()

    def served(text: str) -> float:
        return metric(text, 'addax_api_requests_total{method="GET",route="/api/projects/{slug}/images",status="200"}')

    # A request is counted once its answer is sent, so the last one may be counted a moment after the
    # client has it.
    wait_until(lambda: served(scrape()) >= 30, timeout=10, what="30 requests counted")
    text = scrape()
    assert served(text) == 30  # whichever process answered each one
    assert "addax_queue_depth" in text and "addax_api_live_clients" in text


def test_a_runtime_setting_changed_through_one_process_reaches_the_other_at_once(stack):
    ctx = make_context(stack.settings)
    image_id = uuid.uuid4()
    try:
        with ctx.sessions() as db:
            db.add(Image(
                id=image_id, project_id=1, original_filename="one.jpg", sha256=hashlib.sha256(image_id.bytes).hexdigest(),
                file_size=10, mime_type="image/jpeg", width=640, height=480, storage_key=f"x/{image_id}.jpg",
                status="completed", review_status="unreviewed", received_at=datetime(2024, 5, 1, tzinfo=UTC),
            ))
            db.commit()
    finally:
        ctx.close()
    token = api(stack.api_url, "POST", "/api/auth/login", {"email": ADMIN[0], "password": ADMIN[1]})["access_token"]
    detail = f"/api/projects/default/images/{image_id}"

    def thresholds() -> set[float]:
        return {api(stack.api_url, "GET", detail, token=token)["display_threshold"] for _ in range(12)}

    before = thresholds()
    assert len(before) == 1
    new = 0.77 if before != {0.77} else 0.66
    api(stack.api_url, "PUT", "/api/models/settings", {"detection_classify_threshold": new}, token=token)
    # The event reaches the other process's hub within milliseconds; its TTL (600 s) never would.
    wait_until(lambda: thresholds() == {new}, timeout=5, what="both processes showing the new threshold")
