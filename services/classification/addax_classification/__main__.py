"""Classification worker: `python -m addax_classification`."""

from __future__ import annotations

from addax_classification.handler import ClassificationHandler
from addax_classification.model import Classifier
from addax_common.active_models import report_providers
from addax_common.context import ServiceContext
from addax_common.db import ImageStatus
from addax_common.model_check import verify_and_announce
from addax_common.reliable_queue import QUEUE_DETECTION_COMPLETE
from addax_common.worker import Stage, serve


def build_stage(ctx: ServiceContext) -> Stage:
    settings = ctx.settings
    threads = settings.intra_op_threads("classification")
    # Every problem with the model (not ONNX, wrong input, unknown output layout, labels that do not
    # match, sha256 not the catalog's) raises ModelError here: serve() refuses to start, in one line.
    classifier = Classifier(settings.classifier_model_path, providers=settings.onnx_providers, threads=threads)
    classifier.warmup()  # the first real image should not pay for graph optimisation; checks the output
    # Rows store name@version; GET /api/config tells the dashboard (and the banner) what runs.
    model = verify_and_announce(
        ctx, "classification", settings.classifier_model_path, classifier.onnx.metadata, output_format=classifier.output_format,
        providers=classifier.onnx.providers, threads=threads,
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
