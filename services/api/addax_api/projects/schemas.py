from __future__ import annotations

from datetime import datetime
from typing import Annotated
from zoneinfo import available_timezones

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from addax_api.scope import SLUG_PATTERN
from addax_api.validation import EmailLookup, NonEmptyText64, NonEmptyText200, Text5000
from addax_common.db import UserRole

SlugField = Annotated[str, Field(min_length=1, max_length=64, pattern=SLUG_PATTERN)]
Threshold = Annotated[float, Field(ge=0, le=1)]
Species = Annotated[list[NonEmptyText200], Field(max_length=2000)]


class Thresholds(BaseModel):
    """Project defaults; a missing value means the server setting applies."""

    model_config = ConfigDict(extra="forbid")

    detection: Threshold | None = None
    classification: Threshold | None = None


CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{3}$", to_upper=True)]


class ProjectSettings(BaseModel):
    """Fields a project admin may change (all optional in an update)."""

    model_config = ConfigDict(extra="forbid")

    name: NonEmptyText200 | None = None
    description: Text5000 | None = None
    timezone: NonEmptyText64 | None = Field(default=None, description="IANA time zone, e.g. Europe/Amsterdam")
    independence_interval_minutes: int | None = Field(default=None, ge=0, le=7 * 24 * 60)
    sequence_gap_seconds: int | None = Field(default=None, ge=0, le=24 * 3600)
    allowed_species: Species | None = None
    geofence_countries: list[CountryCode] | None = Field(
        default=None, max_length=300,
        description="Geofence: ISO 3166-1 alpha-3 countries of the project's cameras; species the classifier's "
        "range map places elsewhere are removed before the top-5 is stored (empty = no country geofence)",
    )
    thresholds: Thresholds | None = None

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str | None) -> str | None:
        if value is not None and value not in available_timezones():
            raise ValueError(f"unknown time zone {value!r}")
        return value


class ProjectCreate(ProjectSettings):
    slug: SlugField
    name: NonEmptyText200


class ProjectUpdate(ProjectSettings):
    pass


class ProjectOut(BaseModel):
    id: int
    slug: str
    name: str
    description: str | None
    timezone: str
    independence_interval_minutes: int
    sequence_gap_seconds: int
    allowed_species: list[str]
    geofence_countries: list[str]
    thresholds: Thresholds
    created_at: datetime
    archived_at: datetime | None
    role: UserRole = Field(description="Your role in this project (admin for server admins)")


class MemberOut(BaseModel):
    user_id: int
    email: str
    full_name: str | None
    role: UserRole
    is_active: bool
    created_at: datetime


class MemberAdd(BaseModel):
    """The user to add, by id or by e-mail (project admins who are not server admins cannot list users)."""

    model_config = ConfigDict(extra="forbid")

    user_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    email: EmailLookup | None = Field(default=None, description="E-mail of an existing user")
    role: UserRole

    @model_validator(mode="after")
    def _one_way_to_name_the_user(self) -> MemberAdd:
        if (self.user_id is None) == (self.email is None):
            raise ValueError("give either user_id or email")
        return self


class MemberUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: UserRole
