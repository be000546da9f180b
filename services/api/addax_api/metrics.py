"""Prometheus metrics of the API (module level: one set per process, however many apps are created)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

REQUESTS = Counter("addax_api_requests_total", "HTTP requests by route template and status", ["method", "route", "status"])
LATENCY = Histogram(
    "addax_api_request_duration_seconds",
    "HTTP request duration by route template",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
RATE_LIMITED = Counter("addax_api_rate_limited_total", "Requests refused by the rate limit (per user or per IP)")
LIVE_CLIENTS = Gauge("addax_api_live_clients", "Connected WebSocket clients on /api/updates")
LIVE_EVENTS = Counter("addax_api_live_events_total", "Pipeline events received for fan-out")
