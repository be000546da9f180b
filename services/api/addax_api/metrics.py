"""Prometheus metrics of the API (module level: one set per process, however many apps are created)."""

from __future__ import annotations

import os

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge, Histogram, generate_latest, multiprocess

from addax_common.context import ServiceContext
from addax_common.metrics import QueueCollector

REQUESTS = Counter("addax_api_requests_total", "HTTP requests by route template and status", ["method", "route", "status"])
LATENCY = Histogram(
    "addax_api_request_duration_seconds",
    "HTTP request duration by route template",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
RATE_LIMITED = Counter("addax_api_rate_limited_total", "Requests refused by the rate limit (per user or per IP)")
# livesum: with several API worker processes (API_WORKERS) /metrics shows the sum over the live ones.
LIVE_CLIENTS = Gauge("addax_api_live_clients", "Connected WebSocket clients on /api/updates", multiprocess_mode="livesum")
LIVE_EVENTS = Counter("addax_api_live_events_total", "Pipeline events received for fan-out")
GATE_WAITING = Gauge(
    "addax_api_requests_waiting", "API requests waiting for a database slot (the concurrency gate)",
    multiprocess_mode="livesum",
)
GATE_REFUSED = Counter("addax_api_requests_busy_total", "API requests answered 503 after waiting too long for a slot")


def exposition(ctx: ServiceContext) -> bytes:
    """What /metrics serves: this process's metrics or, with several API worker processes (__main__ sets
    prometheus_client's PROMETHEUS_MULTIPROC_DIR for them), every live process's summed, plus the
    queue figures read from Redis."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return generate_latest(REGISTRY)
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]  # prometheus_client leaves it unannotated
    registry.register(QueueCollector(ctx.redis, ctx.settings.redis_prefix))
    return generate_latest(registry)
