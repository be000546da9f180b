from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from addax_api.images.schemas import SpeciesCount

Interval = Literal["hour", "day", "week", "month"]

__all__ = ["CameraStats", "Interval", "SpeciesCount", "Summary", "TimelinePoint"]


class TimelinePoint(BaseModel):
    timestamp: datetime = Field(description="Start of the interval (UTC; weeks start on Monday)")
    count: int = Field(description="Images captured in the interval; intervals without images are left out")


class CameraStats(BaseModel):
    camera_id: int
    camera_name: str
    image_count: int
    species_count: int
    last_image_at: datetime | None


class Summary(BaseModel):
    total_images: int = Field(description="Images, rejected uploads excluded")
    completed_images: int
    species_count: int = Field(description="Distinct species labels")
    active_cameras: int = Field(description="Cameras that sent an image in the last 7 days")
    processed_today: int = Field(description="Images completed since midnight UTC")
    pending: int = Field(description="Images still in the pipeline")
    failed: int
    rejected: int
