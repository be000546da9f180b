"""Migration 0005 (projects) on a database that has data: every row is kept, everything lands in the
default project, every user keeps the access they had (their role, now as a member of it), and the
downgrade gives the previous schema back with the rows intact."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from addax_api.main import create_app
from addax_common.context import make_context
from addax_common.passwords import hash_password
from tests.support.database import create_test_database, drop_database, migrate

PREVIOUS_HEAD = "0004"
TABLES = (
    "users", "cameras", "images", "detections", "classifications", "audit_logs", "camera_status", "ftp_accounts",
)


@pytest.fixture
def old_database() -> str:
    url = create_test_database(revision=PREVIOUS_HEAD)
    yield url
    drop_database(url)


def seed_old_schema(url: str) -> dict[str, object]:
    """Rows as the previous schema holds them: users of every role, cameras, images with and without a
    camera, a detection with a classification, a status reading and an audit entry."""
    engine = sa.create_engine(url)
    image_ids = [uuid.uuid4() for _ in range(3)]
    with engine.begin() as conn:
        for email, role in (("admin@x.org", "admin"), ("analyst@x.org", "analyst"), ("viewer@x.org", "viewer")):
            conn.execute(
                sa.text("INSERT INTO users (email, password_hash, role) VALUES (:e, :h, :r)"),
                {"e": email, "h": hash_password("pw-123456789"), "r": role},
            )
        conn.execute(sa.text("INSERT INTO cameras (name, serial_number) VALUES ('North', 'SN1'), ('South', 'SN2')"))
        for n, image_id in enumerate(image_ids):
            camera = None if n == 2 else n + 1
            conn.execute(
                sa.text(
                    "INSERT INTO images (id, camera_id, original_filename, sha256, file_size, storage_key, status, "
                    "review_status, received_at) VALUES (:id, :cam, 'a.jpg', :sha, 10, :key, 'completed', "
                    "'unreviewed', now())"
                ),
                {"id": image_id, "cam": camera, "sha": uuid.uuid4().hex * 2, "key": f"k/{image_id}.jpg"},
            )
        detection = conn.execute(
            sa.text(
                "INSERT INTO detections (image_id, index, category, confidence, bbox_x, bbox_y, bbox_w, bbox_h, "
                "model_name) VALUES (:id, 0, 'animal', 0.9, 0.1, 0.1, 0.2, 0.2, 'm') RETURNING id"
            ),
            {"id": image_ids[0]},
        ).scalar_one()
        conn.execute(
            sa.text(
                "INSERT INTO classifications (detection_id, image_id, label, score, rank, model_name, source) "
                "VALUES (:d, :i, 'wolf', 0.8, 1, 'c', 'machine')"
            ),
            {"d": detection, "i": image_ids[0]},
        )
        conn.execute(sa.text("INSERT INTO camera_status (camera_id, reported_at, source) VALUES (1, now(), 'report')"))
        conn.execute(sa.text("INSERT INTO ftp_accounts (username, password_hash) VALUES ('field01', 'x')"))
        conn.execute(
            sa.text("INSERT INTO audit_logs (user_id, action, resource_type) VALUES (1, 'user.create', 'user')")
        )
        counts = {t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}
    engine.dispose()
    return {"counts": counts, "images": {str(i) for i in image_ids}}


def test_upgrade_keeps_every_row_and_every_users_access(old_database, settings, monkeypatch):
    before = seed_old_schema(old_database)
    migrate(old_database, "head")

    engine = sa.create_engine(old_database)
    with engine.connect() as conn:
        after = {t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}
        assert after == before["counts"]
        projects = conn.execute(sa.text("SELECT id, slug, name FROM projects")).all()
        assert [(p.slug, p.name) for p in projects] == [("default", "Default project")]
        default_id = projects[0].id
        for table in ("cameras", "images", "ftp_accounts"):
            assert conn.execute(sa.text(f"SELECT DISTINCT project_id FROM {table}")).scalars().all() == [default_id]
        members = conn.execute(
            sa.text("SELECT u.email, u.role, m.role AS project_role, m.project_id FROM users u "
                    "LEFT JOIN project_members m ON m.user_id = u.id ORDER BY u.email")
        ).all()
        assert all(m.project_role == m.role and m.project_id == default_id for m in members), members
        assert len(members) == 3
        # A row written the old way (no project) still lands somewhere sensible: its camera's project.
        image_id = uuid.uuid4()
        conn.execute(
            sa.text("INSERT INTO images (id, camera_id, original_filename, sha256, file_size, storage_key, status) "
                    "VALUES (:id, 2, 'b.jpg', :sha, 1, 'k', 'received')"),
            {"id": image_id, "sha": uuid.uuid4().hex * 2},
        )
        assert conn.execute(sa.text("SELECT project_id FROM images WHERE id = :id"), {"id": image_id}).scalar() == default_id
        conn.rollback()
    engine.dispose()

    # Access through the API is what it was: every user sees every image; the roles gate the same actions.
    app_settings = settings.model_copy(update={
        "database_url": old_database,
        "jwt_secret": "test-jwt-secret-0123456789abcdef0123456789",
        "media_url_secret": "test-media-secret-0123456789abcdef01234",
        "rate_limit_per_minute": 0,
        "admin_email": "admin@x.org",  # exists: nobody is created at start-up
        "admin_password": "unused-bootstrap-password",
    })
    ctx = make_context(app_settings)
    try:
        with TestClient(create_app(app_settings, ctx=ctx)) as client:
            for email, may_retry in (("admin@x.org", True), ("analyst@x.org", False), ("viewer@x.org", False)):
                token = client.post("/api/auth/login", json={"email": email, "password": "pw-123456789"}).json()
                headers = {"Authorization": f"Bearer {token['access_token']}"}
                listing = client.get("/api/projects/default/images", headers=headers).json()
                assert {i["id"] for i in listing["items"]} == before["images"], email
                some = sorted(before["images"])[0]
                retry = client.post(f"/api/projects/default/images/{some}/retry", headers=headers)
                assert (retry.status_code != 403) == may_retry, (email, retry.status_code)
    finally:
        ctx.close()


def test_downgrade_gives_the_previous_schema_back(old_database):
    before = seed_old_schema(old_database)
    migrate(old_database, "head")
    from alembic import command
    from alembic.config import Config

    from tests.support.database import REPO

    config = Config(str(REPO / "services/api/alembic.ini"))
    config.attributes["url"] = old_database
    command.downgrade(config, PREVIOUS_HEAD)
    engine = sa.create_engine(old_database)
    with engine.connect() as conn:
        after = {t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}
        tables = set(conn.execute(sa.text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())
    engine.dispose()
    assert after == before["counts"] and "projects" not in tables and "project_members" not in tables
