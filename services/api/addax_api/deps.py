"""Request-scoped dependencies: the service context, a database session, the client's address."""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator
from typing import Any

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from addax_common.context import ServiceContext
from addax_common.settings import Settings

CONNECTED = "addax_connected"
# How long a request waits for Redis (its data version, its rate-limit count) before it goes on
# without it: a frozen Redis raises no error, it just never answers.
REDIS_ANSWER_SECONDS = 1.0


async def get_ctx(request: Request) -> ServiceContext:
    ctx: ServiceContext = request.app.state.ctx
    return ctx


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_db(request: Request) -> AsyncIterator[Session]:
    """One session per request. Nothing is committed implicitly: routers commit at the service boundary,
    so a change and its audit row land in the same transaction.

    Opened and closed on the event loop: a session takes its connection on its first query (in the
    route's thread), and a request that never queried (answered from memory) closes without any I/O,
    so it costs no thread hop; one that did gives its connection back in a thread (a rollback)."""
    session: Session = request.app.state.ctx.sessions()
    try:
        yield session
    finally:
        if session.info.get(CONNECTED):
            await run_in_threadpool(session.close)
        else:
            session.close()


def mark_connected(session: Session, _transaction: Any, _connection: Any) -> None:
    """The sessionmaker's after_begin hook: this session holds a connection (get_db must close it in a thread)."""
    session.info[CONNECTED] = True


def client_ip(request: Request) -> str | None:
    """The client's IP address, or None when the transport gives something that is not one (test clients)."""
    host = request.client.host if request.client else None
    return valid_ip(host)


def valid_ip(host: str | None) -> str | None:
    if not host:
        return None
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return None


def user_agent(request: Request) -> str | None:
    agent = request.headers.get("user-agent")
    return agent.replace("\x00", "")[:400] if agent else None
