"""Health of what the API depends on. Error texts are short and generic on purpose: the endpoint is
public (load balancers, Docker health checks), and details such as paths or hosts go to the logs."""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import text

from addax_api.health.schemas import ComponentHealth, HealthOut, QueueHealth
from addax_common.context import ServiceContext
from addax_common.logging import get_logger
from addax_common.reliable_queue import PIPELINE_QUEUES, DeadLetters

log = get_logger(__name__)


def _probe(name: str, check: Callable[[], object], failure: str) -> ComponentHealth:
    start = time.perf_counter()
    try:
        check()
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        log.warning("health_check_failed", component=name, error=str(exc))
        return ComponentHealth(ok=False, error=failure)
    return ComponentHealth(ok=True, latency_ms=round((time.perf_counter() - start) * 1000, 2))


def check(ctx: ServiceContext) -> HealthOut:
    def database() -> None:
        with ctx.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    db = _probe("database", database, "database unreachable")
    redis_health = _probe("redis", ctx.redis.ping, "redis unreachable")
    storage = _probe("storage", ctx.storage.ping, "storage unavailable")
    queues = QueueHealth(ok=False, depths={})
    if redis_health.ok:
        try:
            depths, in_flight = {}, {}
            for name in PIPELINE_QUEUES:
                queue = ctx.queue(name)
                depths[name] = queue.depth()
                in_flight[name] = queue.in_flight_count()
            queues = QueueHealth(
                ok=True, depths=depths, in_flight=in_flight, dead_letters=DeadLetters(ctx.redis, ctx.settings.redis_prefix).count()
            )
        except Exception as exc:  # noqa: BLE001
            log.warning("health_check_failed", component="queues", error=str(exc))
    healthy = db.ok and redis_health.ok and storage.ok
    return HealthOut(status="ok" if healthy else "degraded", database=db, redis=redis_health, storage=storage, queues=queues)
