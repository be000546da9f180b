from __future__ import annotations

from datetime import date as date_type
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from addax_api.images.schemas import SpeciesCount

Interval = Literal["hour", "day", "week", "month"]

__all__ = [
    "Accumulation",
    "Activity",
    "CameraStats",
    "Interval",
    "Occupancy",
    "Rai",
    "SpeciesCount",
    "Summary",
    "TimelinePoint",
    "TrapDays",
]


class TimelinePoint(BaseModel):
    timestamp: datetime = Field(description="Start of the interval (UTC; weeks start on Monday)")
    count: int = Field(
        description="Images captured in the interval; every interval of the range is listed, empty ones with 0"
    )


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


# --- ecology (stats/ecology.py holds the definitions) ---------------------------------------------


class DeploymentTrapDays(BaseModel):
    deployment_id: int
    camera_id: int
    camera_name: str
    location_name: str | None
    start: datetime = Field(description="The deployment's start, or date_from when that is later")
    end: datetime = Field(description="The deployment's end (now for a running one), or date_to when that is earlier")
    trap_days: float = Field(description="(end - start) in days of 24 h, 0 when the deployment lies outside the range")


class TrapDays(BaseModel):
    total: float = Field(description="Sum of trap_days over the deployments")
    deployments: list[DeploymentTrapDays]


class SpeciesRai(BaseModel):
    species: str
    events: int = Field(description="Independent events of the species")
    detections: int = Field(description="Images showing the species (one per image, however many individuals)")
    rai: float | None = Field(description="events per 100 trap-days; null when there are no trap-days")


class DeploymentRai(BaseModel):
    deployment_id: int
    camera_name: str
    location_name: str | None
    trap_days: float
    species: list[SpeciesRai]


class Rai(BaseModel):
    independence_interval_minutes: int = Field(description="The project setting the events were grouped with")
    trap_days: float = Field(description="Total trap-days of the deployments in the filters")
    species: list[SpeciesRai] = Field(description="Over all deployments, most events first")
    deployments: list[DeploymentRai]


class ActivitySeries(BaseModel):
    species: str | None = Field(description="null: all species together")
    detections: list[int] = Field(description="24 numbers: images showing the species by local hour 0..23")
    events: list[int] = Field(description="24 numbers: independent events by the local hour of their first image")


class Activity(BaseModel):
    independence_interval_minutes: int
    total: ActivitySeries
    species: list[ActivitySeries] = Field(description="One series per species, most events first")


class AccumulationPoint(BaseModel):
    date: date_type = Field(description="A calendar day in the project's time zone; every day of the survey is listed")
    trap_days: float = Field(description="Cumulative trap-days at the end of the day")
    species_count: int = Field(description="Cumulative distinct species detected up to and including the day")
    new_species: list[str] = Field(description="Species first detected on the day")


class Accumulation(BaseModel):
    timezone: str = Field(description="The project time zone the days are counted in")
    points: list[AccumulationPoint]


class SpeciesOccupancy(BaseModel):
    species: str
    sites_detected: int = Field(description="Sites with at least one image of the species")
    naive_occupancy: float = Field(description="sites_detected / sites_surveyed (0..1)")


class Occupancy(BaseModel):
    sites_surveyed: int = Field(
        description="Distinct deployment locations (coordinates to 5 decimals, about 1 m) with trap-days > 0"
    )
    species: list[SpeciesOccupancy] = Field(description="Highest occupancy first")
