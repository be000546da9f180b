"""What the classification stage does with a batch of images: classify every animal crop (one
batched model call across images), replace the machine labels, complete the image."""

from __future__ import annotations

import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from PIL import Image as PILImage
from sqlalchemy import delete, select

from addax_classification.model import Classifier
from addax_classification.taxonomy import Geofence, Prediction
from addax_common.context import ServiceContext
from addax_common.db import Camera, Classification, Detection, DetectionCategory, Image, ImageStatus, Project
from addax_common.errors import PermanentError, SkipMessage
from addax_common.events import CLASSIFICATION_COMPLETE
from addax_common.imaging import decode_crop
from addax_common.logging import get_logger
from addax_common.metrics import CLASSIFICATION_CONFIDENCE, END_TO_END
from addax_common.reliable_queue import QUEUE_CLASSIFICATION_COMPLETE, Message
from addax_common.runtime_settings import RuntimeSettings
from addax_common.storage import BUCKET_CROPS
from addax_common.worker import BatchResult, claim_image, for_each_image

log = get_logger(__name__)
CLAIMABLE = (ImageStatus.DETECTED, ImageStatus.CLASSIFYING)


@dataclass
class Claimed:
    image_id: uuid.UUID
    camera_id: int | None
    project_id: int
    geofence: Geofence = field(default_factory=Geofence)
    detection_ids: list[int] = field(default_factory=list)
    crops: list[PILImage.Image] = field(default_factory=list)


class ClassificationHandler:
    def __init__(self, ctx: ServiceContext, classifier: Classifier, model_name: str) -> None:
        self.ctx = ctx
        self.classifier = classifier
        self.model_name = model_name
        self.settings = ctx.settings
        self.allowed = set(ctx.settings.allowed_species) or None
        # The minimum score (and rollup threshold) as set on the Models page, re-read every TTL seconds.
        self.runtime = RuntimeSettings(ctx.sessions, ctx.settings)
        side = ctx.settings.crop_short_side
        if side and classifier.input_size > side:
            # The detection service may store crops this small: this model would see them enlarged.
            log.warning("crops_smaller_than_model_input", crop_short_side=side, input_size=classifier.input_size,
                        hint=f"set CROP_SHORT_SIDE to at least {classifier.input_size} (or 0) for the detection service")

    def __call__(self, messages: list[Message]) -> BatchResult:
        results: BatchResult = {}
        started, cpu = time.perf_counter(), time.thread_time()
        claimed = for_each_image(results, messages, lambda m: m.image_id, lambda m: self._claim_and_load(m.image_id))
        loaded = time.perf_counter()
        # One session.run for every crop of the batch's images that share a geofence (usually all);
        # the thresholds are the Models page's, re-read every TTL seconds.
        runtime = self.runtime.current()
        found: dict[uuid.UUID, list[list[Prediction]]] = {}
        for geofence in dict.fromkeys(item.geofence for item in claimed):
            group = [item for item in claimed if item.geofence == geofence]
            crops = [crop for item in group for crop in item.crops]
            labels = self.classifier.predict(
                crops, self.settings.classification_top_k, geofence, runtime.classification_rollup_threshold
            ) if crops else []
            labels = [[p for p in top if p.score >= runtime.classification_min_score] for top in labels]
            offset = 0
            for item in group:
                found[item.image_id] = labels[offset : offset + len(item.crops)]
                offset += len(item.crops)
        classified = time.perf_counter()
        per_image = [(item, found[item.image_id]) for item in claimed]
        for_each_image(results, per_image, lambda pair: pair[0].image_id, lambda pair: self._store(*pair))
        done = time.perf_counter()
        # Where a batch's time goes: claim + crop reads and decodes, the model call, rows + hand-over.
        log.info("classification_batch", images=len(claimed), crops=sum(len(item.crops) for item in claimed),
                 load_ms=round(1000 * (loaded - started), 1), classify_ms=round(1000 * (classified - loaded), 1),
                 store_ms=round(1000 * (done - classified), 1), thread_cpu_ms=round(1000 * (time.thread_time() - cpu), 1))
        return results

    def _claim_and_load(self, raw_id: str) -> Claimed:
        image_id = uuid.UUID(raw_id)
        with self.ctx.sessions.begin() as session:
            image = claim_image(session, image_id, CLAIMABLE, ImageStatus.CLASSIFYING)
            crops = session.execute(
                select(Detection.id, Detection.crop_key)
                .where(
                    Detection.image_id == image_id,
                    Detection.category == DetectionCategory.ANIMAL,
                    Detection.crop_key.is_not(None),
                )
                .order_by(Detection.index)
            ).all()
            project = session.get(Project, image.project_id)
            # Geofence: the project's species list (any rank or common name), else the server's
            # ALLOWED_SPECIES, and the project's countries (against the model's range map).
            allowed = (project.allowed_species if project else None) or self.allowed
            countries = project.geofence_countries if project else None
            item = Claimed(image_id, image.camera_id, image.project_id, Geofence.of(allowed, countries))
        for detection_id, key in crops:
            if key is None:  # excluded by the query; narrows the type
                continue
            try:
                crop = decode_crop(self.ctx.storage.get(BUCKET_CROPS, key), self.classifier.input_size)
            except (OSError, PILImage.DecompressionBombError) as exc:
                raise PermanentError(f"crop {key} cannot be decoded: {exc}") from exc
            item.detection_ids.append(detection_id)
            item.crops.append(crop)
        return item

    def _store(self, item: Claimed, labels: list[list[Prediction]]) -> None:
        now = datetime.now(UTC)
        with self.ctx.sessions.begin() as session:
            image = session.get(Image, item.image_id, with_for_update=True)
            if image is None or image.status != ImageStatus.CLASSIFYING:
                raise SkipMessage("image changed state while classifying")
            if item.detection_ids:  # replace, not append: a second run leaves the same rows
                session.execute(
                    delete(Classification).where(
                        Classification.detection_id.in_(item.detection_ids), Classification.source == "machine"
                    )
                )
            for detection_id, top in zip(item.detection_ids, labels, strict=True):
                session.add_all(
                    Classification(
                        detection_id=detection_id, image_id=item.image_id, label=p.label, score=float(p.score),
                        rank=rank, model_name=self.model_name, source="machine",
                        taxon_rank=None if p.rank == "label" else p.rank, taxonomy=p.taxonomy or None,
                    )
                    for rank, p in enumerate(top, start=1)
                )
            rerun = image.completed_at is not None  # completed before: a reprocess, not news
            image.status = ImageStatus.COMPLETED
            image.completed_at = now
            image.error = None
            received_at = image.received_at
            camera_name = session.scalar(select(Camera.name).where(Camera.id == item.camera_id)) if item.camera_id else None

        END_TO_END.observe(max(0.0, (now - received_at).total_seconds()))
        for top in labels:
            if top:
                CLASSIFICATION_CONFIDENCE.observe(top[0].score)
        # The alerts service consumes this queue. The bound is a safety limit for a deployment that runs
        # no alerts service: a trimmed message loses nothing, since the alerts reconciler evaluates
        # completed images it never saw (up to ALERTS_MAX_AGE_SECONDS old).
        self.ctx.queue(QUEUE_CLASSIFICATION_COMPLETE).push(
            item.image_id, max_length=self.settings.classification_complete_max_length
        )
        best = Counter(top[0].label for top in labels if top)
        species = [{"label": label, "count": count} for label, count in best.most_common()]
        self.ctx.events.publish(
            CLASSIFICATION_COMPLETE, project_id=item.project_id, image_id=item.image_id, camera_id=item.camera_id, camera_name=camera_name,
            species=species, rerun=rerun,
        )
        log.info("classification_complete", species=species)
