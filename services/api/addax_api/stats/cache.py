"""Statistics cache in Redis, per project: keys carry the project and its version number, and
bumping it makes that project's statistics out of date. Two things bump it:

* `invalidate`, after a person changed something the statistics count (a species correction, a
  camera, a deployment), so nobody sees an answer older than their own change;
* the API's event subscriber, when images complete, fail or are rejected (live/hub.py via main.py;
  at most every 5 s during a burst).

Only answers computed under the current version are served: two reads with no change between them
agree, and a dashboard that refetches on an event sees that event counted. The first request for a
missing answer computes it (a Redis lock, so across API processes too); requests for the same answer
arriving meanwhile wait for it instead of running the same aggregate beside it. At a million images
one aggregate takes seconds and a busy pipeline bumps every few seconds: without this, every
dashboard opened during a busy night ran each chart's query side by side with the others'.
(An earlier version served the previous answer meanwhile; a dashboard that got it kept it until the
next event, and two reads a moment apart disagreed.)

Old keys are not deleted; they expire after `stats_cache_seconds`.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from typing import Any, TypeVar

import redis
from pydantic import TypeAdapter

from addax_common.logging import get_logger
from addax_common.settings import Settings

log = get_logger(__name__)
T = TypeVar("T")

# How long a request may hold the right to compute an entry; past it (a crashed process) another
# request computes it.
COMPUTE_LOCK_SECONDS = 120
# A request waiting for another to compute the same answer gives up after this and computes it itself.
FOLLOWER_WAIT_SECONDS = 30.0
FOLLOWER_POLL_SECONDS = 0.05


class StatsCache:
    def __init__(self, client: redis.Redis, settings: Settings) -> None:
        self.redis = client
        self.settings = settings

    def version_key(self, project_id: int) -> str:
        return self.settings.key(f"stats:version:{project_id}")

    def get_or_compute(
        self, project_id: int, name: str, params: dict[str, Any], adapter: TypeAdapter[T], compute: Callable[[], T]
    ) -> T:
        ttl = self.settings.stats_cache_seconds
        if ttl <= 0:
            return compute()
        digest = hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()[:32]
        try:
            version = self.redis.get(self.version_key(project_id))
            key = self.settings.key(f"stats:{project_id}:{_text(version)}:{name}:{digest}")
            cached = self._cached_or_wait(key)
        except redis.RedisError:
            log.warning("stats_cache_unavailable")
            return compute()
        if cached is not None:
            return adapter.validate_json(cached)
        payload: bytes | None = None
        try:
            value = compute()
            payload = adapter.dump_json(value)
            return value
        finally:
            self._store(key, payload, ttl)  # after a failure too: the waiters stop waiting

    def _store(self, key: str, payload: bytes | None, ttl: int) -> None:
        try:
            pipe = self.redis.pipeline(transaction=False)
            if payload is not None:
                pipe.set(key, payload, ex=ttl)
            pipe.delete(f"{key}:computing")
            pipe.execute()
        except redis.RedisError:
            log.warning("stats_cache_unavailable")

    def _cached_or_wait(self, key: str) -> bytes | str | None:
        """The cached answer; or None with the right to compute it (the lock is ours, or its holder
        neither answered nor released it within FOLLOWER_WAIT_SECONDS)."""
        cached = self.redis.get(key)
        if cached is not None:
            return cached
        lock = f"{key}:computing"
        deadline = time.monotonic() + FOLLOWER_WAIT_SECONDS
        while not self.redis.set(lock, 1, nx=True, ex=COMPUTE_LOCK_SECONDS):
            if time.monotonic() > deadline:
                log.warning("stats_cache_wait_gave_up", key=key)
                return None
            time.sleep(FOLLOWER_POLL_SECONDS)
            cached = self.redis.get(key)
            if cached is not None:
                return cached
        # Ours now; the answer may have landed between our first look and taking the lock.
        cached = self.redis.get(key)
        if cached is not None:
            self.redis.delete(lock)
        return cached

    def invalidate(self, project_id: int) -> None:
        """A person's change: the next answer is computed afresh (the event subscriber bumps the same
        key through the API's asyncio client)."""
        try:
            self.redis.incr(self.version_key(project_id))
        except redis.RedisError:
            log.warning("stats_cache_invalidation_failed")


def _text(raw: Any) -> str:
    return raw.decode() if isinstance(raw, bytes) else (raw or "0")
