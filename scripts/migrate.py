"""Create the platform database if it does not exist (with PostGIS) and apply every migration.

Usage: .venv/bin/python scripts/migrate.py      (DATABASE_URL from the environment or .env)
"""

from __future__ import annotations

import sys
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import make_url

from addax_common.settings import get_settings

ROOT = Path(__file__).resolve().parents[1]


def ensure_database(url: str) -> None:
    parsed = make_url(url)
    admin = parsed.set(database="postgres")
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        exists = conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": parsed.database})
        if not exists:
            print(f"==> creating database {parsed.database}")
            conn.execute(sa.text(f'CREATE DATABASE "{parsed.database}"'))
    engine.dispose()


def main() -> int:
    url = get_settings().database_url
    ensure_database(url)
    config = Config(str(ROOT / "services/api/alembic.ini"))
    config.attributes["url"] = url
    command.upgrade(config, "head")
    print("==> database schema is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
