from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Annotated
from zoneinfo import available_timezones

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from addax_api.cameras.schemas import CameraLocation
from addax_api.images.schemas import LatLon
from addax_api.validation import MAX_INT32, Text200, Text5000, patch_of
from addax_common.db.deployments import FeatureType

TEN_YEARS_S = 10 * 366 * 24 * 3600


@cache
def _iana_names() -> frozenset[str]:
    return frozenset(available_timezones())


def _iana(value: str) -> str:
    if value not in _iana_names():
        raise ValueError("must be an IANA time zone name such as Europe/Amsterdam or UTC")
    return value


TimeZoneName = Annotated[
    str, Field(min_length=1, max_length=64, description="IANA time zone name, e.g. Africa/Nairobi"), AfterValidator(_iana)
]
ClockOffset = Annotated[
    int,
    Field(
        ge=-TEN_YEARS_S,
        le=TEN_YEARS_S,
        description="Seconds added to each image's EXIF time: +3600 for a camera whose clock ran an hour slow",
    ),
]
CameraHeight = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False, description="Metres above the ground")]


class DeploymentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    camera_id: Annotated[int, Field(ge=1, le=MAX_INT32)]
    start_at: AwareDatetime
    end_at: AwareDatetime | None = Field(default=None, description="null while the deployment is running")
    location: CameraLocation
    location_name: Text200 | None = None
    camera_height_m: CameraHeight | None = None
    bait: Text200 | None = Field(default=None, description="The bait used, or null for none")
    habitat: Text200 | None = None
    feature_type: FeatureType | None = None
    notes: Text5000 | None = None
    timezone: TimeZoneName = "UTC"
    clock_offset_seconds: ClockOffset = 0

    @field_validator("end_at")
    @classmethod
    def _after_start(cls, end_at: datetime | None, info: ValidationInfo) -> datetime | None:
        start_at = info.data.get("start_at")
        if end_at is not None and start_at is not None and end_at <= start_at:
            raise ValueError("must be after start_at")
        return end_at


@patch_of(DeploymentCreate, exclude={"camera_id"})
class DeploymentUpdate(BaseModel):
    """Only the fields sent change; `end_at: null` reopens the deployment. The camera cannot change."""

    model_config = ConfigDict(extra="forbid")


class DeploymentOut(BaseModel):
    id: int
    camera_id: int
    camera_name: str
    start_at: datetime
    end_at: datetime | None
    location: LatLon
    location_name: str | None
    camera_height_m: float | None
    bait: str | None
    habitat: str | None
    feature_type: FeatureType | None
    notes: str | None
    timezone: str
    clock_offset_seconds: int
    image_count: int = Field(description="Images whose capture time falls in this deployment")
    created_at: datetime
    updated_at: datetime
