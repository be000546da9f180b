"""Classification worker: `python -m addax_classification`."""

from __future__ import annotations

from addax_classification.handler import ClassificationHandler
from addax_classification.model import Classifier
from addax_common.active_models import announce, report_providers
from addax_common.context import ServiceContext
from addax_common.db import ImageStatus
from addax_common.reliable_queue import QUEUE_DETECTION_COMPLETE
from addax_common.worker import Stage, serve


def build_stage(ctx: ServiceContext) -> Stage:
    settings = ctx.settings
    classifier = Classifier(
        settings.classifier_model_path, providers=settings.onnx_providers, threads=settings.onnx_intra_op_threads
    )
    classifier.warmup()
    # Rows store name@version; GET /api/config tells the dashboard (and the banner) what runs.
    model = announce(
        ctx.redis, settings.redis_prefix, settings.classifier_model_path, classifier.onnx.metadata, "classification"
    )
    report_providers(ctx.redis, settings.redis_prefix, "classification", classifier.onnx.session.get_providers())
    return Stage(
        name="classification",
        queue=QUEUE_DETECTION_COMPLETE,
        handler=ClassificationHandler(ctx, classifier, model_name=model.ref),
        batch_size=settings.classification_batch_size,
        reconcile_states=(ImageStatus.DETECTED, ImageStatus.CLASSIFYING),
    )


if __name__ == "__main__":
    serve("classification", build_stage)
