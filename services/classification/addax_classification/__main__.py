"""Classification worker: `python -m addax_classification`."""

from __future__ import annotations

from addax_classification.handler import ClassificationHandler
from addax_classification.model import Classifier
from addax_common.context import ServiceContext
from addax_common.db import ImageStatus
from addax_common.inference_worker import inference_stage
from addax_common.reliable_queue import QUEUE_DETECTION_COMPLETE
from addax_common.worker import Stage, serve


def build_stage(ctx: ServiceContext) -> Stage:
    return inference_stage(
        ctx, "classification", Classifier, ClassificationHandler,
        queue=QUEUE_DETECTION_COMPLETE, reconcile_states=(ImageStatus.DETECTED, ImageStatus.CLASSIFYING),
    )


if __name__ == "__main__":
    serve("classification", build_stage)
