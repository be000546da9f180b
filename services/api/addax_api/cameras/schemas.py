from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from addax_api.images.schemas import ImageSummary, LatLon
from addax_api.scope import SLUG_PATTERN
from addax_api.validation import JsonObject, NonEmptyText120, Text120, Text200, Text5000, patch_of


class CameraLocation(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    lat: Annotated[float, Field(ge=-90, le=90, description="Latitude, WGS 84")]
    lon: Annotated[float, Field(ge=-180, le=180, description="Longitude, WGS 84")]


ProjectSlug = Annotated[str, Field(max_length=64, pattern=SLUG_PATTERN)]
Altitude = Annotated[float, Field(ge=-500, le=9000, allow_inf_nan=False, description="Metres above sea level")]


class CameraCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: NonEmptyText120
    serial_number: Text120 | None = None
    ftps_account: Text120 | None = None
    location: CameraLocation | None = None
    altitude_m: Altitude | None = None
    make: Text120 | None = None
    model: Text120 | None = None
    site: Text200 | None = None
    notes: Text5000 | None = None
    is_assigned: bool = True
    installed_at: datetime | None = None
    config: JsonObject = Field(default_factory=dict)


@patch_of(CameraCreate)
class CameraUpdate(BaseModel):
    """Only the fields sent are changed; send `location: null` to remove the location."""

    model_config = ConfigDict(extra="forbid")

    project: ProjectSlug | None = Field(
        default=None, description="Move the camera, with its images, to this project (slug); you must administer both"
    )


class CameraAssign(BaseModel):
    """Adopt an unassigned (auto-registered) camera, optionally naming and placing it at the same time."""

    model_config = ConfigDict(extra="forbid")

    name: NonEmptyText120 | None = None
    site: Text200 | None = None
    location: CameraLocation | None = None
    notes: Text5000 | None = None
    project: ProjectSlug | None = Field(
        default=None, description="Adopt it into this project (slug), with its images; you must administer both"
    )


class CameraStatusOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    reported_at: datetime
    source: str
    battery_percent: float | None
    temperature_c: float | None
    sd_used_percent: float | None
    signal_quality: float | None
    images_on_sd: int | None


class CameraProperties(BaseModel):
    id: int
    name: str
    serial_number: str | None
    is_assigned: bool
    site: str | None
    make: str | None
    model: str | None
    altitude_m: float | None
    last_image_at: datetime | None = Field(description="Capture time of the newest image (receive time without EXIF)")
    image_count: int
    battery_percent: float | None = Field(description="From the latest status reading")
    temperature_c: float | None
    sd_used_percent: float | None
    status_reported_at: datetime | None


class PointGeometry(BaseModel):
    type: Literal["Point"] = "Point"
    coordinates: list[float] = Field(description="[longitude, latitude] (GeoJSON order)")


class CameraFeature(BaseModel):
    type: Literal["Feature"] = "Feature"
    id: int
    geometry: PointGeometry | None = Field(description="null for a camera without a location")
    properties: CameraProperties


class CameraCollection(BaseModel):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[CameraFeature]


class CameraOut(BaseModel):
    id: int
    name: str
    serial_number: str | None
    ftps_account: str | None
    location: LatLon | None
    altitude_m: float | None
    make: str | None
    model: str | None
    is_assigned: bool
    site: str | None
    notes: str | None
    config: dict[str, Any]
    installed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    last_image_at: datetime | None
    image_count: int


class CameraDetail(CameraOut):
    latest_status: CameraStatusOut | None
    recent_images: list[ImageSummary] = Field(description="The 10 newest images")
    status_history: list[CameraStatusOut] = Field(description="Up to 50 newest status readings")


class UnassignedCamera(BaseModel):
    id: int
    name: str
    serial_number: str | None
    make: str | None
    model: str | None
    ftps_account: str | None
    project: str = Field(description="Slug of the project it registered in (its upload account's)")
    project_name: str
    location: LatLon | None = Field(description="From its photos' GPS, when they carry it")
    image_count: int
    last_image_at: datetime | None
    created_at: datetime
