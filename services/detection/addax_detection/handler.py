"""What the detection stage does with a batch of images: claim, detect (one batched model call),
store crops + thumbnail, replace the detection rows, advance the state, hand over to classification."""

from __future__ import annotations

import os
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

from PIL import Image as PILImage
from sqlalchemy import Exists, delete, exists, select

from addax_common.context import ServiceContext
from addax_common.db import Camera, Classification, Detection, DetectionCategory, Image, ImageStatus
from addax_common.errors import PermanentError, SkipMessage
from addax_common.events import DETECTION_COMPLETE
from addax_common.imaging import crop_box, decode_image, encode_jpeg, reduced, shrunk_to_short_side, thumbnail
from addax_common.logging import get_logger
from addax_common.privacy import blur_boxes, blurred_image_key, blurred_thumbnail_key
from addax_common.reliable_queue import QUEUE_DETECTION_COMPLETE, Message
from addax_common.runtime_settings import RuntimeSettings, RuntimeValues
from addax_common.storage import BUCKET_CROPS, BUCKET_RAW, BUCKET_THUMBNAILS, crop_key, thumbnail_key
from addax_common.worker import BatchResult, claim_image, for_each_image_concurrently
from addax_detection.model import Detection as FoundBox
from addax_detection.model import Detector

log = get_logger(__name__)
CLAIMABLE = (ImageStatus.RECEIVED, ImageStatus.DETECTING)
SAME_OBJECT_IOU = 0.5  # a new box this close to a human-labelled one is that object again


def human_labelled() -> Exists:
    """A detection that carries a human species label: a re-run keeps it."""
    return exists().where(Classification.detection_id == Detection.id, Classification.source == "human")


@dataclass(frozen=True)
class Kept:
    index: int
    category: str
    bbox: tuple[float, float, float, float]


@dataclass
class Claimed:
    image_id: uuid.UUID
    camera_id: int | None
    project_id: int
    pixels: PILImage.Image  # full size: crops and blurring
    preview: PILImage.Image  # reduced: the detector's letterbox and the thumbnail
    kept: list[Kept]


class DetectionHandler:
    def __init__(self, ctx: ServiceContext, detector: Detector, model_name: str) -> None:
        self.ctx = ctx
        self.detector = detector
        self.model_name = model_name
        self.settings = ctx.settings
        # Thresholds and people blurring as set on the Models page, re-read at most every TTL seconds.
        self.runtime = RuntimeSettings(ctx.sessions, ctx.settings)
        # The per-image work around the model call (claim, read and decode; crops, thumbnail, rows) runs
        # for the images of a batch side by side: it is mostly outside the GIL (Pillow, fsync, database
        # round trips), so the cores do not sit idle between two model calls. Measured in
        # docs/performance.md ("Pipeline efficiency").
        threads = min(ctx.settings.detection_batch_size, os.cpu_count() or 1)
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="detection-io") if threads > 1 else None

    def __call__(self, messages: list[Message]) -> BatchResult:
        results: BatchResult = {}
        values = self.runtime.current()
        started, cpu = time.perf_counter(), time.thread_time()
        claimed = for_each_image_concurrently(results, messages, lambda m: m.image_id,
                                              lambda m: self._claim_and_load(m.image_id), self.pool)
        loaded = detected = time.perf_counter()
        if claimed:
            # One session.run for the whole batch: the point of batching.
            found = self.detector.detect([c.preview for c in claimed], values.detection_store_threshold)
            detected = time.perf_counter()
            for_each_image_concurrently(results, zip(claimed, found, strict=True), lambda pair: pair[0].image_id,
                                        lambda pair: self._store(*pair, values), self.pool)
        done = time.perf_counter()
        # Where a batch's time goes (the pipeline efficiency benchmark reads these): claim + read +
        # decode, the model call (letterbox, inference, NMS), crops + thumbnail + rows + hand-over.
        log.info("detection_batch", images=len(claimed), load_ms=round(1000 * (loaded - started), 1),
                 detect_ms=round(1000 * (detected - loaded), 1), store_ms=round(1000 * (done - detected), 1),
                 thread_cpu_ms=round(1000 * (time.thread_time() - cpu), 1))
        return results

    def _claim_and_load(self, raw_id: str) -> Claimed:
        image_id = uuid.UUID(raw_id)
        with self.ctx.sessions.begin() as session:
            image = claim_image(session, image_id, CLAIMABLE, ImageStatus.DETECTING)
            image.attempts += 1
            storage_key, camera_id, project_id = image.storage_key, image.camera_id, image.project_id
            kept = [
                Kept(d.index, getattr(d.category, "value", str(d.category)), d.bbox)
                for d in session.scalars(
                    select(Detection).where(Detection.image_id == image_id, human_labelled())
                )
            ]
        if storage_key is None:  # only rejected uploads have no stored file, and they are never queued
            raise PermanentError("image has no stored file")
        pixels = decode_image(self.ctx.storage.get(BUCKET_RAW, storage_key))
        # The boxes are relative to the picture, so the detector can look at a copy reduced as far as
        # both it and the thumbnail still need (at 640 a 1920 x 1080 photo becomes 640 x 360).
        preview = reduced(pixels, max(self.detector.input_size, self.settings.thumbnail_size))
        return Claimed(image_id, camera_id, project_id, pixels, preview, kept)

    def _store(self, item: Claimed, detections: list[FoundBox], values: RuntimeValues) -> None:
        storage, settings = self.ctx.storage, self.settings
        # A re-run (reprocessing) keeps the detections a person labelled; a new box on the same object
        # would be a duplicate of one, and new rows take the indexes (crop keys) the kept ones leave free.
        new = [
            det for det in sorted(detections, key=lambda d: -d.confidence)
            if not any(k.category == det.category and _iou(k.bbox, det.bbox) >= SAME_OBJECT_IOU for k in item.kept)
        ]
        taken = {k.index for k in item.kept}
        indexes = [i for i in range(len(new) + len(taken)) if i not in taken][: len(new)]
        people = [d.bbox for d in new if d.category == DetectionCategory.PERSON.value]
        people += [k.bbox for k in item.kept if k.category == DetectionCategory.PERSON.value]
        blurred = blur_boxes(item.pixels, people) if people else None
        # Crops are cut from the blurred pixels while blurring is on: a person beside an animal stays hidden.
        source = blurred if blurred is not None and values.blur_people else item.pixels
        rows: list[Detection] = []
        for index, det in zip(indexes, new, strict=True):
            key = None
            if det.category == DetectionCategory.ANIMAL.value and det.confidence >= values.detection_classify_threshold:
                key = crop_key(item.image_id, index)
                crop = shrunk_to_short_side(crop_box(source, det.bbox, settings.crop_margin), settings.crop_short_side)
                storage.put(BUCKET_CROPS, key, encode_jpeg(crop, optimize=False), "image/jpeg")
            x, y, w, h = det.bbox
            rows.append(Detection(
                image_id=item.image_id, index=index, category=DetectionCategory(det.category),
                confidence=float(det.confidence), bbox_x=x, bbox_y=y, bbox_w=w, bbox_h=h,
                crop_key=key, model_name=self.model_name,
            ))
        thumb_key = thumbnail_key(item.image_id)
        storage.put(BUCKET_THUMBNAILS, thumb_key, encode_jpeg(thumbnail(item.preview, settings.thumbnail_size), 80), "image/jpeg")
        if blurred is not None:  # always, so that switching blurring on later needs no re-run
            storage.put(BUCKET_THUMBNAILS, blurred_image_key(item.image_id), encode_jpeg(blurred), "image/jpeg")
            storage.put(BUCKET_THUMBNAILS, blurred_thumbnail_key(item.image_id),
                        encode_jpeg(thumbnail(blurred, settings.thumbnail_size), 80), "image/jpeg")

        # Objects first, rows second: a committed row never points at a missing object.
        with self.ctx.sessions.begin() as session:
            image = session.get(Image, item.image_id, with_for_update=True)
            if image is None or image.status != ImageStatus.DETECTING:
                raise SkipMessage("image changed state while detecting")
            # Replace, not append: the machine's detections (and with them their machine labels) go,
            # human-labelled ones stay; delete and insert commit together.
            session.execute(
                delete(Detection).where(Detection.image_id == item.image_id, ~human_labelled())
            )
            session.add_all(rows)
            image.status = ImageStatus.DETECTED
            image.detected_at = datetime.now(UTC)
            image.thumbnail_key = thumb_key
            image.people_blurred = blurred is not None
            image.error = None
            camera_name = session.scalar(select(Camera.name).where(Camera.id == item.camera_id)) if item.camera_id else None

        self.ctx.queue(QUEUE_DETECTION_COMPLETE).push(item.image_id)
        counts = {c.value: sum(1 for r in rows if r.category == c) for c in DetectionCategory}
        self.ctx.events.publish(
            DETECTION_COMPLETE, project_id=item.project_id, image_id=item.image_id, camera_id=item.camera_id, camera_name=camera_name,
            detections=len(rows), counts=counts,
        )
        log.info("detection_complete", detections=len(rows), **counts)


def _iou(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    ax2, ay2, bx2, by2 = a[0] + a[2], a[1] + a[3], b[0] + b[2], b[1] + b[3]
    inter = max(0.0, min(ax2, bx2) - max(a[0], b[0])) * max(0.0, min(ay2, by2) - max(a[1], b[1]))
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union > 0 else 0.0
