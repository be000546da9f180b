from __future__ import annotations

from datetime import datetime
from typing import Any

from geoalchemy2 import Geography
from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
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
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from addax_common.db.base import Base, utc_timestamp


class Camera(Base):
    __tablename__ = "cameras"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="RESTRICT"), server_default=text("default_project_id()")
    )
    name: Mapped[str] = mapped_column(String(120), unique=True)
    serial_number: Mapped[str | None] = mapped_column(String(120), unique=True)
    ftps_account: Mapped[str | None] = mapped_column(String(120))
    # Geography so distances and "cameras within X km" are in metres without projections.
    location = mapped_column(Geography(geometry_type="POINT", srid=4326, spatial_index=False), nullable=True)
    altitude_m: Mapped[float | None] = mapped_column(Float)
    make: Mapped[str | None] = mapped_column(String(120))
    model: Mapped[str | None] = mapped_column(String(120))
    # Cameras seen for the first time are registered unassigned; an admin assigns them to a site.
    is_assigned: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    site: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    config: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    installed_at: Mapped[datetime | None] = utc_timestamp()
    created_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    __table_args__ = (
        Index("ix_cameras_location", "location", postgresql_using="gist"),
        Index("ix_cameras_project", "project_id"),
    )


class CameraStatus(Base):
    """A health reading of a camera: from an image's EXIF or from a daily report file."""

    __tablename__ = "camera_status"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id", ondelete="CASCADE"))
    reported_at: Mapped[datetime] = utc_timestamp(nullable=False)
    source: Mapped[str] = mapped_column(String(16))  # "exif" or "report"
    image_id = mapped_column(UUID(as_uuid=True), ForeignKey("images.id", ondelete="SET NULL"), nullable=True)
    battery_percent: Mapped[float | None] = mapped_column(Float)
    temperature_c: Mapped[float | None] = mapped_column(Float)
    sd_used_percent: Mapped[float | None] = mapped_column(Float)
    signal_quality: Mapped[float | None] = mapped_column(Float)
    images_on_sd: Mapped[int | None] = mapped_column(Integer)
    raw: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    created_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)

    __table_args__ = (UniqueConstraint("camera_id", "reported_at", "source", name="uq_camera_status_reading"),)


Index("ix_camera_status_camera_reported", CameraStatus.camera_id, CameraStatus.reported_at.desc())
