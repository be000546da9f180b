"""Detection worker: `python -m addax_detection`."""

from __future__ import annotations

from addax_common.active_models import announce, report_providers
from addax_common.context import ServiceContext
from addax_common.db import ImageStatus
from addax_common.reliable_queue import QUEUE_IMAGE_INGESTED
from addax_common.worker import Stage, serve
from addax_detection.handler import DetectionHandler
from addax_detection.model import Detector


def build_stage(ctx: ServiceContext) -> Stage:
    settings = ctx.settings
    detector = Detector(
        settings.detector_model_path, providers=settings.onnx_providers, threads=settings.onnx_intra_op_threads
    )
    detector.warmup()  # the first real image should not pay for graph optimisation
    # Rows store name@version; GET /api/config tells the dashboard (and the banner) what runs.
    model = announce(
        ctx.redis, settings.redis_prefix, settings.detector_model_path, detector.onnx.metadata, "detection"
    )
    report_providers(ctx.redis, settings.redis_prefix, "detection", detector.onnx.session.get_providers())
    return Stage(
        name="detection",
        queue=QUEUE_IMAGE_INGESTED,
        handler=DetectionHandler(ctx, detector, model_name=model.ref),
        batch_size=settings.detection_batch_size,
        reconcile_states=(ImageStatus.RECEIVED, ImageStatus.DETECTING),
    )


if __name__ == "__main__":
    serve("detection", build_stage)
