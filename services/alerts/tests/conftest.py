"""Fixtures of the alert tests: fast retry settings, a context, loopback receivers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from addax_common.context import ServiceContext, make_context
from addax_common.settings import Settings
from tests.support.receivers import HttpReceiver, SmtpReceiver


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


@pytest.fixture
def http_receiver() -> Iterator[HttpReceiver]:
    receiver = HttpReceiver()
    yield receiver
    receiver.close()


@pytest.fixture
def smtp_receiver(tmp_path: Path) -> Iterator[SmtpReceiver]:
    receiver = SmtpReceiver(tmp_path)
    yield receiver
    receiver.close()
