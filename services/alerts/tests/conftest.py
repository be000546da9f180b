"""Fixtures of the alert tests: fast retry settings and a context (the loopback receivers are shared:
tests/support/fixtures.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from addax_common.context import ServiceContext, make_context
from addax_common.settings import Settings


@pytest.fixture
def alert_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={
        "alerts_secret_key": "test-alerts-secret-key-0123456789abcdef",
        "alerts_delivery_backoff_seconds": 0.2,
        "alerts_delivery_max_attempts": 3,
        "alerts_reconcile_after_seconds": 0.0,
        "alerts_scheduler_interval_seconds": 0.3,
        "alerts_channel_timeout_seconds": 3.0,
        "alerts_max_age_seconds": 3600,
        "alerts_delivery_concurrency": 2,
    })


@pytest.fixture
def actx(alert_settings: Settings) -> Iterator[ServiceContext]:
    context = make_context(alert_settings)
    context.storage.ensure_buckets()
    yield context
    context.close()
