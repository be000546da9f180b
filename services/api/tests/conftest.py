"""Fixtures of the API tests: an app on the run's test database and Redis prefix, users of every
role with tokens, and a seeder that writes cameras, images, detections and classifications."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlalchemy import select

import addax_api.security as security
import addax_common.passwords as passwords
from addax_api.main import create_app
from addax_api.response_cache import data_version_key
from addax_common.context import ServiceContext, make_context
from addax_common.db import (
    DEFAULT_PROJECT_SLUG,
    Camera,
    CameraStatus,
    Classification,
    Detection,
    Image,
    Project,
    ProjectMember,
    User,
    UserRole,
)
from addax_common.settings import Settings
from addax_common.storage import BUCKET_CROPS, BUCKET_RAW, BUCKET_THUMBNAILS, thumbnail_key

# Cheap argon2 parameters for tests: hashing at production cost for every user of every test would
# take seconds on a small machine. The production hasher is checked in test_auth.py.
FAST_HASHER = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),))
PASSWORD = "correct-horse-battery"
PASSWORD_HASH = FAST_HASHER.hash(PASSWORD)
ADMIN_EMAIL = "admin@example.org"
ADMIN_PASSWORD = "admin-password-1"
JPEG = b"\xff\xd8\xff\xe0" + b"0" * 64 + b"\xff\xd9"
T0 = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch):
    # The hasher lives in addax_common.passwords (shared with ingestion's FTP accounts).
    monkeypatch.setattr(passwords, "password_hasher", FAST_HASHER)


@pytest.fixture(autouse=True)
def short_websocket_auth_wait(monkeypatch):
    # A client without a token gets this long to send {"type": "auth"}; 10 s in production.
    import addax_api.live.router as live_router

    monkeypatch.setattr(live_router, "AUTH_TIMEOUT", 0.3)


@pytest.fixture
def api_settings(settings: Settings, tmp_path) -> Settings:
    return settings.model_copy(
        update=dict(
            jwt_secret="test-jwt-secret-0123456789abcdef0123456789",
            media_url_secret="test-media-secret-0123456789abcdef01234",
            rate_limit_per_minute=0,
            frontend_dist_dir=tmp_path / "no-frontend",
            admin_email=ADMIN_EMAIL,
            admin_password=ADMIN_PASSWORD,
            stats_cache_seconds=300,
            detection_classify_threshold=0.2,
            login_max_attempts=5,
            login_lockout_seconds=900,
        )
    )


@pytest.fixture
def api_ctx(api_settings: Settings) -> Iterator[ServiceContext]:
    context = make_context(api_settings)
    context.storage.ensure_buckets()
    yield context
    context.close()


@pytest.fixture
def app(api_settings, api_ctx):
    return create_app(api_settings, ctx=api_ctx)


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app, client=("203.0.113.7", 50000)) as test_client:
        yield test_client


@dataclass
class Identity:
    user: User
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    @property
    def id(self) -> int:
        return self.user.id


@dataclass
class Users:
    admin: Identity
    analyst: Identity
    viewer: Identity

    def __getitem__(self, role: str) -> Identity:
        return getattr(self, role)


def add_user(
    ctx: ServiceContext, email: str, role: UserRole, active: bool = True, project: str | None = DEFAULT_PROJECT_SLUG
) -> User:
    """A user with this server role, and (unless project is None) the same role in that project."""
    with ctx.sessions() as db:
        user = User(email=email, role=role, password_hash=PASSWORD_HASH, full_name=email.split("@")[0], is_active=active)
        db.add(user)
        db.flush()
        if project is not None:
            project_id = db.scalar(select(Project.id).where(Project.slug == project))
            db.add(ProjectMember(project_id=project_id, user_id=user.id, role=role))
        db.commit()
        return user


@pytest.fixture
def users(client, api_ctx, api_settings) -> Users:
    """The bootstrap admin (created at startup) plus an analyst and a viewer, each with an access token."""
    with api_ctx.sessions() as db:
        admin = db.scalars(select(User).where(User.email == ADMIN_EMAIL)).one()
    analyst = add_user(api_ctx, "analyst@example.org", UserRole.ANALYST)
    viewer = add_user(api_ctx, "viewer@example.org", UserRole.VIEWER)
    token = lambda u: security.create_access_token(api_settings, u)  # noqa: E731
    return Users(Identity(admin, token(admin)), Identity(analyst, token(analyst)), Identity(viewer, token(viewer)))


class Seeder:
    """Writes rows the way the pipeline would, with storage objects for thumbnails, crops and originals."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def changed(self) -> None:
        """What the pipeline's event does through the live hub: the API's cached gallery answers are stale."""
        self.ctx.redis.incr(data_version_key(self.ctx.settings))

    def camera(self, name: str, lat: float | None = None, lon: float | None = None, **values: Any) -> int:
        from geoalchemy2.elements import WKTElement

        with self.ctx.sessions() as db:
            camera = Camera(name=name, is_assigned=values.pop("is_assigned", True), **values)
            if lat is not None:
                camera.location = WKTElement(f"POINT({lon} {lat})", srid=4326)
            db.add(camera)
            db.commit()
            self.changed()
            return camera.id

    def status(self, camera_id: int, reported_at: datetime, **values: Any) -> None:
        with self.ctx.sessions() as db:
            db.add(CameraStatus(camera_id=camera_id, reported_at=reported_at, source=values.pop("source", "report"), **values))
            db.commit()
            self.changed()

    def image(
        self,
        camera_id: int | None = None,
        captured_at: datetime | None = None,
        received_at: datetime | None = None,
        status: str = "completed",
        review_status: str = "unreviewed",
        detections: list[tuple] = (),
        thumbnail: bool = True,
        **values: Any,
    ) -> uuid.UUID:
        """detections: (category, confidence, [(label, score), ...] machine top-k, human label or None)."""
        image_id = uuid.uuid4()
        received = received_at or (captured_at + timedelta(minutes=5) if captured_at else T0)
        storage = self.ctx.storage
        raw_key = f"{camera_id or 'unassigned'}/2024/05/01/{image_id}.jpg"
        storage.put(BUCKET_RAW, raw_key, JPEG)
        thumb = None
        if thumbnail:
            thumb = thumbnail_key(image_id)
            storage.put(BUCKET_THUMBNAILS, thumb, JPEG)
        with self.ctx.sessions() as db:
            image = Image(
                id=image_id,
                camera_id=camera_id,
                original_filename=values.pop("original_filename", f"IMG_{image_id.hex[:6]}.JPG"),
                sha256=hashlib.sha256(image_id.bytes).hexdigest(),
                file_size=len(JPEG),
                mime_type="image/jpeg",
                width=1920,
                height=1080,
                storage_key=raw_key,
                thumbnail_key=thumb,
                status=status,
                review_status=review_status,
                captured_at=captured_at,
                exif_captured_at=captured_at,
                received_at=received,
                completed_at=values.pop("completed_at", received + timedelta(seconds=30) if status == "completed" else None),
                **values,
            )
            db.add(image)
            db.flush()
            for index, (category, confidence, labels, *rest) in enumerate(detections):
                crop = f"{image_id}_{index}.jpg"
                storage.put(BUCKET_CROPS, crop, JPEG)
                detection = Detection(
                    image_id=image_id,
                    index=index,
                    category=category,
                    confidence=confidence,
                    bbox_x=0.1,
                    bbox_y=0.2,
                    bbox_w=0.3,
                    bbox_h=0.4,
                    crop_key=crop,
                    model_name="test-detector",
                )
                db.add(detection)
                db.flush()
                for rank, (label, score) in enumerate(labels, start=1):
                    db.add(
                        Classification(
                            detection_id=detection.id, image_id=image_id, label=label, score=score, rank=rank,
                            model_name="test-classifier", source="machine",
                        )
                    )
                human = rest[0] if rest else None
                if human:
                    db.add(
                        Classification(
                            detection_id=detection.id, image_id=image_id, label=human, score=1.0, rank=1,
                            model_name="human", source="human",
                        )
                    )
            db.commit()
            self.changed()
        return image_id

    def detection_ids(self, image_id: uuid.UUID) -> list[int]:
        with self.ctx.sessions() as db:
            return list(db.scalars(select(Detection.id).where(Detection.image_id == image_id).order_by(Detection.index)))


@pytest.fixture
def seed(api_ctx) -> Seeder:
    return Seeder(api_ctx)


@pytest.fixture
def make_user(api_ctx):
    """make_user(email, role, active=True, project="default") -> User, with the password PASSWORD and
    the same role in `project` (None: no project)."""

    def make(email: str, role: UserRole | str, active: bool = True, project: str | None = DEFAULT_PROJECT_SLUG) -> User:
        return add_user(api_ctx, email, UserRole(role), active, project)

    return make


@pytest.fixture
def creds() -> dict[str, str]:
    return {"admin_email": ADMIN_EMAIL, "admin_password": ADMIN_PASSWORD, "password": PASSWORD}


A, B, C = "Alpha", "Bravo", "Charlie"


def at(day: int, hour: int = 0, minute: int = 0, second: int = 0, month: int = 5) -> datetime:
    return datetime(2024, month, day, hour, minute, second, tzinfo=UTC)


@pytest.fixture
def gallery(seed):
    """Ten images on three cameras (and one without a camera), several species, dates and states.

    Newest first by capture time (receive time when there is no EXIF time):
    i10, i8, i7, i5, i6, i3, i4, i2, i1, i9
    """
    cam = {
        A: seed.camera(A, lat=52.0, lon=5.0),
        B: seed.camera(B, lat=-1.5, lon=36.8),
        C: seed.camera(C, is_assigned=False),
    }
    img = {}
    img["i1"] = seed.image(cam[A], at(1, 6), detections=[("animal", 0.95, [("red deer", 0.9), ("roe deer", 0.05)])])
    img["i2"] = seed.image(
        cam[A], at(1, 18), review_status="approved",
        detections=[("animal", 0.80, [("wild boar", 0.7)]), ("person", 0.15, [])],
    )
    img["i3"] = seed.image(
        cam[A], at(2, 12), review_status="flagged", detections=[("animal", 0.60, [("red deer", 0.6)], "roe deer")]
    )
    img["i4"] = seed.image(
        cam[B], at(2, 9),
        detections=[
            ("animal", 0.99, [("zebra", 0.97), ("wildebeest", 0.01), ("impala", 0.01), ("eland", 0.005), ("kudu", 0.005)]),
            ("animal", 0.90, [("zebra", 0.92)]),
            ("animal", 0.50, [("wildebeest", 0.8)]),
        ],
    )
    img["i5"] = seed.image(cam[B], at(3, 10), review_status="rejected", detections=[("vehicle", 0.85, [])])
    img["i6"] = seed.image(cam[B], None, received_at=at(2, 20), detections=[("animal", 0.40, [("wild boar", 0.55)])])
    img["i7"] = seed.image(cam[C], at(4, 7), status="failed", error="cannot decode image", failed_at=at(4, 7, 6))
    img["i8"] = seed.image(cam[C], at(4, 8), status="received", thumbnail=False)
    img["i9"] = seed.image(None, at(30, 23, 59, 59, month=4), review_status="approved", detections=[("animal", 0.3, [("red deer", 0.4)])])
    img["i10"] = seed.image(cam[A], at(5, 0))
    return cam, img
