import asyncio
import contextlib
import json
import time
from typing import Annotated, Any

from fastapi import APIRouter, Query, WebSocket
from fastapi.concurrency import run_in_threadpool
from starlette.websockets import WebSocketDisconnect, WebSocketState

from addax_api.errors import ApiError
from addax_api.live.hub import LiveClient, LiveHub
from addax_api.metrics import LIVE_CLIENTS
from addax_api.scope import visible_projects
from addax_api.security import active_user, decode_access_token
from addax_common.db import User
from addax_common.logging import get_logger

log = get_logger(__name__)

router = APIRouter(tags=["live"])

AUTH_TIMEOUT = 10.0
PING_INTERVAL = 25.0
SEND_TIMEOUT = 10.0
CLOSE_UNAUTHORIZED = 4401
CLOSE_TOO_SLOW = 1013


def _authenticate(websocket: WebSocket, token: str) -> tuple[int, int, frozenset[int] | None] | None:
    """(user id, token expiry, ids of the projects whose events the user may see; None = all) for an
    active user's valid access token, else None."""
    settings = websocket.app.state.settings
    try:
        claims = decode_access_token(settings, token)
        with websocket.app.state.ctx.sessions() as db:
            user = active_user(db.get(User, claims.user_id))
            return user.id, claims.expires_at, visible_projects(db, user)
    except ApiError:
        return None


async def _token_from_first_message(websocket: WebSocket) -> str | None:
    try:
        raw = await asyncio.wait_for(websocket.receive_text(), AUTH_TIMEOUT)
        message = json.loads(raw)
    except (TimeoutError, ValueError, WebSocketDisconnect, RuntimeError, KeyError):
        return None
    token = message.get("token") if isinstance(message, dict) and message.get("type") == "auth" else None
    return token if isinstance(token, str) and len(token) <= 4096 else None


async def _close(websocket: WebSocket, code: int, reason: str) -> None:
    if websocket.client_state == WebSocketState.CONNECTED:
        # Any error here means the peer is already gone: there is nothing left to close.
        with contextlib.suppress(Exception):
            await websocket.close(code=code, reason=reason)


async def _send_loop(websocket: WebSocket, client: LiveClient) -> None:
    while True:
        try:
            message = await asyncio.wait_for(client.queue.get(), PING_INTERVAL)
        except TimeoutError:
            message = '{"type": "ping"}'
        # A client that does not read for SEND_TIMEOUT is treated like one whose queue overflowed.
        await asyncio.wait_for(websocket.send_text(message), SEND_TIMEOUT)


async def _receive_loop(websocket: WebSocket) -> None:
    # Clients have nothing to say after authenticating; reading detects the disconnect.
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            return


def _consume_result(task: asyncio.Task[Any]) -> None:
    # A task that died with the connection (send on a closed socket) has nothing left to report.
    if not task.cancelled():
        task.exception()


@router.websocket("/api/updates", name="updates")
async def updates(
    websocket: WebSocket,
    token: Annotated[str | None, Query(max_length=4096, description="Access token")] = None,
) -> None:
    """Pipeline events for the browser. Authenticate with `?token=<access token>` or by sending
    `{"type": "auth", "token": "..."}` as the first message. Closes with 4401 when the token is
    missing, invalid or expires (reconnect with a fresh one) and 1013 when the client reads too slowly."""
    hub: LiveHub = websocket.app.state.hub
    await websocket.accept()
    token = token or await _token_from_first_message(websocket)
    identity = await run_in_threadpool(_authenticate, websocket, token) if token else None
    if identity is None:
        await _close(websocket, CLOSE_UNAUTHORIZED, "unauthorized")
        return
    user_id, expires_at, projects = identity
    client = LiveClient(user_id, projects)
    hub.add(client)
    LIVE_CLIENTS.inc()
    log.info("live_connected", user_id=user_id, clients=hub.client_count)
    tasks: list[asyncio.Task[Any]] = []
    try:
        await websocket.send_text(json.dumps({"type": "connected", "user_id": user_id}))
        sender = asyncio.create_task(_send_loop(websocket, client))
        receiver = asyncio.create_task(_receive_loop(websocket))
        overflow = asyncio.create_task(client.overflowed.wait())
        expiry = asyncio.create_task(asyncio.sleep(max(0.0, expires_at - time.time())))
        tasks = [sender, receiver, overflow, expiry]
        for task in tasks:
            task.add_done_callback(_consume_result)
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        if overflow in done or (sender in done and isinstance(sender.exception(), TimeoutError)):
            log.warning("live_client_dropped", user_id=user_id, reason="too slow")
            await _close(websocket, CLOSE_TOO_SLOW, "client too slow")
        elif expiry in done:
            await _close(websocket, CLOSE_UNAUTHORIZED, "token expired")
        elif receiver in done:
            pass  # the client went away
        else:
            await _close(websocket, 1011, "server error")
    except (WebSocketDisconnect, RuntimeError):
        pass
    finally:
        # Unregister before awaiting anything: this handler may itself be cancelled (shutdown).
        hub.remove(client)
        LIVE_CLIENTS.dec()
        log.info("live_disconnected", user_id=user_id, clients=hub.client_count)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)
