"""The whole platform running and seeded for browser tests: services as processes (the alerts worker
too), three users (admin, analyst, viewer), demo camera sites, processed demo photos, a fresh JPEG
for the live upload step and a loopback HTTP receiver for alert webhooks. Used by
tests/test_e2e_browser.py and by scripts/dev_stack.py."""

from __future__ import annotations

import ftplib
import importlib.util
import json
import random
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from addax_common.db import make_engine, make_session_factory
from addax_common.settings import Settings
from addax_models.camera_exif import CameraExif
from addax_models.synthetic import make_scene, random_animals
from tests.support.pipeline import ftps_upload
from tests.support.receivers import HttpReceiver
from tests.support.servers import REPO
from tests.support.stack import Stack

USERS = {
    "ADMIN": ("admin@e2e.example.org", "admin-pass-1234", "admin", "Ada Admin"),
    "ANALYST": ("analyst@e2e.example.org", "analyst-pass-1234", "analyst", "Ana Lyst"),
    "VIEWER": ("viewer@e2e.example.org", "viewer-pass-1234", "viewer", "Vic Viewer"),
}


# A second project with its own camera, FTP account and photos, and the viewer as a member of both,
# so the browser suite can switch projects and check that nothing of one shows in the other.
SECOND_PROJECT = "wetland"
WETLAND_CAMERA = ("Reed bed hide", "WET-0001", 52.3702, 4.8952)


def _seed_second_project(stack: Stack, base: str, token: str, count: int = 4) -> int:
    """Creates the project, its camera and upload account, uploads `count` photos through that account
    and adds the viewer; returns how many images to wait for."""
    body = {"slug": SECOND_PROJECT, "name": "Wetland birds", "timezone": "Europe/Amsterdam",
            "description": "Reed bed and shore cameras"}
    api(base, "POST", "/api/projects", body, token)
    name, serial, lat, lon = WETLAND_CAMERA
    camera = {"name": name, "serial_number": serial, "location": {"lat": lat, "lon": lon}, "site": "Wetland"}
    created = api(base, "POST", f"/api/projects/{SECOND_PROJECT}/cameras", camera, token)
    # A deployment covering the photos (2026-05-01..04): the ecology statistics have survey effort, 6 trap-days.
    deployment = {"camera_id": created["id"], "start_at": "2026-04-30T00:00:00Z", "end_at": "2026-05-06T00:00:00Z",
                  "location": {"lat": lat, "lon": lon}, "location_name": "Reed bed north", "timezone": "Europe/Amsterdam"}
    api(base, "POST", f"/api/projects/{SECOND_PROJECT}/deployments", deployment, token)
    login = ("marsh", "marsh-pass-1234-abcd")
    account = {"username": login[0], "password": login[1], "project": SECOND_PROJECT}
    api(base, "POST", "/api/ftp-accounts", account, token)
    viewer = next(u for u in api(base, "GET", "/api/users", token=token) if u["email"] == USERS["VIEWER"][0])
    api(base, "POST", f"/api/projects/{SECOND_PROJECT}/members", {"user_id": viewer["id"], "role": "viewer"}, token)
    rng = random.Random(7)
    files = []
    for i in range(count):
        exif = CameraExif(captured_at=datetime(2026, 5, 1 + i, 6, 30, tzinfo=UTC), serial=serial, latitude=lat, longitude=lon)
        files.append((f"wetland-{i}.jpg", make_scene(900 + i, animals=random_animals(rng, 1), exif=exif).jpeg))
    deadline = time.time() + 60  # dashboard FTP accounts reach the FTP server within seconds
    while True:
        try:
            ftps_upload(stack.settings, files, login=login)
            return count
        except ftplib.error_perm:
            if time.time() > deadline:
                raise
            time.sleep(1)


def _demo_module():
    spec = importlib.util.spec_from_file_location("demo_upload", REPO / "scripts/demo_upload.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def api(base: str, method: str, path: str, body=None, token: str | None = None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, method=method, data=data)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


@contextmanager
def seeded_stack(settings: Settings, work: Path, count: int = 24, seed: int = 11) -> Iterator[tuple[Stack, dict[str, str]]]:
    admin_email, admin_password, _, _ = USERS["ADMIN"]
    settings = settings.model_copy(update={
        "ftps_accounts": "trailcam:trailcam-pass-1234",
        "cookie_secure": False,  # plain http on localhost
        "admin_email": admin_email,
        "admin_password": admin_password,
        # The browser suite makes ~180 API calls a minute from one address.
        "rate_limit_per_minute": 100000,
        "frontend_dist_dir": REPO / "services/frontend/dist",
        # The Models page lists the catalog models found here: the demo models the workers run.
        "models_dir": settings.detector_model_path.parent,
    })
    stack = Stack(settings, work / "logs")
    # Alert webhooks (the channel "send test" and fired alerts) land here; its answer is what the
    # dashboard shows as the receiver's reply.
    receiver = HttpReceiver(answers=[(200, {"ok": True, "receiver": "addax-e2e-webhook"})])
    try:
        stack.start()
        base = stack.api_url
        token = api(base, "POST", "/api/auth/login", {"email": admin_email, "password": admin_password})["access_token"]
        for key in ("ANALYST", "VIEWER"):
            email, password, role, name = USERS[key]
            body = {"email": email, "password": password, "role": role, "full_name": name}
            created = api(base, "POST", "/api/users", body, token)
            member = {"user_id": created["id"], "role": role}
            api(base, "POST", "/api/projects/default/members", member, token)

        second = _seed_second_project(stack, base, token)

        demo = _demo_module()
        engine = make_engine(settings.database_url)
        demo.register_cameras(make_session_factory(engine))
        engine.dispose()
        files = demo.demo_files(count, seed)
        ftps_upload(stack.settings, files)
        deadline = time.time() + 180
        while time.time() < deadline:
            total = api(base, "GET", "/api/projects/default/images?limit=1&status=completed", token=token)["total"]
            done = api(base, "GET", f"/api/projects/{SECOND_PROJECT}/images?limit=1&status=completed", token=token)["total"]
            if total >= len(files) and done >= second:
                break
            time.sleep(1)

        _name, serial, lat, lon = demo.DEMO_CAMERAS[0]
        scene = make_scene(
            4242, animals=random_animals(random.Random(4242), 2),
            exif=CameraExif(captured_at=datetime.now(UTC).replace(microsecond=0), serial=serial, latitude=lat, longitude=lon),
        )
        upload_image = work / "live-upload.jpg"
        upload_image.write_bytes(scene.jpeg)
        user, password, _ = stack.settings.ftps_account_list()[0]
        env = {
            "BASE_URL": base,
            "FTPS_HOST": "127.0.0.1",
            "FTPS_PORT": str(stack.settings.ftps_port),
            "FTPS_USER": user,
            "FTPS_PASSWORD": password,
            "E2E_UPLOAD_IMAGE": str(upload_image),
            "E2E_SEEDED_IMAGES": str(total),
            "E2E_SECOND_PROJECT": SECOND_PROJECT,
            "E2E_ALERT_WEBHOOK_URL": f"{receiver.url}/alerts",
            "E2E_UPLOAD_CAMERA": _name,
        }
        for key, (email, password, _, _) in USERS.items():
            env[f"{key}_EMAIL"], env[f"{key}_PASSWORD"] = email, password
        yield stack, env
    finally:
        stack.stop()
        receiver.close()
