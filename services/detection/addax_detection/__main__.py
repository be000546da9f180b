"""Detection worker: `python -m addax_detection`."""

from __future__ import annotations

from addax_common.context import ServiceContext
from addax_common.db import ImageStatus
from addax_common.inference_worker import start_model
from addax_common.reliable_queue import QUEUE_IMAGE_INGESTED
from addax_common.worker import Stage, serve
from addax_detection.handler import DetectionHandler
from addax_detection.model import Detector


def build_stage(ctx: ServiceContext) -> Stage:
    settings = ctx.settings
    detector, model = start_model(ctx, "detection", settings.detector_model_path, Detector)
    return Stage(
        name="detection",
        queue=QUEUE_IMAGE_INGESTED,
        handler=DetectionHandler(ctx, detector, model_name=model.ref),
        batch_size=settings.detection_batch_size,
        reconcile_states=(ImageStatus.RECEIVED, ImageStatus.DETECTING),
    )


if __name__ == "__main__":
    serve("detection", build_stage)
