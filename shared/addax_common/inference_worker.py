"""Start-up shared by the inference workers (detection, classification): load the ONNX model, warm it
up, check it against the catalog, announce it and report the execution providers it runs on, and build
the worker's stage around it (``inference_stage``: what differs between the two is a few names).

Only the inference workers import this module (it needs onnxruntime through ``onnx_session``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

from addax_common.active_models import ModelProvenance, Task, report_providers
from addax_common.context import ServiceContext
from addax_common.db.images import ImageStatus
from addax_common.model_check import verify_and_announce
from addax_common.onnx_session import OnnxSession
from addax_common.worker import BatchHandler, Stage


class OnnxModel(Protocol):
    onnx: OnnxSession
    output_format: str

    def warmup(self) -> None: ...


M = TypeVar("M", bound=OnnxModel)


def start_model(ctx: ServiceContext, task: Task, path: Path, load: Callable[..., M]) -> tuple[M, ModelProvenance]:
    """Load the model at ``path`` with ``load(path, providers=..., threads=..., spinning=...)`` and make it
    ready to serve.

    Every problem with the model (not ONNX, wrong input, unknown output layout, labels that do not
    match, sha256 not the catalog's) raises ``ModelError`` here: ``serve()`` refuses to start, in one line.
    Returns the model and its provenance (rows store its ``name@version`` ref)."""
    settings = ctx.settings
    threads = settings.intra_op_threads(task)
    model = load(path, providers=settings.onnx_providers, threads=threads, spinning=settings.onnx_allow_spinning)
    model.warmup()  # the first real image should not pay for graph optimisation; checks the output
    # GET /api/config tells the dashboard (and the banner) what runs.
    provenance = verify_and_announce(
        ctx,
        task,
        path,
        model.onnx.metadata,
        output_format=model.output_format,
        providers=model.onnx.providers,
        threads=threads,
    )
    report_providers(ctx.redis, settings.redis_prefix, task, list(model.onnx.session.get_providers()))
    return model, provenance


def inference_stage(
    ctx: ServiceContext,
    task: Task,
    load: Callable[..., M],
    handler: Callable[[ServiceContext, M, str], BatchHandler],
    *,
    queue: str,
    reconcile_states: Sequence[ImageStatus],
) -> Stage:
    """The stage of an inference worker: the model of ``task`` (``Settings.model_path``) started with
    ``start_model``, ``handler(ctx, model, model_ref)`` around it, ``Settings.batch_size`` images per call.
    ``queue`` is its input; ``reconcile_states`` are the unfinished states whose images belong in it."""
    settings = ctx.settings
    model, provenance = start_model(ctx, task, settings.model_path(task), load)
    return Stage(
        name=task,
        queue=queue,
        handler=handler(ctx, model, provenance.ref),
        batch_size=settings.batch_size(task),
        reconcile_states=reconcile_states,
    )
