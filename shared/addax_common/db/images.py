from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from geoalchemy2 import Geography
from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    FetchedValue,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column, relationship

from addax_common.db.base import Base, utc_timestamp
from addax_common.db.enums import str_enum


class ImageStatus(str, enum.Enum):
    """The pipeline state machine (ARCHITECTURE §2)."""

    RECEIVED = "received"
    DETECTING = "detecting"
    DETECTED = "detected"
    CLASSIFYING = "classifying"
    COMPLETED = "completed"
    FAILED = "failed"
    REJECTED = "rejected"


# States from which the pipeline still owes work; the reconciler watches these.
PENDING_STATES = (ImageStatus.RECEIVED, ImageStatus.DETECTING, ImageStatus.DETECTED, ImageStatus.CLASSIFYING)
TERMINAL_STATES = (ImageStatus.COMPLETED, ImageStatus.FAILED, ImageStatus.REJECTED)


class ReviewStatus(str, enum.Enum):
    UNREVIEWED = "unreviewed"
    APPROVED = "approved"
    REJECTED = "rejected"
    FLAGGED = "flagged"


class DetectionCategory(str, enum.Enum):
    ANIMAL = "animal"
    PERSON = "person"
    VEHICLE = "vehicle"


class Image(Base):
    __tablename__ = "images"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    camera_id: Mapped[int | None] = mapped_column(ForeignKey("cameras.id", ondelete="SET NULL"))
    # The camera's project, denormalised so every list query filters and sorts on one index that leads
    # with the project (migration 0005); moving a camera moves its images. Images whose camera is
    # unknown still belong to the project of the FTPS account they came through.
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="RESTRICT"), server_default=text("default_project_id()")
    )
    # Display only: storage keys are derived from ids, never from this user-supplied name.
    original_filename: Mapped[str] = mapped_column(String(512))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_size: Mapped[int] = mapped_column(BigInteger)
    mime_type: Mapped[str | None] = mapped_column(String(64))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    storage_key: Mapped[str | None] = mapped_column(String(512))  # in raw-images, or quarantine when rejected
    thumbnail_key: Mapped[str | None] = mapped_column(String(512))
    # True when the detection stage stored people-blurred copies of the image and its thumbnail
    # (addax_common.privacy: keys derive from the id); viewers get those while blurring is on.
    people_blurred: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    ftps_account: Mapped[str | None] = mapped_column(String(120))
    # The door the file came through (ftps, web, http-api, cli) and who sent it: the signed-in user of
    # the web upload, or the upload key of the HTTP API and the command-line uploader (migration 0012).
    upload_door: Mapped[str] = mapped_column(String(16), default="ftps", server_default="ftps")
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    upload_key_id: Mapped[int | None] = mapped_column(ForeignKey("upload_keys.id", ondelete="SET NULL"))
    # "image", or "video" (an SD card's clips, migration 0017): a video is stored and listed with a poster
    # frame as its thumbnail, but not run through the image models (written completed, no detections).
    media_kind: Mapped[str] = mapped_column(String(16), default="image", server_default="image")
    # Uploads of identical content after the first: kept as a count, not as new images.
    duplicate_uploads: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    status: Mapped[ImageStatus] = mapped_column(str_enum(ImageStatus, "image_status"), default=ImageStatus.RECEIVED)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    # EXIF. exif_captured_at is the camera clock's time as read; captured_at is that plus the clock
    # offset of the image's deployment (addax_common/deployments.py), so an offset change is undone exactly.
    # Both are null when the photo carries no capture time: nothing stands in for it.
    captured_at: Mapped[datetime | None] = utc_timestamp()
    # max(detections.confidence) of the image, null without detections: kept by triggers on detections
    # (migration 0015), read by the confidence sort. Never written by application code.
    max_confidence: Mapped[float | None] = mapped_column(Float)
    # The labels that count for the image's detections (a human correction, else the machine's rank-1
    # label), kept by triggers on classifications (migration 0018), read by the species filter. Never
    # written by application code.
    species: Mapped[list[str]] = mapped_column(ARRAY(Text), default=list, server_default="{}")
    # How many detections have each label of `species`, in the same order (migration 0019): what the
    # statistics' tallies count detections by. Kept by the same triggers.
    species_detections: Mapped[list[int]] = mapped_column(ARRAY(Integer), default=list, server_default="{}")
    exif_captured_at: Mapped[datetime | None] = utc_timestamp()
    # The EXIF wall-clock time when the photo carried no UTC offset (nearly every camera trap): it is
    # read in the time zone of the image's deployment (addax_common/deployments.py), so changing that
    # zone re-computes captured_at. Null when EXIF had an offset (exif_captured_at is then exact).
    exif_local_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=False))
    deployment_id: Mapped[int | None] = mapped_column(ForeignKey("deployments.id", ondelete="SET NULL"))
    # The id of the first frame of the image's sequence (addax_common/sequences.py): frames of one camera
    # whose capture times lie within the project's sequence_gap_seconds of the previous frame. An image
    # without a capture time or a camera is its own sequence. A BEFORE INSERT trigger (migration 0009)
    # sets it to the image's own id when an insert leaves it out.
    sequence_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), server_default=FetchedValue())
    camera_make: Mapped[str | None] = mapped_column(String(120))
    camera_model: Mapped[str | None] = mapped_column(String(120))
    camera_serial: Mapped[str | None] = mapped_column(String(120))
    gps = mapped_column(Geography(geometry_type="POINT", srid=4326, spatial_index=False), nullable=True)
    exif: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")

    # One time column per transition, so the latency of each stage is a query.
    uploaded_at: Mapped[datetime | None] = utc_timestamp()
    received_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)
    detection_started_at: Mapped[datetime | None] = utc_timestamp()
    detected_at: Mapped[datetime | None] = utc_timestamp()
    classification_started_at: Mapped[datetime | None] = utc_timestamp()
    completed_at: Mapped[datetime | None] = utc_timestamp()
    failed_at: Mapped[datetime | None] = utc_timestamp()
    rejected_at: Mapped[datetime | None] = utc_timestamp()
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    review_status: Mapped[ReviewStatus] = mapped_column(
        str_enum(ReviewStatus, "review_status"), default=ReviewStatus.UNREVIEWED, server_default="unreviewed"
    )
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = utc_timestamp()

    __table_args__ = (CheckConstraint("media_kind IN ('image', 'video')", name="media_kind"),)

    detections: Mapped[list[Detection]] = relationship(
        back_populates="image", cascade="all, delete-orphan", order_by="Detection.index", passive_deletes=True
    )


Index("ix_images_camera_captured", Image.camera_id, Image.captured_at.desc())
Index("ix_images_camera_received", Image.camera_id, Image.received_at.desc())
Index("ix_images_received", Image.received_at.desc())
Index("ix_images_captured", Image.captured_at.desc())
Index("ix_images_status", Image.status)
Index("ix_images_review_status", Image.review_status)
# The gallery's order and date filter within a project: dated images first, by capture time, then the
# images without one by arrival (migration 0008). Newest-first scans the first index backwards,
# oldest-first the second forwards (addax_api/queries/images.py: sort_keys).
Index(
    "ix_images_project_dated_taken_at",
    Image.project_id,
    Image.captured_at.is_not(None),
    func.coalesce(Image.captured_at, Image.received_at),
    Image.id,
)
Index(
    "ix_images_project_undated_taken_at",
    Image.project_id,
    Image.captured_at.is_(None),
    func.coalesce(Image.captured_at, Image.received_at),
    Image.id,
)
# The confidence sort within a project (migration 0015), newest-first as the tie-breaker: an index walk.
Index(
    "ix_images_project_confidence",
    Image.project_id,
    func.coalesce(Image.max_confidence, -1.0),
    Image.captured_at.is_not(None),
    func.coalesce(Image.captured_at, Image.received_at),
    Image.id,
)
# The species filter (migration 0018): `species && ARRAY[...]`.
Index("ix_images_species", Image.species, postgresql_using="gin")
Index("ix_images_deployment", Image.deployment_id)
# Frames of a sequence (frame counts of a gallery page, the detail's frame strip; migration 0009).
Index("ix_images_sequence", Image.sequence_id, Image.captured_at)
Index("ix_images_project_received", Image.project_id, Image.received_at.desc(), Image.id.desc())
# Camera-filtered counts within a project, from the index alone (migration 0007).
Index("ix_images_project_camera", Image.project_id, Image.camera_id)
# "Processed today" on the statistics summary: an index range from midnight (migration 0019).
Index("ix_images_project_completed", Image.project_id, Image.completed_at.desc())
Index(
    "ix_images_camera_taken_at",
    Image.camera_id,
    func.coalesce(Image.captured_at, Image.received_at).desc(),
    Image.id.desc(),
)
# The reconciler scans only unfinished images; a partial index keeps that scan tiny.
Index(
    "ix_images_pending_updated",
    Image.status,
    Image.updated_at,
    postgresql_where=text("status IN ('received','detecting','detected','classifying')"),
)


class Detection(Base):
    __tablename__ = "detections"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    image_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), ForeignKey("images.id", ondelete="CASCADE"))
    index: Mapped[int] = mapped_column(Integer)  # n in crops/<image_id>_<n>.jpg
    category: Mapped[DetectionCategory] = mapped_column(str_enum(DetectionCategory, "detection_category"))
    confidence: Mapped[float] = mapped_column(Float)
    # MegaDetector convention: normalized [x_min, y_min, width, height], origin top-left.
    bbox_x: Mapped[float] = mapped_column(Float)
    bbox_y: Mapped[float] = mapped_column(Float)
    bbox_w: Mapped[float] = mapped_column(Float)
    bbox_h: Mapped[float] = mapped_column(Float)
    crop_key: Mapped[str | None] = mapped_column(String(512))
    model_name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)

    image: Mapped[Image] = relationship(back_populates="detections")
    classifications: Mapped[list[Classification]] = relationship(
        back_populates="detection", cascade="all, delete-orphan", order_by="Classification.rank", passive_deletes=True
    )

    __table_args__ = (
        UniqueConstraint("image_id", "index", name="uq_detections_image_index"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence_range"),
        CheckConstraint(
            "bbox_x >= 0 AND bbox_y >= 0 AND bbox_w >= 0 AND bbox_h >= 0 AND bbox_x + bbox_w <= 1.0001 "
            "AND bbox_y + bbox_h <= 1.0001",
            name="bbox_normalized",
        ),
    )

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.bbox_x, self.bbox_y, self.bbox_w, self.bbox_h)


Index("ix_detections_image", Detection.image_id)
Index("ix_detections_category_confidence", Detection.category, Detection.confidence)


class Classification(Base):
    """One label for one detection. Machine top-k rows have rank 1..k; a human correction is source='human'."""

    __tablename__ = "classifications"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    detection_id: Mapped[int] = mapped_column(ForeignKey("detections.id", ondelete="CASCADE"))
    # Denormalized so species filters and statistics need no join through detections.
    image_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), ForeignKey("images.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(200))
    score: Mapped[float] = mapped_column(Float)
    rank: Mapped[int] = mapped_column(Integer)
    model_name: Mapped[str] = mapped_column(String(120))
    source: Mapped[str] = mapped_column(String(16), default="machine", server_default="machine")
    # The taxonomic rank the label is at (species, genus, family, order, class) when the classifier's
    # labels carry a taxonomy (SpeciesNet style); a rank above species on rank 1 = a rolled-up answer.
    taxon_rank: Mapped[str | None] = mapped_column(String(16))
    # The label's taxonomy, {"class": ..., "order": ..., "family": ..., "genus": ..., "species": ...}.
    taxonomy: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)

    detection: Mapped[Detection] = relationship(back_populates="classifications")

    __table_args__ = (
        UniqueConstraint("detection_id", "source", "rank", name="uq_classifications_detection_source_rank"),
        CheckConstraint("source IN ('machine','human')", name="source_kind"),
        CheckConstraint("score >= 0 AND score <= 1", name="score_range"),
    )


Index("ix_classifications_label", Classification.label)
Index("ix_classifications_image_rank", Classification.image_id, Classification.rank)
Index("ix_classifications_detection", Classification.detection_id)
# "Has a person corrected this detection?" (human labels win over the machine's; migration 0002).
Index(
    "ix_classifications_human_detection",
    Classification.detection_id,
    postgresql_where=text("source = 'human'"),
)
