"""The whole platform running and seeded for browser tests: services as processes, three users
(admin, analyst, viewer), demo camera sites, processed demo photos, and a fresh JPEG for the live
upload step. Used by tests/test_e2e_browser.py and by scripts/dev_stack.py."""

from __future__ import annotations

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
from tests.support.servers import REPO
from tests.support.stack import Stack

USERS = {
    "ADMIN": ("admin@e2e.example.org", "admin-pass-1234", "admin", "Ada Admin"),
    "ANALYST": ("analyst@e2e.example.org", "analyst-pass-1234", "analyst", "Ana Lyst"),
    "VIEWER": ("viewer@e2e.example.org", "viewer-pass-1234", "viewer", "Vic Viewer"),
}


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
    })
    stack = Stack(settings, work / "logs")
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

        demo = _demo_module()
        engine = make_engine(settings.database_url)
        demo.register_cameras(make_session_factory(engine))
        engine.dispose()
        files = demo.demo_files(count, seed)
        ftps_upload(stack.settings, files)
        deadline = time.time() + 180
        while time.time() < deadline:
            total = api(base, "GET", "/api/projects/default/images?limit=1&status=completed", token=token)["total"]
            if total >= len(files):
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
        }
        for key, (email, password, _, _) in USERS.items():
            env[f"{key}_EMAIL"], env[f"{key}_PASSWORD"] = email, password
        yield stack, env
    finally:
        stack.stop()
