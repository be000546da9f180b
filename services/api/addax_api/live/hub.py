"""Live updates: one Redis subscription per API process, fanned out to every WebSocket client.

Each client sees only the events of its projects: the set of project ids the user may see is fixed
when the socket authenticates (None for server admins: every project); the access token's expiry
closes the socket, so a membership change applies within one token lifetime. An event without a
`project_id` gets its camera's (or image's) project here; one whose project cannot be found goes to
server admins only.

Each client has a bounded queue. The subscriber never waits for a client: when a client's queue is
full (a slow or stalled connection) the client is disconnected with code 1013 and can reconnect,
rather than holding up everyone else or growing memory without bound.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Awaitable, Callable
from contextlib import suppress
from datetime import UTC, datetime
from typing import Any

import redis.asyncio as aioredis
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from addax_api.metrics import LIVE_EVENTS
from addax_common.db import Camera, Image
from addax_common.events import CLASSIFICATION_COMPLETE, EVENTS_CHANNEL, IMAGE_FAILED, IMAGE_REJECTED, decode_event
from addax_common.logging import get_logger
from addax_common.settings import Settings

log = get_logger(__name__)

CLIENT_QUEUE_SIZE = 256
CAMERA_NAME_TTL = 60.0
# Events after which the cached statistics are out of date.
INVALIDATING_EVENTS = (CLASSIFICATION_COMPLETE, IMAGE_FAILED, IMAGE_REJECTED)
# A busy pipeline sends several events a second; renewing a project's cached answers (the gallery's data
# version, response_cache.py, and its statistics) for each would make those caches useless. A project's
# first event renews them at once, before anyone hears of it; the rest of a burst renew them once more at
# the end of this interval, after which the project's clients get DATA_CHANGED (the dashboard refetches
# on it), so the last images of a burst show within the interval.
RENEW_INTERVAL = 5.0
DATA_CHANGED = "data_changed"


class LiveClient:
    def __init__(self, user_id: int, projects: frozenset[int] | None, queue_size: int = CLIENT_QUEUE_SIZE) -> None:
        self.user_id = user_id
        self.projects = projects  # None: every project (server admin)
        self.queue: asyncio.Queue[str] = asyncio.Queue(maxsize=queue_size)
        self.overflowed = asyncio.Event()

    def sees(self, project_id: int | None) -> bool:
        if self.projects is None:
            return True
        return project_id is not None and project_id in self.projects

    def offer(self, message: str) -> bool:
        try:
            self.queue.put_nowait(message)
            return True
        except asyncio.QueueFull:
            self.overflowed.set()
            return False


class LiveHub:
    def __init__(
        self,
        settings: Settings,
        redis_client: aioredis.Redis,
        sessions: sessionmaker[Session],
        on_stats_stale: Callable[[int], Awaitable[None]] | None = None,
        on_event: Callable[[dict[str, Any]], Awaitable[None]] | None = None,
        on_data_changed: Callable[[int | None], Awaitable[None]] | None = None,
    ) -> None:
        self.settings = settings
        self.redis = redis_client
        self.sessions = sessions
        self.channel = settings.key(EVENTS_CHANNEL)
        self.on_stats_stale = on_stats_stale
        # Before any client hears of an event: a dashboard refetching on it must not get a cached answer.
        self.on_event = on_event
        # Bumps the data version of an event's project (None: every project's); see RENEW_INTERVAL.
        self.on_data_changed = on_data_changed
        self._renewed_at: dict[int, float] = {}
        self._trailing: dict[int, asyncio.Task[None]] = {}
        self._stats_due: set[int] = set()
        self.clients: set[LiveClient] = set()
        self.subscribed = asyncio.Event()
        self._cameras: dict[int, tuple[tuple[str | None, int | None], float]] = {}
        self.delivered = 0
        self.dropped_clients = 0

    # --- clients --------------------------------------------------------------------------------
    def add(self, client: LiveClient) -> None:
        self.clients.add(client)

    def remove(self, client: LiveClient) -> None:
        self.clients.discard(client)

    @property
    def client_count(self) -> int:
        return len(self.clients)

    def broadcast(self, message: str, project_id: int | None) -> None:
        for client in list(self.clients):
            if not client.sees(project_id):
                continue
            if client.offer(message):
                self.delivered += 1
            else:
                self.dropped_clients += 1
                self.clients.discard(client)
                log.warning("live_client_too_slow", user_id=client.user_id)

    # --- subscription ---------------------------------------------------------------------------
    async def run(self) -> None:
        """Subscribe and fan out until cancelled; reconnects with backoff when Redis goes away."""
        backoff = 0.5
        while True:
            task = asyncio.current_task()
            if task is not None and task.cancelling():
                # Python 3.11's wait_for can swallow a cancellation that arrives while the pub/sub
                # connection is being closed below; without this the loop subscribed again and a
                # shutdown hung (seen once in CI: TestClient's exit never returned).
                raise asyncio.CancelledError
            pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(self.channel)
                self.subscribed.set()
                backoff = 0.5
                log.info("live_subscribed", channel=self.channel)
                while True:
                    message = await pubsub.get_message(timeout=5.0)
                    if message is not None and message.get("type") == "message":
                        await self.handle(message["data"])
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - Redis down or restarting: keep trying
                self.subscribed.clear()
                log.warning("live_subscription_lost", error=str(exc), retry_in=backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)
            finally:
                with suppress(Exception):
                    # Bounded: closing a pub/sub connection can block on a reader (redis-py #3941).
                    await asyncio.wait_for(pubsub.aclose(), 2)  # type: ignore[no-untyped-call]  # redis-py leaves aclose unannotated

    async def handle(self, raw: bytes | str) -> None:
        event = decode_event(raw)
        if event is None:
            return
        LIVE_EVENTS.inc()
        camera_id = event.get("camera_id")
        name, camera_project = await self.camera(camera_id) if isinstance(camera_id, int) else (None, None)
        project_id = event.get("project_id")
        if not isinstance(project_id, int):
            project_id = camera_project
            if project_id is None and isinstance(event.get("image_id"), str):
                project_id = await self.image_project(event["image_id"])
            event["project_id"] = project_id
        if self.on_event is not None:
            await self.on_event(event)
        if isinstance(camera_id, int) and "camera_name" not in event:
            event["camera_name"] = name
        await self.renew(project_id, stats=event.get("type") in INVALIDATING_EVENTS)
        if self.clients:
            self.broadcast(json.dumps(event, default=str), project_id)

    async def renew(self, project_id: int | None, stats: bool) -> None:
        """Renews the cached answers of `project_id` (None: the gallery's of every project) for an event
        about to go out, its statistics too when `stats`: at once for a project's first event in
        RENEW_INTERVAL; for later ones once at the interval's end, followed by DATA_CHANGED to the
        project's clients."""
        if project_id is None:  # statistics are a project's: only the gallery's version
            await self._renew(None, stats=False)
            return
        if stats:
            self._stats_due.add(project_id)
        if project_id in self._trailing:
            return
        wait = self._renewed_at.get(project_id, float("-inf")) + RENEW_INTERVAL - time.monotonic()
        if wait > 0:
            self._trailing[project_id] = asyncio.create_task(self._trailing_renew(project_id, wait))
            return
        self._renewed_at[project_id] = time.monotonic()
        await self._renew(project_id, self._take_stats(project_id))

    def cancel_trailing(self) -> None:
        """At shutdown: the renewals still due are dropped (every API process's hub makes its own, and
        kept answers expire after RESPONSE_CACHE_SECONDS and STATS_CACHE_SECONDS anyway)."""
        for task in self._trailing.values():
            task.cancel()
        self._trailing.clear()

    async def _trailing_renew(self, project_id: int, delay: float) -> None:
        await asyncio.sleep(delay)
        # Stamped and released before the renewal: an event arriving while it is under way gets the next one.
        self._renewed_at[project_id] = time.monotonic()
        del self._trailing[project_id]
        await self._renew(project_id, self._take_stats(project_id))
        self.broadcast(json.dumps({"type": DATA_CHANGED, "project_id": project_id, "image_id": None, "camera_id": None,
                                   "time": datetime.now(UTC).isoformat()}), project_id)

    def _take_stats(self, project_id: int) -> bool:
        due = project_id in self._stats_due
        self._stats_due.discard(project_id)
        return due

    async def _renew(self, project_id: int | None, stats: bool) -> None:
        if stats and project_id is not None and self.on_stats_stale is not None:
            try:
                await self.on_stats_stale(project_id)
            except Exception as exc:  # noqa: BLE001 - entries still expire after stats_cache_seconds
                log.warning("stats_invalidation_failed", project_id=project_id, error=str(exc))
        if self.on_data_changed is not None:
            try:
                await self.on_data_changed(project_id)
            except Exception as exc:  # noqa: BLE001 - kept answers still expire after RESPONSE_CACHE_SECONDS
                log.warning("data_change_bump_failed", project_id=project_id, error=str(exc))

    async def camera(self, camera_id: int) -> tuple[str | None, int | None]:
        """(name, project id) of a camera, cached for CAMERA_NAME_TTL seconds."""
        cached = self._cameras.get(camera_id)
        if cached is not None and time.monotonic() - cached[1] < CAMERA_NAME_TTL:
            return cached[0]
        try:
            found = await run_in_threadpool(self._load_camera, camera_id)
        except Exception as exc:  # noqa: BLE001 - the event still goes out, without a name
            log.warning("live_camera_lookup_failed", camera_id=camera_id, error=str(exc))
            return None, None
        self._cameras[camera_id] = (found, time.monotonic())
        return found

    def _load_camera(self, camera_id: int) -> tuple[str | None, int | None]:
        with self.sessions() as session:
            row = session.execute(select(Camera.name, Camera.project_id).where(Camera.id == camera_id)).first()
            return (row.name, row.project_id) if row is not None else (None, None)

    async def image_project(self, image_id: str) -> int | None:
        try:
            return await run_in_threadpool(self._load_image_project, uuid.UUID(image_id))
        except Exception as exc:  # noqa: BLE001 - unknown project: only server admins get the event
            log.warning("live_image_lookup_failed", image_id=image_id, error=str(exc))
            return None

    def _load_image_project(self, image_id: uuid.UUID) -> int | None:
        with self.sessions() as session:
            return session.scalar(select(Image.project_id).where(Image.id == image_id))
