"""The real platform as child processes, for end-to-end tests: each service is started exactly as
the supervisor starts it (`python -m addax_<service>`) with the test run's settings."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from addax_common.settings import Settings
from tests.support.servers import REPO, free_port, settings_env, wait_for_port

MODULES = {
    "ingestion": "addax_ingestion",
    "detection": "addax_detection",
    "classification": "addax_classification",
    "alerts": "addax_alerts",
    "api": "addax_api",
}


def module_of(name: str) -> str:
    """`detection` or a further replica `detection#2`: both run `python -m addax_detection`."""
    return MODULES[name.partition("#")[0]]


class Stack:
    def __init__(self, settings: Settings, log_dir: Path) -> None:
        passive = free_port() // 20 * 20 % 20000 + 40000
        self.settings = settings.model_copy(
            update={
                "ftps_port": free_port(),
                "ftps_passive_ports": f"{passive}-{passive + 19}",
                "api_port": free_port(),
                "alerts_webhook_port": free_port(),
            }
        )
        self.log_dir = log_dir
        log_dir.mkdir(parents=True, exist_ok=True)
        self.procs: dict[str, subprocess.Popen] = {}
        self.metrics_ports: dict[str, int] = {}
        self._generation: dict[str, int] = {}

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.api_port}"

    def start(self, *names: str, timeout: float = 60) -> Stack:
        for name in names or tuple(MODULES):
            self._spawn(name)
        for name in names or tuple(MODULES):
            self.wait_ready(name, timeout)
        return self

    def _spawn(self, name: str) -> None:
        generation = self._generation.get(name, 0) + 1
        self._generation[name] = generation
        port = self.settings.api_port if name == "api" else free_port()
        self.metrics_ports[name] = port
        env = settings_env(self.settings) | {"METRICS_PORT": str(port)}
        log = open(self.log_dir / f"{name}-{generation}.log", "wb")  # noqa: SIM115 - closed with the process
        self.procs[name] = subprocess.Popen(
            [sys.executable, "-m", module_of(name)], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT
        )

    def wait_ready(self, name: str, timeout: float = 60) -> None:
        proc = self.procs[name]
        deadline = time.time() + timeout
        while time.time() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"{name} exited with {proc.returncode}:\n{self.logs(name)[-3000:]}")
            try:
                wait_for_port(self.metrics_ports[name], timeout=0.5)
                if name == "ingestion" and self.settings.ftps_enabled:
                    wait_for_port(self.settings.ftps_port, timeout=0.5)
                if name == "alerts" and "webhook" in self.settings.alerts_loops:
                    wait_for_port(self.settings.alerts_webhook_port, timeout=0.5)
                return
            except TimeoutError:
                continue
        raise TimeoutError(f"{name} not ready after {timeout}s:\n{self.logs(name)[-3000:]}")

    def logs(self, name: str) -> str:
        generation = self._generation.get(name, 1)
        path = self.log_dir / f"{name}-{generation}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def pid(self, name: str) -> int:
        return self.procs[name].pid

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        proc = self.procs.pop(name)
        os.kill(proc.pid, sig)
        proc.wait(20)

    def restart(self, name: str, timeout: float = 60) -> None:
        if name in self.procs:
            self.kill(name, signal.SIGTERM)
        self._spawn(name)
        self.wait_ready(name, timeout)

    def stop(self) -> None:
        for name in list(self.procs):
            proc = self.procs.pop(name)
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)


def wait_until(predicate: Callable[[], object], timeout: float, interval: float = 0.25, what: str = "condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"{what} not reached within {timeout}s")


__all__ = ["Stack", "wait_until", "REPO"]
