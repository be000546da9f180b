"""Pure ASGI middleware: request log + metrics + security headers + last-resort error handler, the
rate limit (per user when signed in, per IP otherwise) and the concurrency gate. (Pure ASGI rather than
BaseHTTPMiddleware: no extra task per request, and WebSocket scopes pass straight through.)"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence

import redis.asyncio as aioredis
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from addax_api.deps import REDIS_ANSWER_SECONDS, valid_ip
from addax_api.errors import Unauthorized
from addax_api.metrics import GATE_REFUSED, GATE_WAITING, LATENCY, RATE_LIMITED, REQUESTS
from addax_api.security import decode_access_token
from addax_common.logging import get_logger
from addax_common.settings import Settings, tile_url_origin

log = get_logger("addax_api.access")

# The app's own pages: scripts and styles from this origin only. Leaflet needs inline styles. Images
# only from this origin, data:/blob: URLs, the configured map tile server (which may be plain http at
# an offline field station) and wherever signed media links point (the public S3 endpoint or API URL);
# never any https: origin. The live feed is a WebSocket.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:{images}; "
    "connect-src 'self' ws: wss:; font-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "frame-ancestors 'none'; form-action 'self'"
)
# Swagger UI (/api/docs) loads its bundle from jsDelivr and starts with an inline script.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https:; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)


def image_origins(settings: Settings) -> list[str]:
    """The other origins the app's images come from: MAP_TILE_URL's origin, then the origins of
    signed media links (S3_PUBLIC_ENDPOINT_URL or S3_ENDPOINT_URL with the S3 backend, and
    PUBLIC_API_URL), each reduced to scheme://host[:port] by the validator of the tile URL."""
    media = [settings.public_api_url]
    if settings.storage_backend == "s3":
        media.append(settings.s3_public_endpoint_url or settings.s3_endpoint_url or "")
    origins = [settings.map_tile_origin, *(tile_url_origin(url) for url in media if url)]
    return list(dict.fromkeys(o for o in origins if o))


def content_security_policy(settings: Settings) -> str:
    return CSP.format(images="".join(f" {origin}" for origin in image_origins(settings)))


_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
QUIET_PATHS = ("/metrics", "/api/health")
# The upload routes count per upload key or user against UPLOAD_RATE_LIMIT_PER_MINUTE instead (uploads/router.py):
# an SD card is thousands of requests, and a device's key, not its address, is what is limited.
async def count_in_window(client: aioredis.Redis, prefix_key: str) -> tuple[int, int]:
    """Count one request in the current fixed one-minute window of `prefix_key` (Redis key
    `<prefix_key>:<minute>`, kept two minutes): the window's count so far, and the seconds until it
    ends (a Retry-After). Redis errors propagate: every caller fails open."""
    now = time.time()
    window = int(now // 60)
    key = f"{prefix_key}:{window}"
    async with client.pipeline(transaction=False) as pipe:
        pipe.incr(key)
        pipe.expire(key, 120)
        count, _ = await pipe.execute()
    return int(count), int((window + 1) * 60 - now) + 1


_UPLOAD_PATH = re.compile(r"^/api/(upload/|projects/[^/]+/uploads(/|$))")


def _client_ip(scope: Scope) -> str | None:
    client = scope.get("client")
    return valid_ip(client[0]) if client else None


def _json_response(status: int, detail: str, extra_headers: Sequence[tuple[bytes, bytes]] = ()) -> tuple[Message, Message]:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *extra_headers]
    return {"type": "http.response.start", "status": status, "headers": headers}, {"type": "http.response.body", "body": body}


# Requests that change nothing: the others, when they succeed, invalidate the cached gallery answers.
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# Signing in, refreshing a token and signing out change no image: every dashboard refreshes its token
# every few minutes, and a hundred of them would keep the gallery's cache empty.
SESSION_PATHS = "/api/auth/"


class RequestMiddleware:
    def __init__(
        self, app: ASGIApp, settings: Settings, on_change: Callable[[], Awaitable[None]] | None = None
    ) -> None:
        self.app = app
        self.on_change = on_change
        self.hsts = settings.cookie_secure
        self.csp = content_security_policy(settings)

    def _security_headers(self, headers: MutableHeaders, path: str) -> None:
        defaults = {
            "Content-Security-Policy": DOCS_CSP if path.startswith("/api/docs") else self.csp,
            "X-Content-Type-Options": "nosniff",
            "X-Frame-Options": "DENY",
            "Referrer-Policy": "no-referrer",
            "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
            "Cross-Origin-Opener-Policy": "same-origin",
            "Cross-Origin-Resource-Policy": "same-origin",
        }
        if self.hsts:
            defaults["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        if path.startswith("/api/"):
            # Authenticated data must not sit in shared or browser caches; media set their own policy.
            defaults["Cache-Control"] = "no-store"
        for name, value in defaults.items():
            if name not in headers:
                headers[name] = value

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        incoming = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        path = scope.get("path", "")
        status = 500
        started = False

        changes = (
            scope.get("method") not in SAFE_METHODS and path.startswith("/api/") and not path.startswith(SESSION_PATHS)
        )

        async def send_wrapper(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                started = True
                status = message["status"]
                if changes and status < 400 and self.on_change is not None:
                    # Committed (commits happen before the answer) and not yet told: see response_cache.py.
                    await self.on_change()
                headers = MutableHeaders(scope=message)
                self._security_headers(headers, path)
                headers["X-Request-ID"] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception:
            status = 500
            log.exception("unhandled_error", method=scope.get("method"), path=path, request_id=request_id)
            if not started:
                head, body = _json_response(500, "internal server error")
                await send_wrapper(head)
                await send(body)
        finally:
            duration = time.perf_counter() - start
            route = scope.get("route")
            template = getattr(route, "path", None) or ("unmatched" if status == 404 else "other")
            method = scope.get("method", "")
            REQUESTS.labels(method, template, str(status)).inc()
            LATENCY.labels(method, template).observe(duration)
            state = scope.get("state") or {}
            fields = dict(
                method=method,
                path=path,
                route=template,
                status=status,
                duration_ms=round(duration * 1000, 2),
                client_ip=_client_ip(scope),
                request_id=request_id,
                user_id=state.get("user_id"),
            )
            if path in QUIET_PATHS and status < 400:
                log.debug("request", **fields)
            else:
                log.info("request", **fields)


class RateLimitMiddleware:
    """Fixed one-minute windows, counted in Redis so every API process shares them: per user for a
    request whose bearer token verifies, per client IP for the rest. Per user, because a field station
    puts everyone behind one address and one fast reviewer must not use up a colleague's budget.

    Counted: /api/* except /api/health, the upload routes and /api/media/* (thumbnails of one gallery page are 50
    requests; their signed URLs are the control there). Redis unavailable: requests pass (logged).
    RATE_LIMIT_PER_MINUTE=0 switches the limit off."""

    def __init__(self, app: ASGIApp, settings: Settings, get_redis: Callable[[], aioredis.Redis]) -> None:
        self.app = app
        self.settings = settings
        self.limit = settings.rate_limit_per_minute
        self.user_limit = settings.rate_limit_per_user_per_minute
        self.get_redis = get_redis

    def _bucket(self, scope: Scope) -> tuple[str, int]:
        """The counter a request is charged to and its limit: the token's user, or the client IP."""
        authorization = dict(scope.get("headers") or []).get(b"authorization", b"").decode("latin-1")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() == "bearer" and token:
            try:
                # Verified (signature, expiry): a made-up token cannot pick someone else's budget.
                return f"user:{decode_access_token(self.settings, token.strip()).user_id}", self.user_limit
            except Unauthorized:
                pass
        return f"ip:{_client_ip(scope) or 'unknown'}", self.limit

    def _counted(self, scope: Scope) -> bool:
        path = scope.get("path", "")
        return (
            scope["type"] == "http"
            and self.limit > 0
            and path.startswith("/api/")
            and not path.startswith("/api/media/")
            and path != "/api/health"
            and scope.get("method") != "OPTIONS"
            and not _UPLOAD_PATH.match(path)
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._counted(scope):
            await self.app(scope, receive, send)
            return
        bucket, limit = self._bucket(scope)
        try:
            # Bounded: a Redis that does not answer (frozen, a full network buffer) raises no error at all.
            count, reset = await asyncio.wait_for(
                count_in_window(self.get_redis(), self.settings.key(f"ratelimit:{bucket}")), REDIS_ANSWER_SECONDS
            )
        except Exception as exc:  # noqa: BLE001 - fail open: Redis trouble must not take the API down
            log.warning("rate_limit_unavailable", error=str(exc))
            await self.app(scope, receive, send)
            return
        remaining = max(0, limit - count)
        limit_headers = [
            (b"x-ratelimit-limit", str(limit).encode()),
            (b"x-ratelimit-remaining", str(remaining).encode()),
        ]
        if count > limit:
            RATE_LIMITED.inc()
            head, body = _json_response(
                429, "rate limit exceeded; try again later", [*limit_headers, (b"retry-after", str(reset).encode())]
            )
            await send(head)
            await send(body)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *limit_headers]
            await send(message)

        await self.app(scope, receive, send_with_headers)


# Not gated: media are served from storage without the database (50 thumbnails per gallery page must not
# queue behind slow queries), health must answer under load, and upload bodies arrive at the speed of
# a cellular link.
UNGATED_PREFIXES = ("/api/media/", "/api/health")


def _gated(path: str) -> bool:
    return path.startswith("/api/") and not path.startswith(UNGATED_PREFIXES) and not _UPLOAD_PATH.match(path)


# The gallery's reads (answered from memory most of the time, response_cache.py) have a lane of their
# own, so a burst of slow requests (image details, exports, statistics) cannot hold them up.
GALLERY_READ = re.compile(r"/api/projects/[^/]+/images(/status-counts)?")


def _lane(method: str, path: str) -> str:
    return "gallery" if method == "GET" and GALLERY_READ.fullmatch(path) else "default"


def lane_limits(connections: int) -> dict[str, int]:
    """How many requests of each lane run at once: together one per pooled connection."""
    gallery = max(1, connections // 3)
    return {"gallery": gallery, "default": max(1, connections - gallery)}


class ConcurrencyGate:
    """At most one API request per pooled database connection runs at once; the rest wait here on the
    event loop, in arrival order, for up to `timeout` seconds, then get a 503 with Retry-After. Gallery
    reads and everything else wait in separate lanes (`lane_limits`).

    Without it a burst deadlocks: each request takes a pooled connection in one worker thread (the
    project scope) and needs another thread for the next step, while every thread of the pool (40) is
    taken by requests waiting for a connection; nothing moves until the pool times out (measured: 172 of
    180 concurrent requests answered 503, and 5 requests/s under Locust). Waiting here costs no thread
    and no connection, and an admitted request always finds both."""

    def __init__(self, app: ASGIApp, connections: int, timeout: float) -> None:
        self.app = app
        self.limits = lane_limits(connections)
        self.timeout = timeout
        self._lanes: dict[str, asyncio.Semaphore] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not _gated(path):
            await self.app(scope, receive, send)
            return
        lane = _lane(scope.get("method", ""), path)
        if lane not in self._lanes:  # created on the serving loop
            self._lanes[lane] = asyncio.Semaphore(self.limits[lane])
        slots = self._lanes[lane]
        GATE_WAITING.inc()
        try:
            await asyncio.wait_for(slots.acquire(), self.timeout)
        except TimeoutError:
            GATE_REFUSED.inc()
            log.warning("api_busy", path=path, lane=lane, limit=self.limits[lane])
            head, body = _json_response(503, "the server is busy: every database connection is in use; retry in a moment",
                                        [(b"retry-after", b"1")])
            await send(head)
            await send(body)
            return
        finally:
            GATE_WAITING.dec()
        try:
            await self.app(scope, receive, send)
        finally:
            slots.release()
