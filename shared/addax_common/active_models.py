"""Which models the inference workers run, with their provenance.

A worker publishes the model it loaded; the API reads the list for GET /api/config, so the dashboard
can say when demo models are active without the API ever opening a model file (it never runs one).
The last worker of a stage to start wins: that is the model new images go through."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

import redis

from addax_common.logging import get_logger

log = get_logger(__name__)
Task = Literal["detection", "classification"]
ACTIVE_KEY = "models:active"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class ModelProvenance:
    task: Task
    name: str
    version: str
    sha256: str  # of the file the worker loaded
    license: str
    source: str
    demo: bool

    @property
    def ref(self) -> str:
        """What detection and classification rows store as their model: name and version."""
        return f"{self.name}@{self.version}"


def provenance(path: str | os.PathLike[str], metadata: dict[str, str], task: Task) -> ModelProvenance:
    """From the ONNX metadata (models/README.md); a model exported elsewhere gets its file name and
    "unknown" for what it does not say, never a guess."""
    file = Path(path)
    digest = hashlib.sha256()
    with file.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return ModelProvenance(
        task=task,
        name=metadata.get("name") or file.stem,
        version=metadata.get("version") or UNKNOWN,
        sha256=digest.hexdigest(),
        license=metadata.get("license") or UNKNOWN,
        source=metadata.get("source") or f"path: {file.name}",
        demo=metadata.get("demo", "").lower() == "true",
    )


def publish(client: redis.Redis, prefix: str, model: ModelProvenance) -> None:
    client.hset(f"{prefix}{ACTIVE_KEY}", model.task, json.dumps(asdict(model)))


def active(client: redis.Redis, prefix: str) -> list[ModelProvenance]:
    """The published models, detection first; entries that do not parse are left out."""
    raw: dict[Any, Any] = client.hgetall(f"{prefix}{ACTIVE_KEY}")
    models = []
    for task in ("detection", "classification"):
        value = raw.get(task) or raw.get(task.encode())
        if value is None:
            continue
        try:
            models.append(ModelProvenance(**json.loads(value)))
        except (TypeError, ValueError):
            continue
    return models


def announce(
    client: redis.Redis, prefix: str, path: str | os.PathLike[str], metadata: dict[str, str], task: Task,
    model: ModelProvenance | None = None,
) -> ModelProvenance:
    """A worker's start: publish the model it loaded and warn, loudly, when it is a demo stand-in
    (``model``: its provenance when the caller computed it already)."""
    model = model or provenance(path, metadata, task)
    publish(client, prefix, model)
    if model.demo:
        log.warning(
            "demo_model_active",
            model=model.ref,
            task=task,
            hint="demo models find the coloured shapes of "
            "the demo photos, not animals; install a real model: docs/models.md",
        )
    return model


PROVIDERS_KEY = "models:providers"


def report_providers(client: redis.Redis, prefix: str, task: Task, providers: list[str]) -> None:
    """A worker's start: the ONNX Runtime execution providers its session really uses (first = preferred),
    which may be fewer than ONNX_PROVIDERS asked for when one is not available on the machine."""
    report = {"providers": providers, "host": socket.gethostname(), "pid": os.getpid(), "reported_at": time.time()}
    client.hset(f"{prefix}{PROVIDERS_KEY}", task, json.dumps(report))


def providers_in_use(client: redis.Redis, prefix: str) -> dict[str, dict[str, Any]]:
    """What each stage's last started worker reported, by task; unreadable entries left out."""
    raw: dict[Any, Any] = client.hgetall(f"{prefix}{PROVIDERS_KEY}")
    result: dict[str, dict[str, Any]] = {}
    for task, value in raw.items():
        try:
            report = json.loads(value)
        except ValueError:
            continue
        if isinstance(report, dict):
            result[task.decode() if isinstance(task, bytes) else task] = report
    return result
