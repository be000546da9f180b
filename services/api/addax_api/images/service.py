"""Image gallery, detail, review and retry."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from addax_api.audit.service import Actor, record
from addax_api.errors import Conflict, NotFound
from addax_api.images import repository
from addax_api.images.filters import ImageQuery
from addax_api.images.schemas import (
    BulkReviewResult,
    CameraRef,
    ClassificationOut,
    DetectionOut,
    ImageDetail,
    ImagePage,
    ImageSummary,
    LatLon,
    RetryResult,
    ReviewResult,
    StageDurations,
    StatusCounts,
)
from addax_api.media.service import MediaUrls
from addax_common.db import Image, ImageStatus, ReviewStatus
from addax_common.storage import BUCKET_CROPS, BUCKET_RAW, BUCKET_THUMBNAILS


class ImageService:
    def __init__(self, db: Session, media: MediaUrls, display_threshold: float) -> None:
        self.db = db
        self.media = media
        self.threshold = display_threshold

    # --- reading --------------------------------------------------------------------------------
    def list(self, q: ImageQuery, page: int, limit: int) -> ImagePage:
        total = repository.count(self.db, q)
        rows = repository.page(self.db, q, (page - 1) * limit, limit) if total else []
        return ImagePage.build(self.summaries(rows), total, page, limit)

    def status_counts(self, q: ImageQuery) -> StatusCounts:
        return StatusCounts(**{status.value: n for status, n in repository.status_counts(self.db, q).items()})

    def summaries(self, rows: list[Any]) -> list[ImageSummary]:
        aggregates = repository.aggregates(self.db, [r.id for r in rows], self.threshold)
        return [self._summary(r, aggregates[r.id]) for r in rows]

    def _summary(self, row: Any, agg: repository.PageAggregates, **extra: Any) -> Any:
        labels = sorted(agg.labels or [], key=lambda item: (-item[1], item[0]))
        fields = dict(
            id=row.id,
            camera_id=row.camera_id,
            camera_name=row.camera_name,
            original_filename=row.original_filename,
            status=row.status,
            review_status=row.review_status,
            captured_at=row.captured_at,
            received_at=row.received_at,
            completed_at=row.completed_at,
            width=row.width,
            height=row.height,
            thumbnail_url=self.media.url(BUCKET_THUMBNAILS, row.thumbnail_key),
            detection_count=agg.detection_count,
            animal_count=agg.animal_count,
            top_species=labels[0][0] if labels else None,
            top_species_score=labels[0][1] if labels else None,
            top_confidence=agg.top_confidence,
            species=sorted({label for label, _ in labels}),
        )
        if extra:
            return ImageDetail(**fields, **extra)
        return ImageSummary(**fields)

    def detail(self, image_id: uuid.UUID, q: ImageQuery) -> ImageDetail:
        row = repository.detail(self.db, image_id)
        if row is None:
            raise NotFound("image not found")
        image: Image = row.Image
        agg = repository.aggregates(self.db, [image.id], self.threshold)[image.id]
        prev_id, next_id = repository.neighbours(self.db, image.id, q)
        detections = self.detections(image.id)
        camera = None
        if image.camera_id is not None and row.camera_name is not None:
            location = LatLon(lat=row.camera_lat, lon=row.camera_lon) if row.camera_lat is not None else None
            camera = CameraRef(id=image.camera_id, name=row.camera_name, location=location)
        summary_row = _SummaryRow(image, row.camera_name)
        return self._summary(
            summary_row,
            agg,
            camera=camera,
            file_size=image.file_size,
            mime_type=image.mime_type,
            exif=image.exif or {},
            gps=LatLon(lat=row.gps_lat, lon=row.gps_lon) if row.gps_lat is not None else None,
            camera_make=image.camera_make,
            camera_model=image.camera_model,
            camera_serial=image.camera_serial,
            uploaded_at=image.uploaded_at,
            detection_started_at=image.detection_started_at,
            detected_at=image.detected_at,
            classification_started_at=image.classification_started_at,
            failed_at=image.failed_at,
            rejected_at=image.rejected_at,
            durations=_durations(image),
            error=image.error[:2000] if image.error else None,
            attempts=image.attempts,
            duplicate_uploads=image.duplicate_uploads,
            url=self.media.url(BUCKET_RAW, image.storage_key) if image.status != ImageStatus.REJECTED else None,
            display_threshold=self.threshold,
            detections=detections,
            reviewed_by=image.reviewed_by,
            reviewed_by_email=row.reviewed_by_email,
            reviewed_at=image.reviewed_at,
            prev_id=prev_id,
            next_id=next_id,
        )

    def detections(self, image_id: uuid.UUID) -> list[DetectionOut]:
        result = []
        for detection, classifications in repository.detections_with_classifications(self.db, image_id):
            human = next((c.label for c in classifications if c.source == "human"), None)
            machine_top = next((c.label for c in classifications if c.source == "machine" and c.rank == 1), None)
            result.append(
                DetectionOut(
                    id=detection.id,
                    index=detection.index,
                    category=getattr(detection.category, "value", str(detection.category)),
                    confidence=detection.confidence,
                    bbox=list(detection.bbox),
                    crop_url=self.media.url(BUCKET_CROPS, detection.crop_key),
                    classifications=[
                        ClassificationOut(label=c.label, score=c.score, rank=c.rank, model_name=c.model_name, source=c.source)
                        for c in classifications
                    ],
                    human_label=human,
                    label=human or machine_top,
                )
            )
        return result

    # --- review ---------------------------------------------------------------------------------
    def _apply_review(self, actor: Actor, image: Image, status: ReviewStatus, note: str | None, now: datetime) -> None:
        previous = image.review_status
        image.review_status = status
        if status == ReviewStatus.UNREVIEWED:
            image.reviewed_by, image.reviewed_at = None, None
        else:
            image.reviewed_by, image.reviewed_at = actor.user_id, now
        details: dict[str, Any] = {"from": previous.value, "to": status.value}
        if note:
            details["note"] = note
        record(self.db, actor, "image.review", "image", image.id, details)

    def review(self, actor: Actor, image_id: uuid.UUID, status: ReviewStatus, note: str | None) -> ReviewResult:
        image = repository.get_for_update(self.db, image_id)
        if image is None:
            raise NotFound("image not found")
        self._apply_review(actor, image, status, note, datetime.now(UTC))
        self.db.flush()
        return ReviewResult(id=image.id, review_status=image.review_status, reviewed_by=image.reviewed_by, reviewed_at=image.reviewed_at)

    def review_many(self, actor: Actor, ids: list[uuid.UUID], status: ReviewStatus, note: str | None) -> BulkReviewResult:
        wanted = list(dict.fromkeys(ids))
        images = repository.many_for_update(self.db, wanted)
        now = datetime.now(UTC)
        for image in images:
            self._apply_review(actor, image, status, note, now)
        self.db.flush()
        found = {image.id for image in images}
        return BulkReviewResult(updated=[i for i in wanted if i in found], not_found=[i for i in wanted if i not in found])

    def correct_species(self, actor: Actor, image_id: uuid.UUID, detection_id: int, label: str | None) -> DetectionOut:
        """Store (or, with label None, remove) the human label of a detection, beside the machine's."""
        detection = repository.detection_for_update(self.db, image_id, detection_id)
        if detection is None:
            raise NotFound("detection not found")
        previous = repository.effective_label_of(self.db, detection_id)
        repository.delete_human_labels(self.db, detection_id)
        if label is not None:
            repository.add_classification(
                self.db,
                detection_id=detection_id,
                image_id=image_id,
                label=label,
                score=1.0,
                rank=1,
                model_name="human",
                source="human",
                created_by=actor.user_id,
            )
        self.db.flush()
        record(
            self.db,
            actor,
            "image.species_correct" if label is not None else "image.species_reset",
            "image",
            image_id,
            {"detection_id": detection_id, "from": previous, "to": label},
        )
        self.db.flush()
        return next(d for d in self.detections(image_id) if d.id == detection_id)

    def retry(self, actor: Actor, image_id: uuid.UUID) -> RetryResult:
        image = repository.get_for_update(self.db, image_id)
        if image is None:
            raise NotFound("image not found")
        if image.status != ImageStatus.FAILED:
            raise Conflict(f"only failed images can be retried; this one is {image.status.value}")
        record(self.db, actor, "image.retry", "image", image.id, {"error": (image.error or "")[:500]})
        image.status = ImageStatus.RECEIVED
        image.error = None
        image.failed_at = None
        image.attempts = 0
        self.db.flush()
        return RetryResult(id=image.id, status=image.status)


class _SummaryRow:
    """An Image row shaped like a list row (camera_name beside the image's own columns)."""

    def __init__(self, image: Image, camera_name: str | None) -> None:
        self._image = image
        self.camera_name = camera_name

    def __getattr__(self, name: str) -> Any:
        return getattr(self._image, name)


def _seconds(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return round((end - start).total_seconds(), 3)


def _durations(image: Image) -> StageDurations:
    return StageDurations(
        upload_to_received=_seconds(image.uploaded_at, image.received_at),
        waiting_for_detection=_seconds(image.received_at, image.detection_started_at),
        detection=_seconds(image.detection_started_at, image.detected_at),
        waiting_for_classification=_seconds(image.detected_at, image.classification_started_at),
        classification=_seconds(image.classification_started_at, image.completed_at),
        total=_seconds(image.received_at, image.completed_at),
    )
