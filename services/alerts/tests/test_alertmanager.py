"""System health end to end: a real Prometheus (Debian `prometheus`) evaluates an always-firing rule,
a real Alertmanager (Debian `prometheus-alertmanager`) posts it with the bearer token to the webhook
of a real `python -m addax_alerts`, which records a system alert log and notifies a loopback receiver."""

from __future__ import annotations

import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from addax_common.context import ServiceContext
from addax_common.db import AlertChannel, AlertDelivery, AlertLog, DeliveryStatus, LogKind
from addax_common.secret_box import SecretBox
from addax_common.settings import Settings
from tests.support.alert_seed import start_alerts
from tests.support.receivers import HttpReceiver
from tests.support.servers import free_port, wait_for_port
from tests.support.stack import wait_until

TOKEN = "am-test-token-0123456789abcdef0123456789"


class Processes:
    """Child processes this test started; stopped by their own pid, nothing else."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.running: list[subprocess.Popen[bytes]] = []

    def start(self, name: str, args: list[str]) -> subprocess.Popen[bytes]:
        binary = shutil.which(args[0])
        assert binary, f"{args[0]} is missing: scripts/install.sh --for-tests installs {name}"
        log = (self.directory / f"{name}.log").open("wb")
        proc = subprocess.Popen([binary, *args[1:]], cwd=self.directory, stdout=log, stderr=subprocess.STDOUT)
        self.running.append(proc)
        return proc

    def stop(self) -> None:
        for proc in reversed(self.running):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)

    def log(self, name: str) -> str:
        return (self.directory / f"{name}.log").read_text(errors="replace")[-3000:]


@pytest.fixture
def processes(tmp_path: Path) -> Iterator[Processes]:
    running = Processes(tmp_path)
    yield running
    running.stop()


def write_configs(directory: Path, am_port: int, webhook_port: int) -> None:
    rules = {"groups": [{"name": "addax-test", "interval": "1s", "rules": [{
        "alert": "AddaxTestAlwaysFiring", "expr": "vector(1) > 0", "for": "0s",
        "labels": {"severity": "critical"}, "annotations": {"summary": "fires on every evaluation"}}]}]}
    prometheus = {"global": {"evaluation_interval": "1s", "scrape_interval": "1m"}, "rule_files": ["rules.yml"],
                  "alerting": {"alertmanagers": [{"static_configs": [{"targets": [f"127.0.0.1:{am_port}"]}]}]}}
    alertmanager = {
        "route": {"receiver": "addax", "group_wait": "0s", "group_interval": "1s", "repeat_interval": "1h"},
        "receivers": [{"name": "addax", "webhook_configs": [{
            "url": f"http://127.0.0.1:{webhook_port}/alertmanager", "send_resolved": True,
            "http_config": {"authorization": {"type": "Bearer", "credentials": TOKEN}}}]}],
    }
    for name, document in (("rules.yml", rules), ("prometheus.yml", prometheus), ("alertmanager.yml", alertmanager)):
        (directory / name).write_text(yaml.safe_dump(document))


def test_prometheus_rule_through_alertmanager_becomes_a_system_alert(
        actx: ServiceContext, alert_settings: Settings, http_receiver: HttpReceiver, processes: Processes,
        tmp_path: Path) -> None:
    with actx.sessions.begin() as session:
        session.add(AlertChannel(project_id=None, kind="webhook", name="ops", settings={"url": f"{http_receiver.url}/ops"},
                                 secrets_encrypted=SecretBox(actx.settings.alerts_secret_key).encrypt({"signing_secret": "s"})))
    webhook_port, am_port, prom_port = free_port(), free_port(), free_port()
    write_configs(tmp_path, am_port, webhook_port)
    service = start_alerts(alert_settings.model_copy(update={
        "alerts_webhook_port": webhook_port, "alertmanager_webhook_token": TOKEN}), "webhook,deliver")
    processes.running.append(service)
    processes.start("prometheus-alertmanager", [
        "prometheus-alertmanager", "--config.file=alertmanager.yml", f"--storage.path={tmp_path / 'am-data'}",
        f"--web.listen-address=127.0.0.1:{am_port}", "--cluster.listen-address="])
    processes.start("prometheus", [
        "prometheus", "--config.file=prometheus.yml", f"--storage.tsdb.path={tmp_path / 'prom-data'}",
        f"--web.listen-address=127.0.0.1:{prom_port}",
        # The first evaluation may run before Alertmanager is discovered (that notification is
        # dropped); resend every second instead of every minute.
        "--rules.alert.resend-delay=1s"])
    wait_for_port(webhook_port, timeout=30)

    def system_logs() -> list[AlertLog]:
        with actx.sessions() as session:
            return list(session.scalars(select(AlertLog).where(AlertLog.kind == LogKind.SYSTEM)))

    try:
        [alert] = wait_until(system_logs, timeout=30, interval=0.2, what="a system alert log")
        wait_until(lambda: http_receiver.requests, timeout=15, interval=0.2, what="the ops webhook notified")
    except TimeoutError as exc:
        raise AssertionError(f"{exc}\n{processes.log('prometheus-alertmanager')}\n{processes.log('prometheus')}") from exc
    assert alert.reason == "FIRING: AddaxTestAlwaysFiring - fires on every evaluation"
    assert alert.payload["labels"]["alertname"] == "AddaxTestAlwaysFiring"
    assert alert.payload["severity"] == "critical" and alert.payload["rule_name"] == "System health"
    assert alert.dedup_key.startswith(f"am:{alert.payload['fingerprint']}:firing:")
    request = http_receiver.requests[0]
    assert request.path == "/ops" and request.json()["alert"]["alertname"] == "AddaxTestAlwaysFiring"

    def delivery_statuses() -> list[DeliveryStatus]:
        with actx.sessions() as session:
            return list(session.scalars(select(AlertDelivery.status)))

    # The receiver holds the message before the worker records it as sent (the row is updated after
    # the receiver answers), so the delivery may still read `pending` for a moment.
    wait_until(lambda: delivery_statuses() != [DeliveryStatus.PENDING], timeout=15, interval=0.1,
               what="the delivery recorded")
    assert delivery_statuses() == [DeliveryStatus.SENT]
