"""Detection worker: `python -m addax_detection`."""

from __future__ import annotations

from addax_common.context import ServiceContext
from addax_common.db import ImageStatus
from addax_common.inference_worker import inference_stage
from addax_common.reliable_queue import QUEUE_IMAGE_INGESTED
from addax_common.worker import Stage, serve
from addax_detection.handler import DetectionHandler
from addax_detection.model import Detector


def build_stage(ctx: ServiceContext) -> Stage:
    return inference_stage(
        ctx, "detection", Detector, DetectionHandler,
        queue=QUEUE_IMAGE_INGESTED, reconcile_states=(ImageStatus.RECEIVED, ImageStatus.DETECTING),
    )


if __name__ == "__main__":
    serve("detection", build_stage)
