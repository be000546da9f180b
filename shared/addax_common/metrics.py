"""Prometheus metrics shared by every service, and the worker metrics HTTP server.

Queue gauges are read from Redis at scrape time (a collector), so they are right even when no
worker of that queue runs.
"""

from __future__ import annotations

from collections.abc import Iterator

import redis
from prometheus_client import REGISTRY, Counter, Histogram, start_http_server
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

DEFAULT_METRICS_PORTS = {"ingestion": 9101, "detection": 9102, "classification": 9103, "alerts": 9104}

STAGE_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120)
LATENCY_BUCKETS = (0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800)

STAGE_DURATION = Histogram(
    "addax_stage_duration_seconds", "Time spent handling one image in a pipeline stage", ["stage"], buckets=STAGE_BUCKETS
)
BATCH_SIZE = Histogram("addax_batch_size", "Messages handled together in one batch", ["stage"], buckets=(1, 2, 4, 8, 16, 32))
PROCESSED = Counter("addax_images_processed_total", "Images a stage finished successfully", ["stage"])
FAILED = Counter("addax_images_failed_total", "Images a stage gave up on after the last attempt", ["stage"])
RETRIED = Counter("addax_images_retried_total", "Attempts that failed and were scheduled again", ["stage"])
END_TO_END = Histogram(
    "addax_end_to_end_latency_seconds", "From upload received to classification completed", buckets=LATENCY_BUCKETS
)
CLASSIFICATION_CONFIDENCE = Histogram(
    "addax_classification_confidence", "Top species score of each classified crop",
    buckets=(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0),
)
INGESTED = Counter("addax_ingested_total", "Uploads taken in by ingestion, by outcome", ["outcome"])
RECONCILED = Counter("addax_reconciled_total", "Images enqueued again by the reconciler", ["queue"])
FTP_SESSIONS = Counter(
    "addax_ftp_sessions_total", "FTP logins to the built-in server, by transport (plain, explicit_tls, implicit_tls)",
    ["transport"],
)
REAPED = Counter("addax_reaped_total", "Messages returned from dead consumers", ["queue"])
OUTAGES = Counter(
    "addax_worker_outages_total", "Rounds of a worker loop stopped by Redis or PostgreSQL being unreachable",
    ["stage", "dependency"],
)
REDIS_DATA_LOST = Counter("addax_redis_data_lost_total", "Times a worker found Redis emptied (its epoch key gone)")


class QueueCollector(Collector):
    """Depth, in-flight and dead-letter counts of the pipeline queues, read from Redis on scrape."""

    def __init__(self, redis_client: redis.Redis, prefix: str = "") -> None:
        self.redis = redis_client
        self.prefix = prefix

    def collect(self) -> Iterator[Metric]:
        from addax_common.reliable_queue import MONITORED_QUEUES, DeadLetters, ReliableQueue

        depth = GaugeMetricFamily("addax_queue_depth", "Messages waiting in a queue", labels=["queue"])
        in_flight = GaugeMetricFamily("addax_queue_in_flight", "Messages taken but not yet acknowledged", labels=["queue"])
        delayed = GaugeMetricFamily("addax_queue_delayed", "Messages waiting for a retry", labels=["queue"])
        dead = GaugeMetricFamily("addax_dead_letters", "Messages in failed-jobs")
        try:
            for name in MONITORED_QUEUES:
                queue = ReliableQueue(self.redis, name, self.prefix)
                depth.add_metric([name], queue.depth())
                in_flight.add_metric([name], queue.in_flight_count())
                delayed.add_metric([name], queue.delayed_count())
            dead.add_metric([], DeadLetters(self.redis, self.prefix).count())
        except Exception:  # noqa: BLE001 - a scrape must not fail because Redis is down
            return
        yield from (depth, in_flight, delayed, dead)


_registered_collectors: set[tuple[int, str]] = set()


def register_queue_collector(redis_client: redis.Redis, prefix: str = "") -> None:
    marker = (id(REGISTRY), prefix)
    if marker not in _registered_collectors:
        REGISTRY.register(QueueCollector(redis_client, prefix))
        _registered_collectors.add(marker)


def start_metrics_server(service: str, port: int = 0, host: str = "0.0.0.0") -> int:  # noqa: S104 - in a container; the port is not published
    """Serve /metrics for a worker; returns the port."""
    port = port or DEFAULT_METRICS_PORTS.get(service, 9100)
    start_http_server(port, addr=host)
    return port
