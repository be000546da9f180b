"""The application factory: `create_app(settings)` wires routers, middleware and background tasks."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

import anyio.to_thread
import redis.asyncio as aioredis
from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute
from sqlalchemy import Engine, event
from sqlalchemy.exc import IntegrityError

from addax_api import __version__
from addax_api.alerts.router import admin_router as alerts_admin_router
from addax_api.alerts.router import router as alerts_router
from addax_api.audit.router import project_router as project_audit_router
from addax_api.audit.router import router as audit_router
from addax_api.auth.router import router as auth_router
from addax_api.cameras.router import admin_router as cameras_admin_router
from addax_api.cameras.router import router as cameras_router
from addax_api.config.router import router as config_router
from addax_api.deployments.router import router as deployments_router
from addax_api.deps import mark_connected
from addax_api.errors import install_exception_handlers
from addax_api.exports.router import router as exports_router
from addax_api.frontend import Frontend
from addax_api.ftp_accounts.router import router as ftp_accounts_router
from addax_api.health.router import router as health_router
from addax_api.images.router import router as images_router
from addax_api.images.router import sequences_router
from addax_api.live.hub import LiveHub
from addax_api.live.router import router as live_router
from addax_api.media.router import router as media_router
from addax_api.media.service import MediaUrls
from addax_api.middleware import ConcurrencyGate, RateLimitMiddleware, RequestMiddleware
from addax_api.models.router import project_router as reprocess_router
from addax_api.models.router import router as models_router
from addax_api.projects.router import router as projects_router
from addax_api.response_cache import ResponseCache, bump_data_version
from addax_api.scope_cache import ScopeCache
from addax_api.species_labels.router import router as species_labels_router
from addax_api.stats import tallies
from addax_api.stats.cache import StatsCache
from addax_api.stats.router import router as stats_router
from addax_api.stats.router import species_router
from addax_api.uploads.router import device_router as upload_device_router
from addax_api.uploads.router import project_router as uploads_router
from addax_api.users.router import router as users_router
from addax_api.users.service import ensure_admin
from addax_common.context import ServiceContext, make_context
from addax_common.events import RUNTIME_SETTINGS_CHANGED
from addax_common.logging import get_logger
from addax_common.metrics import register_queue_collector
from addax_common.runtime_settings import RuntimeSettings
from addax_common.settings import Settings, get_settings

log = get_logger(__name__)

OPENAPI_TAGS = [
    {"name": "auth", "description": "Login, token refresh (rotating httpOnly cookie) and logout"},
    {"name": "users", "description": "User management (admin)"},
    {"name": "ftp", "description": "FTP upload accounts for cameras (admin)"},
    {"name": "audit", "description": "Who changed what, when and from where (admin)"},
    {"name": "images", "description": "The image gallery, image details, review and retry"},
    {"name": "species", "description": "Species labels in the data"},
    {"name": "cameras", "description": "Cameras as GeoJSON, details and admin changes"},
    {"name": "stats", "description": "Dashboard statistics (cached in Redis)"},
    {"name": "alerts", "description": "Alert rules, channels (secrets write-only), send test and history"},
    {"name": "uploads", "description": "Web upload and addax-upload (tus), the HTTP upload API, upload keys"},
    {"name": "media", "description": "Signed media URLs of the directory storage backend"},
    {"name": "config", "description": "Public deployment settings the dashboard reads at runtime (map tiles)"},
    {"name": "health", "description": "Health and Prometheus metrics"},
    {"name": "live", "description": "WebSocket /api/updates (not in OpenAPI: see docs/api.md)"},
]


def operation_id(route: APIRoute) -> str:
    """Stable operation ids (`images-list`) so the generated TypeScript client has good names."""
    tag = route.tags[0] if route.tags else "default"
    return f"{tag}-{route.name}"


def _api_session_settings(dbapi_connection: Any, _record: Any) -> None:
    # dbapi_connection is psycopg2's connection; SQLAlchemy's DBAPI protocol lacks its context-manager cursor.
    # The API runs short queries; PostgreSQL's JIT compiler spends 100-200 ms compiling plans that
    # then run in less (measured on the 100k-image list sorted by confidence), so it is off here.
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET jit = off")
    dbapi_connection.commit()


def configure_engine(engine: Engine) -> None:
    if not event.contains(engine, "connect", _api_session_settings):
        event.listen(engine, "connect", _api_session_settings)


def bootstrap_admin(ctx: ServiceContext, settings: Settings) -> None:
    try:
        with ctx.sessions() as db:
            user = ensure_admin(db, settings.admin_email, settings.admin_password)
            db.commit()
    except IntegrityError:  # another API worker process created it at the same moment
        return
    except Exception as exc:  # noqa: BLE001 - e.g. the database is not migrated yet; health shows it
        log.error("admin_bootstrap_failed", error=str(exc))
        return
    if user is not None:
        log.warning("admin_user_created", email=user.email, hint="log in and change the password")


def gate_limit(settings: Settings) -> int:
    """Requests admitted at once: one per pooled connection (middleware.ConcurrencyGate)."""
    return settings.database_pool_size + settings.database_max_overflow


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    ctx: ServiceContext = app.state.ctx
    # Every admitted request must find a worker thread, with room for the live hub and lifespans.
    limiter = anyio.to_thread.current_default_thread_limiter()
    limiter.total_tokens = max(limiter.total_tokens, gate_limit(app.state.settings) + 10)
    await run_in_threadpool(bootstrap_admin, ctx, app.state.settings)
    try:
        await run_in_threadpool(ctx.storage.ensure_buckets)
    except Exception as exc:  # noqa: BLE001
        log.error("storage_setup_failed", error=str(exc))
    register_queue_collector(ctx.redis, app.state.settings.redis_prefix)
    hub_task = asyncio.create_task(app.state.hub.run(), name="live-hub")
    log.info("api_started", version=__version__)
    try:
        yield
    finally:
        # Bounded waits: a shutdown must not hang on a Redis connection that never answers.
        hub_task.cancel()
        await asyncio.wait({hub_task}, timeout=5)
        app.state.hub.cancel_trailing()
        with suppress(Exception):
            await asyncio.wait_for(app.state.redis_async.aclose(), 5)
        if app.state.owns_ctx:
            ctx.close()


def create_app(settings: Settings | None = None, ctx: ServiceContext | None = None) -> FastAPI:
    settings = settings or (ctx.settings if ctx else get_settings())
    owns_ctx = ctx is None
    ctx = ctx or make_context(settings)
    configure_engine(ctx.engine)
    if not event.contains(ctx.sessions, "after_begin", mark_connected):
        event.listen(ctx.sessions, "after_begin", mark_connected)

    app = FastAPI(
        title="AddaxAI Connect API",
        version=__version__,
        description="The single door to AddaxAI Connect's data. Access tokens go in `Authorization: Bearer`; "
        "every route declares the role it needs (viewer < analyst < admin). Errors are `{\"detail\": ...}`.",
        lifespan=lifespan,
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
        openapi_tags=OPENAPI_TAGS,
        generate_unique_id_function=operation_id,
    )
    app.state.settings = settings
    app.state.ctx = ctx
    app.state.owns_ctx = owns_ctx
    app.state.media = MediaUrls(ctx.storage, settings)
    app.state.runtime_settings = RuntimeSettings(ctx.sessions, settings)
    app.state.stats_cache = StatsCache(ctx.redis, settings)
    redis_async = aioredis.Redis.from_url(settings.redis_url, decode_responses=True, health_check_interval=30)
    app.state.redis_async = redis_async

    def fold_tallies() -> None:
        try:
            with ctx.sessions() as db:
                tallies.compact(db)
        except Exception as exc:  # noqa: BLE001 - the next statistics request folds them
            log.warning("tallies_fold_failed", error=str(exc))

    async def stats_stale(project_id: int) -> None:
        # The pipeline's changes (at most every 5 s in a burst, live/hub.py): fold the tallies' changes now,
        # so a statistics request finds few to fold and they never pile up unread; the next request recomputes.
        await run_in_threadpool(fold_tallies)
        await redis_async.incr(app.state.stats_cache.version_key(project_id))

    app.state.response_cache = ResponseCache(settings)
    app.state.scope_cache = ScopeCache(settings.response_cache_seconds)

    async def pipeline_event(event: dict[str, Any]) -> None:
        # Made through another API process. The event has no project: the hub bumps every project's
        # gallery answers for it, as a new threshold changes them all.
        if event.get("type") == RUNTIME_SETTINGS_CHANGED:
            app.state.runtime_settings.invalidate()

    async def data_changed(project_id: int | None) -> None:
        await bump_data_version(redis_async, settings, project_id)

    async def changed_through_the_api() -> None:  # may touch any project: the global version
        await bump_data_version(redis_async, settings)

    app.state.hub = LiveHub(settings, redis_async, ctx.sessions, on_stats_stale=stats_stale, on_event=pipeline_event,
                            on_data_changed=data_changed)
    app.state.frontend = Frontend.load(settings.frontend_dist_dir)

    for router in (
        auth_router,
        users_router,
        ftp_accounts_router,
        audit_router,
        project_audit_router,
        projects_router,
        images_router,
        sequences_router,
        species_router,
        species_labels_router,
        cameras_router,
        cameras_admin_router,
        deployments_router,
        exports_router,
        uploads_router,
        upload_device_router,
        stats_router,
        alerts_router,
        alerts_admin_router,
        media_router,
        config_router,
        models_router,
        reprocess_router,
        health_router,
        live_router,
    ):
        app.include_router(router)

    install_exception_handlers(app)
    # Added innermost first: RequestMiddleware wraps everything (logs, headers, 500s), CORS answers
    # preflights before the rate limit counts anything, and the gate admits only what the rate limit let in.
    app.add_middleware(ConcurrencyGate, connections=gate_limit(settings), timeout=settings.database_pool_timeout_seconds)
    app.add_middleware(RateLimitMiddleware, settings=settings, get_redis=lambda: app.state.redis_async)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_credentials=True,
        allow_methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
        allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
        expose_headers=["X-Request-ID", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining"],
        max_age=600,
    )
    app.add_middleware(RequestMiddleware, settings=settings, on_change=changed_through_the_api)
    return app
