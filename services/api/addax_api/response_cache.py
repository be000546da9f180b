"""The gallery's answers (GET …/images and …/images/status-counts) kept in memory for a few seconds,
under data versions that every change bumps, so nobody ever sees an answer older than their last change.

Why: under load the gallery is the same few pages asked for again and again (100 people browsing send
about 80 requests a second for a handful of pages), and each answer costs about 10 ms of CPU and five
queries (docs/performance.md, "API under load").

Two versions make an answer's: the global data version and its project's. A change through the API can
touch any project (a camera moved, a member removed), so it bumps the global one; the pipeline's changes
stay in their project, so its events bump only that project's: at once for a burst's first event, then
once more 5 s later for the rest, followed by a `data_changed` event the dashboards refetch on
(live/hub.py). A camera network busy in one project leaves every other project's answers in place, and
a busy project's pages are computed every few seconds instead of once per event.

Correctness rests on two rules:
* the versions are read *before* the answer is computed, and an answer is stored under the versions it
  read: an answer computed while a change lands may be stale, but it is stored under old versions,
  which nobody asks for any more;
* a version is bumped *after* a change is committed and *before* anyone is told of it: by the
  request middleware before the response of a successful change is sent (any POST/PUT/PATCH/DELETE
  under /api/, so no write path can be forgotten), and by the live hub before it broadcasts a pipeline
  event or, within a burst, before its `data_changed` (the dashboards refetch on those).
Whatever changes without either (a reconciler, a worker's retry) shows once an answer is older than
`RESPONSE_CACHE_SECONDS` (30): the first request after that still gets the kept answer while a thread
recomputes it, nobody waiting for the refresh (the version says nothing changed that anyone reported).
Without Redis nothing is cached.

A request whose answer is kept is answered on the event loop: two Redis reads for the versions, its
project scope from scope_cache.py (kept under the global version alone), no thread and no database
connection (3.6 ms of API CPU per request before, measured in docs/performance.md, "API under load").
"""

from __future__ import annotations

import asyncio
import random
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import anyio.to_thread
import redis
import redis.asyncio as aioredis
from pydantic import BaseModel
from starlette.requests import Request

from addax_api.deps import REDIS_ANSWER_SECONDS
from addax_common.logging import get_logger
from addax_common.settings import Settings

log = get_logger(__name__)

MAX_ENTRIES = 512
# A request waiting for another to compute the same answer gives up after this and computes it itself.
FOLLOWER_WAIT_SECONDS = 10.0
# Aged answers refreshed at once per process, off the requests: each takes a pooled connection that the
# concurrency gate does not count, so they stay few (one more waits for the next request to find it).
MAX_REFRESHING = 1


def data_version_key(settings: Settings, project_id: int | None = None) -> str:
    """The global data version's key, or with `project_id` that project's."""
    return settings.key("api:data-version" if project_id is None else f"api:data-version:{project_id}")


class ResponseCache:
    def __init__(self, settings: Settings, max_entries: int = MAX_ENTRIES) -> None:
        self.ttl = settings.response_cache_seconds
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, tuple[float, bytes]] = OrderedDict()  # (expires, JSON)
        self._flights: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()
        self._refreshing = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self.hits = self.misses = 0

    def kept(self, version: str | None, key: Hashable) -> tuple[bytes | None, bool]:
        """(answer, refresh) for `key` under `version`, without waiting (the event loop asks before it
        hands a request to a thread): the answer kept, or None; `refresh` is True for the one caller
        that finds it older than `ttl`, who serves it all the same and calls `refresh_soon`. Nobody
        waits for an answer that only aged: the data version says nothing changed."""
        if version is None or self.ttl <= 0:
            return None, False
        full_key = (version, key)
        with self._lock:
            entry = self._entries.get(full_key)
            if entry is None:
                return None, False
            self._entries.move_to_end(full_key)
            self.hits += 1
            if time.monotonic() < entry[0] or full_key in self._flights or self._refreshing >= MAX_REFRESHING:
                return entry[1], False
            self._flights[full_key] = threading.Event()
            self._refreshing += 1
            return entry[1], True

    def refresh_soon(self, version: str, key: Hashable, compute: Callable[[], BaseModel]) -> None:
        """Recompute the answer `kept` handed out for refreshing, in a worker thread that nobody waits
        for (`compute` opens its own session: the request's is closed by then)."""
        task = asyncio.get_running_loop().create_task(anyio.to_thread.run_sync(self._refresh, version, key, compute))
        self._tasks.add(task)  # a task nobody references may be collected before it ends
        task.add_done_callback(self._tasks.discard)

    def _refresh(self, version: str, key: Hashable, compute: Callable[[], BaseModel]) -> None:
        full_key = (version, key)
        try:
            self._keep(full_key, compute)
        except Exception as exc:  # noqa: BLE001 - the aged answer stays; the next request tries again
            log.warning("response_refresh_failed", error=str(exc))
        finally:
            with self._lock:
                self._refreshing -= 1
                flight = self._flights.pop(full_key, None)
            if flight is not None:
                flight.set()

    def _keep(self, full_key: tuple[str, Hashable], compute: Callable[[], BaseModel]) -> bytes:
        # Timed from before the queries; spread over the last fifth of the TTL, so answers cached
        # together (a cold start) do not all expire, and get recomputed, in the same second.
        expires = time.monotonic() + self.ttl * random.uniform(0.8, 1.0)  # noqa: S311 - not security
        body = compute().model_dump_json().encode()
        with self._lock:
            self.misses += 1
            self._entries[full_key] = (expires, body)
            self._entries.move_to_end(full_key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return body

    def answer(self, version: str | None, key: Hashable, compute: Callable[[], BaseModel]) -> bytes:
        """The JSON of `compute()`, from memory when the same key was answered under the current data
        version less than `ttl` seconds ago. One request computes a missing answer while the others
        asking for it wait for that one; an expired answer of the current version is served while one
        request refreshes it (without both, every expiry was a burst of identical queries: the tail of
        the latency under load). `version`: the data version read before anything else of the request
        (None: Redis is down, nothing is cached)."""
        if version is None or self.ttl <= 0:
            return compute().model_dump_json().encode()
        full_key = (version, key)
        with self._lock:
            entry = self._entries.get(full_key)
            if entry is not None:
                self._entries.move_to_end(full_key)
            flight = self._flights.get(full_key)
            if entry is not None and (time.monotonic() < entry[0] or flight is not None):
                self.hits += 1
                return entry[1]
            leader = flight is None
            if flight is None:
                flight = self._flights[full_key] = threading.Event()
        if not leader:
            flight.wait(FOLLOWER_WAIT_SECONDS)
            with self._lock:
                entry = self._entries.get(full_key)
            if entry is not None:
                self.hits += 1
                return entry[1]
            return compute().model_dump_json().encode()  # the leader failed or is very slow
        try:
            return self._keep(full_key, compute)
        finally:
            with self._lock:
                self._flights.pop(full_key, None)
            flight.set()


async def request_data_version(request: Request) -> str | None:
    """The global data version as this request first read it (None without Redis), read once per
    request on the event loop: the project scope (scope_cache.py) is kept under it."""
    if not hasattr(request.state, "data_version"):
        request.state.data_version = await read_data_version(request.app.state.redis_async, request.app.state.settings)
    version: str | None = request.state.data_version
    return version


async def request_answer_version(request: Request, project_id: int) -> str | None:
    """What a gallery answer of `project_id` is kept under: the global data version (read already for
    the request's scope) and the project's; None without Redis."""
    version = await request_data_version(request)
    if version is None:
        return None
    project = await read_data_version(request.app.state.redis_async, request.app.state.settings, project_id)
    return None if project is None else f"{version}.{project}"


async def read_data_version(client: aioredis.Redis, settings: Settings, project_id: int | None = None) -> str | None:
    """The current global data version, or `project_id`'s; None without Redis, or when it does not
    answer within REDIS_ANSWER_SECONDS (a frozen Redis must not hold up every read: they go to the database)."""
    key = data_version_key(settings, project_id)

    async def read() -> Any:
        raw = await client.get(key)
        if raw is None:
            # First use, or Redis lost its data: start from a random number, never from a value
            # this process may already hold answers under (a restarted counter would be 1 again).
            await client.set(key, secrets.randbits(62), nx=True)
            raw = await client.get(key)
        return raw

    try:
        raw = await asyncio.wait_for(read(), REDIS_ANSWER_SECONDS)
    except (redis.RedisError, TimeoutError):
        return None
    return None if raw is None else str(raw)  # the async client decodes


async def bump_data_version(client: aioredis.Redis, settings: Settings, project_id: int | None = None) -> None:
    """Every cached answer of every API process is stale from now on; with `project_id`, those of that
    project (and the project scopes stay)."""
    try:
        await client.incr(data_version_key(settings, project_id))
    except redis.RedisError as exc:
        # Answers then stay at most RESPONSE_CACHE_SECONDS old; never fail the change itself.
        log.warning("data_version_bump_failed", error=str(exc))
