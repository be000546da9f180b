from __future__ import annotations

from datetime import datetime
from typing import Literal

from geoalchemy2 import Geography
from sqlalchemy import CheckConstraint, DateTime, Float, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from addax_common.db.base import Base, utc_timestamp

# Camtrap DP 1.0 `featureType` values, so a deployment exports without translation. A Literal, so the
# API's schema (and the dashboard's generated types) list them.
FeatureType = Literal[
    "roadPaved",
    "roadDirt",
    "trailHiking",
    "trailGame",
    "roadUnderpass",
    "roadOverpass",
    "roadBridge",
    "culvert",
    "burrow",
    "nestSite",
    "carcass",
    "waterSource",
    "fruitingTree",
]


class Deployment(Base):
    """A camera at one location from `start_at` until `end_at` (null: still running).

    The project is the camera's (no project_id here), so moving a camera moves its deployments. Periods
    are half-open, [start_at, end_at); deployments of one camera never overlap (checked by the API
    under a lock on the camera row).
    """

    __tablename__ = "deployments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id", ondelete="CASCADE"))
    start_at: Mapped[datetime] = utc_timestamp(nullable=False)
    end_at: Mapped[datetime | None] = utc_timestamp()
    location = mapped_column(Geography(geometry_type="POINT", srid=4326, spatial_index=False), nullable=False)
    location_name: Mapped[str | None] = mapped_column(String(200))
    camera_height_m: Mapped[float | None] = mapped_column(Float)
    bait: Mapped[str | None] = mapped_column(String(200))
    habitat: Mapped[str | None] = mapped_column(String(200))
    feature_type: Mapped[str | None] = mapped_column(String(32))
    notes: Mapped[str | None] = mapped_column(Text)
    timezone: Mapped[str] = mapped_column(String(64), server_default="UTC")
    # Added to each image's EXIF time: a camera whose clock ran 3600 s slow gets +3600.
    clock_offset_seconds: Mapped[int] = mapped_column(Integer, server_default="0")
    created_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    __table_args__ = (
        CheckConstraint("end_at IS NULL OR end_at > start_at", name="period"),
        Index("ix_deployments_camera_start", "camera_id", "start_at"),
    )
