"""What the detection stage does with a batch of images: claim, detect (one batched model call),
store crops + thumbnail, replace the detection rows, advance the state, hand over to classification."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from PIL import Image as PILImage
from sqlalchemy import delete, select

from addax_common.context import ServiceContext
from addax_common.db import Camera, Detection, DetectionCategory, Image, ImageStatus
from addax_common.errors import PermanentError, SkipMessage
from addax_common.events import DETECTION_COMPLETE
from addax_common.imaging import crop_box, decode_image, encode_jpeg, thumbnail
from addax_common.logging import get_logger
from addax_common.reliable_queue import QUEUE_DETECTION_COMPLETE, Message
from addax_common.storage import BUCKET_CROPS, BUCKET_RAW, BUCKET_THUMBNAILS, crop_key, thumbnail_key
from addax_common.worker import BatchResult, claim_image, for_each_image
from addax_detection.model import Detection as FoundBox
from addax_detection.model import Detector

log = get_logger(__name__)
CLAIMABLE = (ImageStatus.RECEIVED, ImageStatus.DETECTING)


@dataclass
class Claimed:
    image_id: uuid.UUID
    camera_id: int | None
    project_id: int
    pixels: PILImage.Image


class DetectionHandler:
    def __init__(self, ctx: ServiceContext, detector: Detector, model_name: str) -> None:
        self.ctx = ctx
        self.detector = detector
        self.model_name = model_name
        self.settings = ctx.settings

    def __call__(self, messages: list[Message]) -> BatchResult:
        results: BatchResult = {}
        claimed = for_each_image(results, messages, lambda m: m.image_id, lambda m: self._claim_and_load(m.image_id))
        if claimed:
            # One session.run for the whole batch: the point of batching.
            found = self.detector.detect([c.pixels for c in claimed], self.settings.detection_store_threshold)
            for_each_image(results, zip(claimed, found, strict=True), lambda pair: pair[0].image_id,
                           lambda pair: self._store(*pair))
        return results

    def _claim_and_load(self, raw_id: str) -> Claimed:
        image_id = uuid.UUID(raw_id)
        with self.ctx.sessions.begin() as session:
            image = claim_image(session, image_id, CLAIMABLE, ImageStatus.DETECTING)
            image.attempts += 1
            storage_key, camera_id, project_id = image.storage_key, image.camera_id, image.project_id
        if storage_key is None:  # only rejected uploads have no stored file, and they are never queued
            raise PermanentError("image has no stored file")
        pixels = decode_image(self.ctx.storage.get(BUCKET_RAW, storage_key))
        return Claimed(image_id, camera_id, project_id, pixels)

    def _store(self, item: Claimed, detections: list[FoundBox]) -> None:
        storage, settings = self.ctx.storage, self.settings
        rows: list[Detection] = []
        for index, det in enumerate(sorted(detections, key=lambda d: -d.confidence)):
            key = None
            if det.category == DetectionCategory.ANIMAL.value and det.confidence >= settings.detection_classify_threshold:
                key = crop_key(item.image_id, index)
                storage.put(BUCKET_CROPS, key, encode_jpeg(crop_box(item.pixels, det.bbox, settings.crop_margin)), "image/jpeg")
            x, y, w, h = det.bbox
            rows.append(Detection(
                image_id=item.image_id, index=index, category=DetectionCategory(det.category),
                confidence=float(det.confidence), bbox_x=x, bbox_y=y, bbox_w=w, bbox_h=h,
                crop_key=key, model_name=self.model_name,
            ))
        thumb_key = thumbnail_key(item.image_id)
        storage.put(BUCKET_THUMBNAILS, thumb_key, encode_jpeg(thumbnail(item.pixels, settings.thumbnail_size), 80), "image/jpeg")

        # Objects first, rows second: a committed row never points at a missing object.
        with self.ctx.sessions.begin() as session:
            image = session.get(Image, item.image_id, with_for_update=True)
            if image is None or image.status != ImageStatus.DETECTING:
                raise SkipMessage("image changed state while detecting")
            session.execute(delete(Detection).where(Detection.image_id == item.image_id))  # replace, not append
            session.add_all(rows)
            image.status = ImageStatus.DETECTED
            image.detected_at = datetime.now(UTC)
            image.thumbnail_key = thumb_key
            image.error = None
            camera_name = session.scalar(select(Camera.name).where(Camera.id == item.camera_id)) if item.camera_id else None

        self.ctx.queue(QUEUE_DETECTION_COMPLETE).push(item.image_id)
        counts = {c.value: sum(1 for r in rows if r.category == c) for c in DetectionCategory}
        self.ctx.events.publish(
            DETECTION_COMPLETE, project_id=item.project_id, image_id=item.image_id, camera_id=item.camera_id, camera_name=camera_name,
            detections=len(rows), counts=counts,
        )
        log.info("detection_complete", detections=len(rows), **counts)
