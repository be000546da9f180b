"""Detection worker: `python -m addax_detection`."""

from __future__ import annotations

from addax_common.active_models import report_providers
from addax_common.context import ServiceContext
from addax_common.db import ImageStatus
from addax_common.model_check import verify_and_announce
from addax_common.reliable_queue import QUEUE_IMAGE_INGESTED
from addax_common.worker import Stage, serve
from addax_detection.handler import DetectionHandler
from addax_detection.model import Detector


def build_stage(ctx: ServiceContext) -> Stage:
    settings = ctx.settings
    threads = settings.intra_op_threads("detection")
    # Every problem with the model (not ONNX, wrong input, unknown output layout, labels that do not
    # match, sha256 not the catalog's) raises ModelError here: serve() refuses to start, in one line.
    detector = Detector(settings.detector_model_path, providers=settings.onnx_providers, threads=threads)
    detector.warmup()  # the first real image should not pay for graph optimisation; checks the output
    # Rows store name@version; GET /api/config tells the dashboard (and the banner) what runs.
    model = verify_and_announce(
        ctx, "detection", settings.detector_model_path, detector.onnx.metadata, output_format=detector.output_format,
        providers=detector.onnx.providers, threads=threads,
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
