"""Prometheus metrics of the alerts service (served on its metrics port, 9104 by default)."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

ALERTS_FIRED = Counter("alerts_fired_total", "Alerts fired (alert log rows written)", ["rule_kind"])
# status: sent, failed (gave up), retry (a retryable failure that will be tried again).
NOTIFICATIONS = Counter("notifications_total", "Notification attempts by channel kind and outcome", ["channel", "status"])
DELIVERY_LATENCY = Histogram(
    "alert_delivery_latency_seconds", "From an alert firing to its notification being accepted by the receiver",
    ["channel"], buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600),
)
EVALUATION_DURATION = Histogram(
    "alert_evaluation_seconds", "Time to evaluate one completed image against the active rules",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1),
)
SCHEDULER_RUNS = Counter("alert_scheduler_runs_total", "Scheduler ticks run while holding the lock", ["task"])
# Requests to the Alertmanager webhook by HTTP status (401: a wrong token; 422: not a v4 payload).
WEBHOOK_REQUESTS = Counter("alerts_webhook_requests_total", "Alertmanager webhook requests by HTTP status", ["code"])
