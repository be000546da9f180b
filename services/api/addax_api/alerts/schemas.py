"""Alert rules, channels, history and "send test": request and response bodies.

Channel secrets are write-only: a request may carry `secrets`, a response only names the ones that are
set (`secret_fields`). Conditions and channel settings are JSON objects checked by the shared
validation (`addax_common.alerts`), whose problems come back as 422 naming the field.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from addax_api.pagination import Page
from addax_api.validation import MAX_INT32, JsonObject, NonEmptyText120, NonEmptyText200, Text64, patch_of
from addax_common.db.alerts import ChannelKind, DeliveryStatus, LogKind, RuleKind, TriggerMode

HHMM_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"
ChannelIdList = Annotated[list[Annotated[int, Field(ge=1, le=MAX_INT32)]], Field(max_length=50)]
SecretValue = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
SecretName = Annotated[str, StringConstraints(min_length=1, max_length=64)]


# --- species groups ---------------------------------------------------------------------------------
class SpeciesGroupOut(BaseModel):
    name: str = Field(description="What a rule names in `conditions.groups`")
    label: str = Field(description="The name for display")
    species: list[str]


class SpeciesGroupsOut(BaseModel):
    """The groups and labels a species rule may name (`data/species_groups.toml` or SPECIES_GROUPS_FILE)."""

    groups: list[SpeciesGroupOut]
    labels: list[str] = Field(description="Every species label a rule may name in `conditions.species`")


# --- rules ----------------------------------------------------------------------------------------------
class PolygonGeometry(BaseModel):
    """A GeoJSON Polygon in longitude/latitude: closed rings of at least four positions, not crossing itself."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["Polygon"]
    coordinates: Annotated[
        list[Annotated[list[Annotated[list[float], Field(min_length=2, max_length=3)]], Field(max_length=10_000)]],
        Field(min_length=1, max_length=50),
    ] = Field(description="Rings of [longitude, latitude] positions; the first ring is the outline, others holes")


Cooldown = Annotated[int, Field(ge=0, le=365 * 24 * 60, description="Minutes per rule x camera before it fires again")]
DigestTime = Annotated[str, Field(pattern=HHMM_PATTERN, description="HH:MM (daily digests), in `timezone`")]
Timezone = Annotated[Text64, Field(min_length=1, description="IANA time zone of digest_time (Europe/Amsterdam)")]
Conditions = Annotated[JsonObject, Field(description="By kind; see docs/alerts.md (species, groups, camera_ids, ...)")]


class AlertRuleCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: NonEmptyText200
    kind: RuleKind = Field(description="species, camera_health or camera_silent (system: server admins' rules)")
    enabled: bool = True
    conditions: Conditions = Field(default_factory=dict)
    area: PolygonGeometry | None = None
    cooldown_minutes: Cooldown = 0
    mode: TriggerMode = TriggerMode.IMMEDIATE
    digest_time: DigestTime | None = None
    timezone: Timezone = "UTC"
    channel_ids: ChannelIdList = Field(default_factory=list)


@patch_of(AlertRuleCreate)
class AlertRuleUpdate(BaseModel):
    """Only the fields sent change; `area: null` removes the area, `digest_time: null` clears it."""

    model_config = ConfigDict(extra="forbid")

    # Declared, not derived: the only fields that may be sent as null (the service reads `area` by name).
    area: PolygonGeometry | None = None
    digest_time: DigestTime | None = None


class AlertRuleOut(BaseModel):
    id: int
    name: str
    kind: RuleKind
    enabled: bool
    conditions: dict[str, Any]
    area: PolygonGeometry | None
    cooldown_minutes: int
    mode: TriggerMode
    digest_time: str | None
    timezone: str
    channel_ids: list[int]
    created_at: datetime
    updated_at: datetime | None
    last_fired_at: datetime | None = Field(None, description="When the rule last fired (null: never)")


# --- channels -------------------------------------------------------------------------------------------
Secrets = Annotated[dict[SecretName, SecretValue], Field(max_length=20)]


class AlertChannelCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ChannelKind
    name: NonEmptyText120
    settings: JsonObject = Field(default_factory=dict, description="By kind; see docs/alerts.md")
    secrets: Secrets = Field(default_factory=dict, description="Write-only: tokens, passwords, signing secrets")
    enabled: bool = True


class AlertChannelUpdate(BaseModel):
    """Only the fields sent change. `secrets` updates the names it carries (`null` removes one) and keeps
    the others; without `secrets` the stored ones stay."""

    model_config = ConfigDict(extra="forbid")

    kind: ChannelKind | None = None
    name: NonEmptyText120 | None = None
    settings: JsonObject | None = None
    secrets: Annotated[dict[SecretName, SecretValue | None], Field(max_length=20)] | None = None
    enabled: bool | None = None


class AlertChannelOut(BaseModel):
    """A channel; its secrets are never returned, only which ones are set."""

    id: int
    kind: ChannelKind
    name: str
    settings: dict[str, Any]
    secret_fields: list[str] = Field(description="Names of the secrets that are set (values are write-only)")
    enabled: bool
    created_at: datetime
    updated_at: datetime | None


class RecipientTestResult(BaseModel):
    recipient: str = Field(description='"" for channels with one fixed destination (webhook, EarthRanger)')
    ok: bool
    status: Literal["sent", "failed"]
    receipt: dict[str, Any] | None = Field(description="What the receiver answered (message id, HTTP status, body)")
    error: str | None


class ChannelTestOut(BaseModel):
    ok: bool = Field(description="True when every recipient accepted the test notification")
    results: list[RecipientTestResult]


# --- history ---------------------------------------------------------------------------------------------
class DeliveryCounts(BaseModel):
    sent: int = 0
    failed: int = 0
    pending: int = 0


class AlertSummary(BaseModel):
    id: int
    rule_id: int
    rule_name: str
    kind: LogKind
    camera_id: int | None
    camera_name: str | None
    image_id: uuid.UUID | None
    reason: str
    species: list[str]
    fired_at: datetime


class AlertHistoryItem(AlertSummary):
    deliveries: DeliveryCounts


class DeliveryOut(BaseModel):
    id: int
    channel_id: int
    channel_name: str
    channel_kind: ChannelKind
    recipient: str
    status: DeliveryStatus
    attempts: int
    last_error: str | None
    sent_at: datetime | None


class AlertDetail(AlertSummary):
    delivery_counts: DeliveryCounts
    deliveries: list[DeliveryOut]
    payload: dict[str, Any]


AlertHistoryPage = Page[AlertHistoryItem]
