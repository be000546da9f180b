from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from addax_api.pagination import Page
from addax_api.validation import NonEmptyText200, Text1000
from addax_common.db import ImageStatus, ReviewStatus


class ImageSummary(BaseModel):
    id: uuid.UUID
    camera_id: int | None
    camera_name: str | None
    original_filename: str
    status: ImageStatus
    review_status: ReviewStatus
    captured_at: datetime | None = Field(
        description="When the photo was taken: the EXIF time corrected by its deployment's clock offset; "
        "null when the photo carries no capture time (see capture_time_known)"
    )
    capture_time_known: bool = Field(
        description="False when the photo has no EXIF capture time: it is left out of date filters and time "
        "statistics unless asked for, and sorts after dated images; show uploaded_at as the upload time"
    )
    uploaded_at: datetime | None = Field(description="When the file was uploaded (file time in the upload area)")
    received_at: datetime = Field(description="When ingestion stored the image")
    completed_at: datetime | None
    width: int | None
    height: int | None
    thumbnail_url: str | None = Field(description="Signed, time-limited URL; null when no thumbnail exists yet")
    media_kind: Literal["image", "video"] = Field(
        "image", description="video: a clip from an SD card, stored and listed (thumbnail = its poster frame) "
        "but not analysed by the image models yet: it is completed with no detections"
    )
    detection_count: int = Field(description="Detections at or above the display threshold (any category)")
    animal_count: int = Field(description="Animal detections at or above the display threshold")
    top_species: str | None = Field(description="The best species label (a human correction wins), or null")
    top_species_score: float | None = Field(description="Classification score of top_species (1.0 for a human label)")
    top_confidence: float | None = Field(
        description="Highest detection confidence in the image; what min_confidence filters and sort=confidence orders by"
    )
    species: list[str] = Field(description="Distinct species labels in the image (human corrections win)")
    sequence_id: uuid.UUID = Field(
        description="The image's sequence: the id of its first frame. Frames of one camera at most the project's "
        "sequence_gap_seconds after the previous frame form one sequence; an image without a capture time is its own"
    )
    frame_count: int = Field(description="Frames in the image's sequence (all of them, whatever the filters)")


class ImagePage(Page[ImageSummary]):
    pass


ListGrouping = Literal["image", "sequence"]


class SequenceFrames(BaseModel):
    """The frames of an image's sequence, for stepping through them in the detail view."""

    id: uuid.UUID = Field(description="The sequence id (its first frame's image id)")
    frame_count: int
    position: int = Field(description="0-based index of this image among the sequence's frames, in capture order")
    offset: int = Field(
        description="Index of frame_ids[0] in the whole sequence: 0 unless the sequence has more than 1000 frames, "
        "when frame_ids is the 1000 frames around this one"
    )
    frame_ids: list[uuid.UUID] = Field(description="Frame image ids in capture order (ties by id)")


class SequenceDetail(BaseModel):
    id: uuid.UUID = Field(description="The sequence id (its first frame's image id)")
    camera_id: int | None
    frame_count: int
    start: datetime | None = Field(description="Capture time of the first frame")
    end: datetime | None = Field(description="Capture time of the last frame")
    frames: list[ImageSummary] = Field(description="The frames in capture order (at most 500)")


class SequenceReviewResult(BaseModel):
    sequence_id: uuid.UUID
    updated: list[uuid.UUID] = Field(description="Every frame of the sequence, now with the new review status")


class StatusCounts(BaseModel):
    """Images per pipeline status under the gallery's other filters. The gallery shows the processing
    and completed ones by default and offers rejected and failed uploads as a filter with these counts."""

    received: int = 0
    detecting: int = 0
    detected: int = 0
    classifying: int = 0
    completed: int = 0
    failed: int = 0
    rejected: int = 0


class LatLon(BaseModel):
    lat: float
    lon: float


class CameraRef(BaseModel):
    id: int
    name: str
    location: LatLon | None


class ClassificationOut(BaseModel):
    label: str
    score: float
    rank: int
    model_name: str = Field(description="The classifier as name@version, or 'human' for a person's label")
    source: Literal["machine", "human"]
    taxon_rank: str | None = Field(
        default=None,
        description="Rank of the label (species, genus, family, order, class) for classifiers with taxonomic "
        "labels; on rank 1 a rank above species means the species was uncertain and was rolled up",
    )
    taxonomy: dict[str, str] | None = Field(default=None, description="The label's class, order, family, genus, species")


class DetectionOut(BaseModel):
    id: int
    index: int
    category: str
    confidence: float
    bbox: list[float] = Field(description="Normalized [x_min, y_min, width, height], origin top-left")
    model_name: str = Field(description="The detector that found it, as name@version")
    crop_url: str | None
    classifications: list[ClassificationOut] = Field(description="Machine top-k by rank, then the human label if any")
    human_label: str | None
    label: str | None = Field(description="The label that counts: the human correction, else the machine's rank 1")


class StageDurations(BaseModel):
    """Seconds spent in each stage; null when a stage has not happened."""

    upload_to_received: float | None
    waiting_for_detection: float | None
    detection: float | None
    waiting_for_classification: float | None
    classification: float | None
    total: float | None = Field(description="received_at to completed_at")


class ImageDetail(ImageSummary):
    camera: CameraRef | None
    file_size: int
    mime_type: str | None
    exif: dict[str, Any]
    gps: LatLon | None
    camera_make: str | None
    camera_model: str | None
    camera_serial: str | None
    exif_captured_at: datetime | None = Field(
        description="The capture time as the camera's clock wrote it, before the deployment's clock offset"
    )
    deployment_id: int | None = Field(description="The deployment active at the capture time, if any")
    detection_started_at: datetime | None
    detected_at: datetime | None
    classification_started_at: datetime | None
    failed_at: datetime | None
    rejected_at: datetime | None
    durations: StageDurations
    error: str | None
    attempts: int
    duplicate_uploads: int
    url: str | None = Field(
        description="Signed, time-limited URL of the image: with people blurred while blurring is on, "
        "unless a project admin asked for the original (?original=true)"
    )
    people_blurred: bool = Field(False, description="True when `url` (and the thumbnail) show people blurred")
    display_threshold: float = Field(description="Detections below this confidence are stored but not counted")
    detections: list[DetectionOut]
    reviewed_by: int | None
    reviewed_by_email: str | None
    reviewed_at: datetime | None
    prev_id: uuid.UUID | None = Field(description="The image before this one in the list under the same filters")
    next_id: uuid.UUID | None = Field(description="The image after this one in the list under the same filters")
    sequence: SequenceFrames = Field(description="The frames of this image's sequence (one frame: the image alone)")


class ReviewRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: ReviewStatus
    note: Text1000 | None = None


class BulkReviewRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    image_ids: list[uuid.UUID] = Field(min_length=1, max_length=500)
    status: ReviewStatus
    note: Text1000 | None = None


class ReviewResult(BaseModel):
    id: uuid.UUID
    review_status: ReviewStatus
    reviewed_by: int | None
    reviewed_at: datetime | None


class BulkReviewResult(BaseModel):
    updated: list[uuid.UUID]
    not_found: list[uuid.UUID]


class SpeciesCorrection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: NonEmptyText200


class BulkSpeciesRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    image_ids: list[uuid.UUID] = Field(min_length=1, max_length=500)
    label: NonEmptyText200 = Field(description="A label of the project's species list (GET .../species-labels)")


class BulkSpeciesResult(BaseModel):
    updated: list[uuid.UUID] = Field(description="Images whose animal detections now carry the label")
    skipped: list[uuid.UUID] = Field(description="Images with no animal detection above the display threshold")
    not_found: list[uuid.UUID]
    detections: int = Field(description="How many detections were corrected")
    label: str = Field(description="The label as stored (the list's form)")


class RetryResult(BaseModel):
    id: uuid.UUID
    status: ImageStatus


class SpeciesCount(BaseModel):
    species: str
    count: int = Field(description="Detections with this label (human corrections win over the machine label)")
    image_count: int = Field(description="Images with at least one such detection")
