from __future__ import annotations

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker


def make_engine(
    database_url: str, *, pool_size: int = 5, max_overflow: int = 10, pool_timeout: float = 30.0, **kwargs: object
) -> Engine:
    # pre_ping: workers outlive PostgreSQL restarts; a dead pooled connection must not fail a job.
    # connect_timeout: an unreachable database host fails fast instead of hanging a health check.
    connect_args = {"connect_timeout": 5} if database_url.startswith("postgresql") else {}
    return create_engine(
        database_url, pool_pre_ping=True, pool_size=pool_size, max_overflow=max_overflow, pool_timeout=pool_timeout,
        connect_args=connect_args, **kwargs,
    )


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
