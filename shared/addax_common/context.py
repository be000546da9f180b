"""The wiring every service needs, built once from the settings: Redis, database, storage, events."""

from __future__ import annotations

from dataclasses import dataclass

import redis
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from addax_common.db.session import make_engine, make_session_factory
from addax_common.events import EventPublisher
from addax_common.reliable_queue import ReliableQueue
from addax_common.settings import Settings
from addax_common.storage import Storage, make_storage


@dataclass
class ServiceContext:
    settings: Settings
    redis: redis.Redis
    engine: Engine
    sessions: sessionmaker[Session]
    storage: Storage
    events: EventPublisher

    def queue(self, name: str) -> ReliableQueue:
        return ReliableQueue(self.redis, name, self.settings.redis_prefix)

    def close(self) -> None:
        self.engine.dispose()
        self.redis.close()


def make_context(settings: Settings, storage: Storage | None = None) -> ServiceContext:
    # A connect timeout, so an unreachable host (not just a refused port) cannot hang a thread forever.
    client = redis.Redis.from_url(
        settings.redis_url, decode_responses=True, health_check_interval=30, socket_connect_timeout=5,
        socket_keepalive=True,
    )
    engine = make_engine(
        settings.database_url, pool_size=settings.database_pool_size, max_overflow=settings.database_max_overflow,
        pool_timeout=settings.database_pool_timeout_seconds,
    )
    return ServiceContext(
        settings=settings,
        redis=client,
        engine=engine,
        sessions=make_session_factory(engine),
        storage=storage or make_storage(settings),
        events=EventPublisher(client, settings.redis_prefix),
    )
