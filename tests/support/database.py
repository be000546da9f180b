"""A throw-away PostgreSQL database per test run, migrated with the real Alembic migrations, and the
clean-up of a run's Redis keys."""

from __future__ import annotations

import uuid
from pathlib import Path

import redis
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

REPO = Path(__file__).resolve().parents[2]
ADMIN_URL = "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/0"


def create_test_database(admin_url: str = ADMIN_URL, *, migrated: bool = True, revision: str = "head") -> str:
    name = f"addax_test_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    url = admin_url.rsplit("/", 1)[0] + f"/{name}"
    if migrated:
        migrate(url, revision)
    return url


def alembic_config(url: str) -> Config:
    config = Config(str(REPO / "services/api/alembic.ini"))
    config.attributes["url"] = url
    return config


def migrate(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def drop_database(url: str, admin_url: str = ADMIN_URL) -> None:
    name = url.rsplit("/", 1)[1]
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def truncate_all(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        tables = conn.execute(
            sa.text("SELECT tablename FROM pg_tables WHERE schemaname='public' "
                    "AND tablename NOT IN ('spatial_ref_sys','alembic_version')")
        ).scalars().all()
        if tables:
            conn.execute(sa.text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
            # Rows the migrations create belong to the empty database: the default project (id 1).
            conn.execute(sa.text("INSERT INTO projects (slug, name) VALUES ('default', 'Default project')"))
    engine.dispose()


def delete_redis_keys(prefix: str, url: str = REDIS_URL) -> None:
    """Deletes every key under a run's `prefix` (its queues, heartbeats, caches)."""
    client = redis.Redis.from_url(url)
    try:
        keys = list(client.scan_iter(match=f"{prefix}*", count=500))
        if keys:
            client.delete(*keys)
    finally:
        client.close()
