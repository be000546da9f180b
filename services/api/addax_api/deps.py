"""Request-scoped dependencies: the service context, a database session, the client's address."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from fastapi import Request
from sqlalchemy.orm import Session

from addax_common.context import ServiceContext
from addax_common.settings import Settings


async def get_ctx(request: Request) -> ServiceContext:
    ctx: ServiceContext = request.app.state.ctx
    return ctx


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_db(request: Request) -> Iterator[Session]:
    """One session per request. Nothing is committed implicitly: routers commit at the service boundary,
    so a change and its audit row land in the same transaction."""
    with request.app.state.ctx.sessions() as session:
        yield session


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
