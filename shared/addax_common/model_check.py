"""Start-up checks of an inference worker's model: a model that cannot be run correctly stops the worker
before it takes a single image, with one line that names the problem (never a traceback), and the
problem is published in Redis for the Models page.

Problems (each raises ``ModelError``): the file is missing or not ONNX, its input is not [N, 3, H, W],
its output has a layout the decoder does not know, its labels do not match its class count, its
sha256 differs from the one ``models/catalog.yaml`` records for it, or that catalog does not load
(``addax_common.model_catalog`` names the bad entry and field).

Redis: hash ``{prefix}models:status``, field = task ("detection" | "classification"), value = JSON
``ModelStatus`` (see below), written by every worker at start: ``state`` "ok" with the execution
provider and threads it runs on, or "error" with the problem; the worker that failed exits with
status 3. No onnxruntime import here: the API may read the status too."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import redis

from addax_common.active_models import ModelProvenance, announce, provenance
from addax_common.logging import get_logger
from addax_common.model_catalog import CatalogError, load_catalog

if TYPE_CHECKING:
    from addax_common.context import ServiceContext

log = get_logger(__name__)
STATUS_KEY = "models:status"
EXIT_MODEL_ERROR = 3  # the exit status of a worker that refused its model

Task = Literal["detection", "classification"]


class ModelError(ValueError):
    """The model cannot be run correctly; the message names the problem in one line."""


@dataclass(frozen=True)
class ModelStatus:
    task: Task
    state: Literal["ok", "error"]
    path: str
    problem: str | None = None  # one line, when state == "error"
    model: str | None = None  # name@version, when it loaded
    sha256: str | None = None
    catalog: str | None = None  # what the catalog check found (entry name and result, or why it was skipped)
    output_format: str | None = None  # the layout the decoder uses (yolov5 / yolov8 / logits / probabilities)
    providers: tuple[str, ...] = ()  # ONNX Runtime execution providers in use, first = preferred
    threads: int | None = None  # intra-op threads of the session
    host: str = ""
    pid: int = 0
    at: float = 0.0  # unix time of the check


def publish_status(client: redis.Redis, prefix: str, status: ModelStatus) -> None:
    value = asdict(status) | {
        "host": status.host or socket.gethostname(),
        "pid": status.pid or os.getpid(),
        "at": status.at or time.time(),
    }
    client.hset(f"{prefix}{STATUS_KEY}", status.task, json.dumps(value))


def read_status(client: redis.Redis, prefix: str) -> dict[str, dict[str, Any]]:
    """task -> the last status a worker of that task published (entries that do not parse are left out)."""
    raw: dict[Any, Any] = client.hgetall(f"{prefix}{STATUS_KEY}")
    result: dict[str, dict[str, Any]] = {}
    for key, value in raw.items():
        try:
            result[key.decode() if isinstance(key, bytes) else key] = json.loads(value)
        except ValueError:
            continue
    return result


def check_catalog(catalog_path: Path | None, model_path: Path, sha256: str, metadata: dict[str, str]) -> str:
    """Compare the model with its ``models/catalog.yaml`` entry; raise ``ModelError`` on a mismatch or a
    catalog that does not load, else say what was checked. The entry is the one whose ``file`` is the
    model's file name, else the one whose ``name`` the ONNX metadata gives. An ONNX entry's sha256 is the
    file's; a ``pt`` entry's sha256 is the checkpoint's, which a converted model records as ``source_sha256``."""
    if catalog_path is None or not catalog_path.is_file():
        return "skipped: no catalog file"
    try:
        entries = load_catalog(catalog_path).models
    except CatalogError as exc:
        raise ModelError(str(exc)) from None
    entry = next((e for e in entries if e.file == model_path.name), None) or next(
        (e for e in entries if metadata.get("name") and e.name == metadata.get("name")), None
    )
    if entry is None:
        return "skipped: not in the catalog"
    if not entry.sha256:
        return f"{entry.name}: catalog has no sha256 yet"
    if entry.format == "pt":
        actual, what = metadata.get("source_sha256"), "the checkpoint it was converted from"
        if not actual:
            return f"{entry.name}: skipped, the model does not record its checkpoint's sha256"
    else:
        actual, what = sha256, "the file"
    if actual != entry.sha256:
        raise ModelError(
            f"sha256 mismatch: {model_path.name} ({what}) has {actual}, catalog entry {entry.name} says {entry.sha256}"
        )
    return f"{entry.name}: sha256 matches"


def refuse_model(ctx: ServiceContext, service: str, problem: ModelError) -> None:
    """A worker's refusal to start: publish the problem (best effort: Redis may be what is down), log it
    as one structured line and print one plain line on stderr. The caller exits with EXIT_MODEL_ERROR."""
    settings = ctx.settings
    task: Task = "classification" if service == "classification" else "detection"
    path = settings.model_path(task)
    with contextlib.suppress(redis.RedisError):
        publish_status(ctx.redis, settings.redis_prefix, ModelStatus(task, "error", str(path), problem=str(problem)))
    log.error("model_refused", task=task, path=str(path), problem=str(problem))
    print(f"{service}: refusing to start: {problem}", file=sys.stderr, flush=True)


def verify_and_announce(
    ctx: ServiceContext,
    task: Task,
    path: Path,
    metadata: dict[str, str],
    *,
    output_format: str,
    providers: Sequence[str],
    threads: int,
) -> ModelProvenance:
    """After the model loaded and passed its warm-up checks: hash it, check it against the catalog
    (``ModelError`` on a mismatch), publish it as the active model and its status as ok."""
    settings = ctx.settings
    model = provenance(path, metadata, task)
    catalog = check_catalog(settings.models_catalog_path, Path(path), model.sha256, metadata)
    announce(ctx.redis, settings.redis_prefix, path, metadata, task, model=model)
    publish_status(
        ctx.redis,
        settings.redis_prefix,
        ModelStatus(
            task,
            "ok",
            str(path),
            model=model.ref,
            sha256=model.sha256,
            catalog=catalog,
            output_format=output_format,
            providers=tuple(providers),
            threads=threads,
        ),
    )
    log.info(
        "model_ready",
        task=task,
        model=model.ref,
        output_format=output_format,
        providers=list(providers),
        threads=threads,
        catalog=catalog,
    )
    return model
