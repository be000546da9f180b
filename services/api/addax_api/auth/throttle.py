"""Login throttling in Redis: failed attempts are counted per account and per client IP.

An account is locked for `login_lockout_seconds` after `login_max_attempts` failures; one IP address
is allowed IP_FACTOR times as many failures (several people may share an address, but one address
guessing many accounts is stopped). If Redis is unavailable the check is skipped (logged): logins
keep working during a Redis outage.
"""

from __future__ import annotations

import hashlib

import redis

from addax_api.errors import TooManyRequests
from addax_common.logging import get_logger
from addax_common.settings import Settings

log = get_logger(__name__)

IP_FACTOR = 4


class LoginLocked(TooManyRequests):
    """A login refused unchecked because the account or the address is locked for now."""

    def __init__(self, scope: str, retry_after: int) -> None:
        super().__init__("too many failed logins; try again later", retry_after=retry_after)
        self.scope = scope  # "account" or "ip"
        self.retry_after = max(1, int(retry_after))


class LoginThrottle:
    def __init__(self, client: redis.Redis, settings: Settings) -> None:
        self.redis = client
        self.settings = settings

    def _account_key(self, email: str) -> str:
        digest = hashlib.sha256(email.strip().lower().encode("utf-8", "surrogateescape")).hexdigest()[:32]
        return self.settings.key(f"login:fail:account:{digest}")

    def _ip_key(self, ip: str | None) -> str | None:
        return self.settings.key(f"login:fail:ip:{ip}") if ip else None

    def check(self, email: str, ip: str | None) -> None:
        limit = self.settings.login_max_attempts
        if limit <= 0:
            return
        keys = [("account", self._account_key(email), limit)]
        if (ip_key := self._ip_key(ip)) is not None:
            keys.append(("ip", ip_key, limit * IP_FACTOR))
        try:
            for scope, key, allowed in keys:
                count = int(self.redis.get(key) or 0)
                if count >= allowed:
                    ttl = int(self.redis.ttl(key))
                    raise LoginLocked(scope, ttl if ttl > 0 else self.settings.login_lockout_seconds)
        except redis.RedisError:
            log.warning("login_throttle_unavailable")

    def record_failure(self, email: str, ip: str | None) -> None:
        try:
            pipe = self.redis.pipeline()
            for key in filter(None, (self._account_key(email), self._ip_key(ip))):
                pipe.incr(key)
                pipe.expire(key, self.settings.login_lockout_seconds, nx=True)
            pipe.execute()
        except redis.RedisError:
            log.warning("login_throttle_unavailable")

    def reset_account(self, email: str) -> None:
        try:
            self.redis.delete(self._account_key(email))
        except redis.RedisError:
            log.warning("login_throttle_unavailable")
