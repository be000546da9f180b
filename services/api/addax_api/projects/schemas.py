from __future__ import annotations

from datetime import datetime
from typing import Annotated
from zoneinfo import available_timezones

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from addax_api.scope import SLUG_PATTERN
from addax_api.validation import text
from addax_common.db import UserRole

SlugField = Annotated[str, Field(min_length=1, max_length=64, pattern=SLUG_PATTERN)]
Threshold = Annotated[float, Field(ge=0, le=1)]
Species = Annotated[list[text(200, min_length=1)], Field(max_length=2000)]


class Thresholds(BaseModel):
    """Project defaults; a missing value means the server setting applies."""

    model_config = ConfigDict(extra="forbid")

    detection: Threshold | None = None
    classification: Threshold | None = None


class ProjectSettings(BaseModel):
    """Fields a project admin may change (all optional in an update)."""

    model_config = ConfigDict(extra="forbid")

    name: text(200, min_length=1) | None = None
    description: text(5000) | None = None
    timezone: text(64, min_length=1) | None = Field(default=None, description="IANA time zone, e.g. Europe/Amsterdam")
    independence_interval_minutes: int | None = Field(default=None, ge=0, le=7 * 24 * 60)
    sequence_gap_seconds: int | None = Field(default=None, ge=0, le=24 * 3600)
    allowed_species: Species | None = None
    thresholds: Thresholds | None = None

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str | None) -> str | None:
        if value is not None and value not in available_timezones():
            raise ValueError(f"unknown time zone {value!r}")
        return value


class ProjectCreate(ProjectSettings):
    slug: SlugField
    name: text(200, min_length=1)


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
    email: text(320, min_length=3) | None = Field(default=None, description="E-mail of an existing user")
    role: UserRole

    @model_validator(mode="after")
    def _one_way_to_name_the_user(self) -> MemberAdd:
        if (self.user_id is None) == (self.email is None):
            raise ValueError("give either user_id or email")
        return self


class MemberUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: UserRole
