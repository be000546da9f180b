"""Image gallery, detail, review and retry."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from addax_api.audit.service import Actor, record
from addax_api.deps import get_db
from addax_api.errors import Conflict, NotFound
from addax_api.images import repository
from addax_api.images.schemas import (
    BulkReviewResult,
    BulkSpeciesResult,
    CameraRef,
    ClassificationOut,
    DetectionOut,
    ImageDetail,
    ImagePage,
    ImageSummary,
    LatLon,
    ListGrouping,
    RetryResult,
    ReviewResult,
    SequenceDetail,
    SequenceFrames,
    SequenceReviewResult,
    StageDurations,
    StatusCounts,
)
from addax_api.mapping import attributes
from addax_api.media.service import MediaUrls
from addax_api.queries.filters import ImageQuery
from addax_api.scope import ProjectScope
from addax_api.species_labels import service as species_labels
from addax_api.uow import UnitOfWork
from addax_common.db import Image, ImageStatus, ReviewStatus
from addax_common.privacy import blurred_image_key, blurred_thumbnail_key
from addax_common.reliable_queue import QUEUE_ALERT_REVIEWS, QUEUE_IMAGE_INGESTED
from addax_common.settings import Settings
from addax_common.storage import BUCKET_CROPS, BUCKET_RAW, BUCKET_THUMBNAILS


@dataclass(frozen=True)
class Presentation:
    """How images are shown: where media URLs point, and the confidence below which detections are hidden."""

    media: MediaUrls
    threshold: float
    # People blurred in what is served (the run-time `blur_people` setting): thumbnails and the image
    # come from the blurred copies the detection stage stored (addax_common.privacy).
    blur_people: bool = False

    def thumbnail_url(self, row: Any) -> str | None:
        if self.blur_people and getattr(row, "people_blurred", False):
            return self.media.url(BUCKET_THUMBNAILS, blurred_thumbnail_key(row.id))
        return self.media.url(BUCKET_THUMBNAILS, row.thumbnail_key)

    def image_url(self, image: Image, original: bool = False) -> str | None:
        if image.status == ImageStatus.REJECTED:
            return None
        if self.blur_people and image.people_blurred and not original:
            return self.media.url(BUCKET_THUMBNAILS, blurred_image_key(image.id))
        return self.media.url(BUCKET_RAW, image.storage_key)


async def presentation(request: Request, db: Annotated[Session, Depends(get_db)]) -> Presentation:
    """The request's Presentation (a FastAPI dependency): the run-time display threshold and blurring.
    Re-read through the request's own session when due (it may already hold a connection)."""
    runtime = request.app.state.runtime_settings
    values = runtime.cached() or await run_in_threadpool(runtime.current, db)
    return Presentation(request.app.state.media, values.detection_classify_threshold, values.blur_people)


# --- reading --------------------------------------------------------------------------------


# The gallery's total is exact up to this many images past the requested page; beyond it the answer
# says "at least" (total_exact false). An exact count(*) under a broad filter reads every matching row
# (about 150 ms at a million images, paid by every page view); no one pages through 10,000 images
# one page at a time, and the limit moves along with the page asked for.
EXACT_TOTAL_UP_TO = 10_000


def list_page(
    db: Session, view: Presentation, q: ImageQuery, page: int, limit: int, group: ListGrouping = "image"
) -> ImagePage:
    """A page of images, or with group="sequence" of sequences (one representative image each; their
    total is always exact)."""
    offset = (page - 1) * limit
    if group == "sequence":
        total = repository.count_sequences(db, q)
        rows = repository.sequence_page(db, q, offset, limit) if total else []
        return ImagePage.build(summaries(db, view, rows, q.project_id), total, page, limit)
    up_to = offset + max(EXACT_TOTAL_UP_TO, limit)
    total = repository.count(db, q, up_to=up_to)
    exact = total <= up_to
    rows = repository.page(db, q, offset, limit) if total else []
    return ImagePage.build(summaries(db, view, rows, q.project_id), min(total, up_to), page, limit, total_exact=exact)


def status_counts(db: Session, q: ImageQuery) -> StatusCounts:
    return StatusCounts(**{status.value: n for status, n in repository.status_counts(db, q).items()})


def summaries(db: Session, view: Presentation, rows: list[Any], project_id: int) -> list[ImageSummary]:
    aggregates = repository.aggregates(db, [r.id for r in rows], view.threshold)
    frames = repository.frame_counts(db, project_id, [r.sequence_id for r in rows])
    return [ImageSummary(**_summary_fields(view, r, aggregates[r.id], frames.get(r.sequence_id, 1))) for r in rows]


def _summary_fields(view: Presentation, row: Any, agg: repository.PageAggregates, frame_count: int) -> dict[str, Any]:
    """The fields an image summary and its detail view share."""
    labels = sorted(agg.labels or [], key=lambda item: (-item[1], item[0]))
    return dict(
        **attributes(row, "id", "camera_id", "camera_name", "original_filename", "status", "review_status"),
        **attributes(row, "captured_at", "uploaded_at", "received_at", "completed_at", "width", "height"),
        capture_time_known=row.captured_at is not None,
        thumbnail_url=view.thumbnail_url(row),
        media_kind=row.media_kind,
        detection_count=agg.detection_count,
        animal_count=agg.animal_count,
        top_species=labels[0][0] if labels else None,
        top_species_score=labels[0][1] if labels else None,
        top_confidence=agg.top_confidence,
        species=sorted({label for label, _ in labels}),
        sequence_id=row.sequence_id,
        frame_count=frame_count,
    )


# A detail lists at most this many frame ids (a time-lapse camera can chain thousands of frames).
MAX_FRAME_IDS = 1000


def sequence_frames(db: Session, project_id: int, image: Image) -> SequenceFrames:
    count = repository.frame_counts(db, project_id, [image.sequence_id]).get(image.sequence_id, 1)
    position = repository.frame_position(db, image) if count > 1 else 0
    offset = 0 if count <= MAX_FRAME_IDS else max(0, min(position - MAX_FRAME_IDS // 2, count - MAX_FRAME_IDS))
    ids = repository.frame_ids(db, project_id, image.sequence_id, offset, MAX_FRAME_IDS) if count > 1 else [image.id]
    return SequenceFrames(id=image.sequence_id, frame_count=count, position=position, offset=offset, frame_ids=ids)


MAX_SEQUENCE_FRAMES = 500


def sequence(db: Session, view: Presentation, project_id: int, sequence_id: uuid.UUID) -> SequenceDetail:
    rows = repository.sequence_frames(db, project_id, sequence_id, 0, MAX_SEQUENCE_FRAMES)
    if not rows:
        raise NotFound("sequence not found")
    frames = summaries(db, view, rows, project_id)
    count = frames[0].frame_count
    last = (
        rows[-1]
        if count <= MAX_SEQUENCE_FRAMES
        else repository.sequence_frames(db, project_id, sequence_id, count - 1, 1)[0]
    )
    return SequenceDetail(
        id=sequence_id,
        camera_id=rows[0].camera_id,
        frame_count=count,
        start=rows[0].captured_at,
        end=last.captured_at,
        frames=frames,
    )


def review_sequence(
    uow: UnitOfWork, scope: ProjectScope, sequence_id: uuid.UUID, status: ReviewStatus, note: str | None
) -> SequenceReviewResult:
    """Review every frame of a sequence at once (one audit row per frame, as the bulk review writes)."""
    ids = repository.frame_ids(uow.db, scope.project_id, sequence_id)
    if not ids:
        raise NotFound("sequence not found")
    result = review_many(uow, scope, ids, status, note)
    return SequenceReviewResult(sequence_id=sequence_id, updated=result.updated)


def detail(
    db: Session, view: Presentation, image_id: uuid.UUID, q: ImageQuery, original_for: Actor | None = None
) -> ImageDetail:
    """`original_for`: an admin who asked for the unblurred original; the request is audited."""
    row = repository.detail(db, q.project_id, image_id)
    if row is None:
        raise NotFound("image not found")
    image: Image = row.Image
    if original_for is not None:
        record(db, original_for, "image.view_original", "image", image.id,
               {"people_blurred": image.people_blurred}, project_id=q.project_id)
    agg = repository.aggregates(db, [image.id], view.threshold)[image.id]
    prev_id, next_id = repository.neighbours(db, image.id, q)
    shown = detections(db, view, image.id)
    camera = None
    if image.camera_id is not None and row.camera_name is not None:
        location = LatLon(lat=row.camera_lat, lon=row.camera_lon) if row.camera_lat is not None else None
        camera = CameraRef(id=image.camera_id, name=row.camera_name, location=location)
    summary_row = _SummaryRow(image, row.camera_name)
    frames = sequence_frames(db, q.project_id, image)
    return ImageDetail(
        **_summary_fields(view, summary_row, agg, frames.frame_count),
        camera=camera,
        **attributes(image, "file_size", "mime_type", "camera_make", "camera_model", "camera_serial"),
        **attributes(image, "detection_started_at", "detected_at", "classification_started_at"),
        **attributes(image, "exif_captured_at", "deployment_id"),
        **attributes(image, "failed_at", "rejected_at", "attempts", "duplicate_uploads", "reviewed_by", "reviewed_at"),
        exif=image.exif or {},
        gps=LatLon(lat=row.gps_lat, lon=row.gps_lon) if row.gps_lat is not None else None,
        durations=_durations(image),
        error=image.error[:2000] if image.error else None,
        url=view.image_url(image, original=original_for is not None),
        people_blurred=view.blur_people and image.people_blurred and original_for is None,
        display_threshold=view.threshold,
        detections=shown,
        reviewed_by_email=row.reviewed_by_email,
        prev_id=prev_id,
        next_id=next_id,
        sequence=frames,
    )


def detections(db: Session, view: Presentation, image_id: uuid.UUID) -> list[DetectionOut]:
    result = []
    for detection, classifications in repository.detections_with_classifications(db, image_id):
        human = next((c.label for c in classifications if c.source == "human"), None)
        machine_top = next((c.label for c in classifications if c.source == "machine" and c.rank == 1), None)
        result.append(
            DetectionOut(
                id=detection.id,
                index=detection.index,
                category=getattr(detection.category, "value", str(detection.category)),
                confidence=detection.confidence,
                bbox=list(detection.bbox),
                model_name=detection.model_name,
                crop_url=view.media.url(BUCKET_CROPS, detection.crop_key),
                classifications=[
                    ClassificationOut(
                        label=c.label, score=c.score, rank=c.rank, model_name=c.model_name, source=c.source,
                        taxon_rank=c.taxon_rank, taxonomy=c.taxonomy,
                    )
                    for c in classifications
                ],
                human_label=human,
                label=human or machine_top,
            )
        )
    return result


# --- review ---------------------------------------------------------------------------------


def _apply_review(
    db: Session, actor: Actor, image: Image, status: ReviewStatus, note: str | None, now: datetime
) -> None:
    previous = image.review_status
    image.review_status = status
    if status == ReviewStatus.UNREVIEWED:
        image.reviewed_by, image.reviewed_at = None, None
    else:
        image.reviewed_by, image.reviewed_at = actor.user_id, now
    details: dict[str, Any] = {"from": previous.value, "to": status.value}
    if note:
        details["note"] = note
    record(db, actor, "image.review", "image", image.id, details, project_id=image.project_id)


def _recheck_verified_alerts(uow: UnitOfWork, image: Image, status: ReviewStatus) -> None:
    """An approval makes the image human-verified: after commit, the alerts service evaluates its
    "only human-verified" rules on it again (idempotent there: one alert per rule x image)."""
    if status == ReviewStatus.APPROVED and image.status == ImageStatus.COMPLETED:
        uow.enqueue(QUEUE_ALERT_REVIEWS, image.id)


def review(
    uow: UnitOfWork, scope: ProjectScope, image_id: uuid.UUID, status: ReviewStatus, note: str | None
) -> ReviewResult:
    db, actor = uow.db, uow.actor
    image = repository.get_for_update(db, scope.project_id, image_id)
    if image is None:
        raise NotFound("image not found")
    _apply_review(db, actor, image, status, note, datetime.now(UTC))
    db.flush()
    _recheck_verified_alerts(uow, image, status)
    return ReviewResult(
        id=image.id, review_status=image.review_status, reviewed_by=image.reviewed_by, reviewed_at=image.reviewed_at
    )


def review_many(
    uow: UnitOfWork, scope: ProjectScope, ids: list[uuid.UUID], status: ReviewStatus, note: str | None
) -> BulkReviewResult:
    db, actor = uow.db, uow.actor
    wanted = list(dict.fromkeys(ids))
    images = repository.many_for_update(db, scope.project_id, wanted)
    now = datetime.now(UTC)
    for image in images:
        _apply_review(db, actor, image, status, note, now)
        _recheck_verified_alerts(uow, image, status)
    db.flush()
    found = {image.id for image in images}
    return BulkReviewResult(updated=[i for i in wanted if i in found], not_found=[i for i in wanted if i not in found])


def correct_species(
    uow: UnitOfWork,
    scope: ProjectScope,
    view: Presentation,
    image_id: uuid.UUID,
    detection_id: int,
    label: str | None,
    settings: Settings,
) -> DetectionOut:
    """Store (or, with label None, remove) the human label of a detection, beside the machine's.

    A label must be in the project's species list (`species_labels.service`); `settings` names the
    taxonomy file that list reads."""
    db = uow.db
    detection = repository.detection_for_update(db, scope.project_id, image_id, detection_id)
    if detection is None:
        raise NotFound("detection not found")
    if label is not None:
        label = species_labels.known_label(db, settings, scope.project_id, label)
    _store_human_labels(uow, scope, [(image_id, detection_id)], label)
    uow.invalidate_stats(scope.project_id)
    if label is not None:  # a human label counts as verified (the alerts service skips unfinished images)
        uow.enqueue(QUEUE_ALERT_REVIEWS, image_id)
    return next(d for d in detections(db, view, image_id) if d.id == detection_id)


def _store_human_labels(
    uow: UnitOfWork, scope: ProjectScope, targets: list[tuple[uuid.UUID, int]], label: str | None
) -> None:
    """Replace (label None: remove) the human label of each (image_id, detection_id), with one audit
    entry each naming the label that counted before: one DELETE and one flush for all of them."""
    db, actor = uow.db, uow.actor
    detection_ids = [detection_id for _, detection_id in targets]
    previous = repository.effective_labels_of(db, detection_ids)
    repository.delete_human_labels(db, detection_ids)
    action = "image.species_correct" if label is not None else "image.species_reset"
    for image_id, detection_id in targets:
        if label is not None:
            repository.add_classification(
                db,
                detection_id=detection_id,
                image_id=image_id,
                label=label,
                score=1.0,
                rank=1,
                model_name="human",
                source="human",
                created_by=actor.user_id,
            )
        details = {"detection_id": detection_id, "from": previous.get(detection_id), "to": label}
        record(db, actor, action, "image", image_id, details, project_id=scope.project_id)
    db.flush()


def correct_species_many(
    uow: UnitOfWork,
    scope: ProjectScope,
    view: Presentation,
    ids: list[uuid.UUID],
    label: str,
    settings: Settings,
) -> BulkSpeciesResult:
    """Give every animal detection (above the display threshold) of these images the same human label:
    the gallery's "set species" for a selection, e.g. the frames of one sequence."""
    db = uow.db
    label = species_labels.known_label(db, settings, scope.project_id, label)
    wanted = list(dict.fromkeys(ids))
    images = repository.many_for_update(db, scope.project_id, wanted)
    found = {image.id for image in images}
    detections = repository.animal_detections_for_update(db, sorted(found), view.threshold)
    _store_human_labels(uow, scope, [(d.image_id, d.id) for d in detections], label)
    corrected = {d.image_id for d in detections}
    if corrected:
        uow.invalidate_stats(scope.project_id)
    for image_id in sorted(corrected):
        uow.enqueue(QUEUE_ALERT_REVIEWS, image_id)
    return BulkSpeciesResult(
        updated=[i for i in wanted if i in corrected],
        skipped=[i for i in wanted if i in found and i not in corrected],
        not_found=[i for i in wanted if i not in found],
        detections=len(detections),
        label=label,
    )


def retry(uow: UnitOfWork, scope: ProjectScope, image_id: uuid.UUID) -> RetryResult:
    """Reset a failed image to received and queue it for detection once the reset is committed."""
    db, actor = uow.db, uow.actor
    image = repository.get_for_update(db, scope.project_id, image_id)
    if image is None:
        raise NotFound("image not found")
    if image.status != ImageStatus.FAILED:
        raise Conflict(f"only failed images can be retried; this one is {image.status.value}")
    record(
        db, actor, "image.retry", "image", image.id, {"error": (image.error or "")[:500]}, project_id=scope.project_id
    )
    image.status = ImageStatus.RECEIVED
    image.error = None
    image.failed_at = None
    image.attempts = 0
    db.flush()
    uow.enqueue(QUEUE_IMAGE_INGESTED, image.id)
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
