"""Statistics cache in Redis, per project: keys carry the project and its version number, and bumping a
project's version invalidates that project's statistics.

The API's event subscriber bumps the version when an image completes or fails (live/hub.py), and
the API does when a person changes something the statistics count (species corrections, cameras).
Old keys are not deleted; they expire after `stats_cache_seconds`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

import redis
from pydantic import TypeAdapter

from addax_common.logging import get_logger
from addax_common.settings import Settings

log = get_logger(__name__)
T = TypeVar("T")


class StatsCache:
    def __init__(self, client: redis.Redis, settings: Settings) -> None:
        self.redis = client
        self.settings = settings

    def version_key(self, project_id: int) -> str:
        return self.settings.key(f"stats:version:{project_id}")

    def _key(self, project_id: int, name: str, params: dict[str, Any]) -> str:
        version = self.redis.get(self.version_key(project_id)) or "0"
        digest = hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()[:32]
        return self.settings.key(f"stats:{project_id}:{version}:{name}:{digest}")

    def get_or_compute(
        self, project_id: int, name: str, params: dict[str, Any], adapter: TypeAdapter[T], compute: Callable[[], T]
    ) -> T:
        ttl = self.settings.stats_cache_seconds
        if ttl <= 0:
            return compute()
        try:
            key = self._key(project_id, name, params)
            cached = self.redis.get(key)
        except redis.RedisError:
            log.warning("stats_cache_unavailable")
            return compute()
        if cached is not None:
            return adapter.validate_json(cached)
        value = compute()
        try:
            self.redis.set(key, adapter.dump_json(value), ex=ttl)
        except redis.RedisError:
            log.warning("stats_cache_unavailable")
        return value

    def invalidate(self, project_id: int) -> None:
        try:
            self.redis.incr(self.version_key(project_id))
        except redis.RedisError:
            log.warning("stats_cache_invalidation_failed")
