"""Alert rules, channels, fired alerts and their deliveries (the alerts service, ARCHITECTURE §13).

A rule fires an `AlertLog` (unique per rule x image, or per rule x camera x window for health rules:
the `dedup_key`), and each fired alert gets one `AlertDelivery` per channel x recipient, which the
delivery loop moves from `pending` to `sent` or `failed`. Channel secrets are stored encrypted
(`addax_common.secret_box`), never in `settings`.
"""

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
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column, relationship

from addax_common.db.base import Base, utc_timestamp
from addax_common.db.enums import str_enum
from addax_common.db.images import Image


class RuleKind(str, enum.Enum):
    SPECIES = "species"  # a species (or group) seen in a completed image
    CAMERA_HEALTH = "camera_health"  # battery low, SD card full, temperature out of range
    CAMERA_SILENT = "camera_silent"  # no image from a camera for N hours
    SYSTEM = "system"  # Alertmanager (server admins; project_id NULL)


class TriggerMode(str, enum.Enum):
    IMMEDIATE = "immediate"
    DIGEST_HOURLY = "digest_hourly"
    DIGEST_DAILY = "digest_daily"  # at `digest_time` in the rule's `timezone`


class ChannelKind(str, enum.Enum):
    EMAIL = "email"
    SIGNAL = "signal"
    WHATSAPP = "whatsapp"
    TELEGRAM = "telegram"
    EARTHRANGER = "earthranger"
    WEBHOOK = "webhook"


class LogKind(str, enum.Enum):
    MATCH = "match"  # a species rule matched an image
    HEALTH = "health"
    SILENT = "silent"
    SYSTEM = "system"
    DIGEST = "digest"  # one message listing the rule's alerts since the previous digest


class DeliveryStatus(str, enum.Enum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


alert_rule_channels = Table(
    "alert_rule_channels",
    Base.metadata,
    Column("rule_id", ForeignKey("alert_rules.id", ondelete="CASCADE"), primary_key=True),
    Column("channel_id", ForeignKey("alert_channels.id", ondelete="CASCADE"), primary_key=True),
)


class AlertChannel(Base):
    """A configured destination: kind, settings (URLs, sender, recipients) and encrypted secrets."""

    __tablename__ = "alert_channels"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # NULL: a server-wide channel of the server admins (system-health alerts).
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    kind: Mapped[ChannelKind] = mapped_column(str_enum(ChannelKind, "alert_channel_kind"))
    name: Mapped[str] = mapped_column(String(120))
    settings: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    # Fernet token of a JSON object (bot token, SMTP password, API key, webhook signing secret).
    secrets_encrypted: Mapped[str | None] = mapped_column(Text)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")
    created_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    def __repr__(self) -> str:  # secrets stay out of logs and tracebacks
        return f"AlertChannel(id={self.id}, kind={self.kind}, name={self.name!r})"


class AlertRule(Base):
    __tablename__ = "alert_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # NULL only for system-health rules, owned by the server admins (the check constraint below).
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[RuleKind] = mapped_column(str_enum(RuleKind, "alert_rule_kind"))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")
    # The validated condition document (addax_common.alerts.conditions.RuleSpec): species, confidence, cameras, ...
    conditions: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    # A drawn area: cameras whose location it covers (ST_Covers) match.
    area = mapped_column(Geography(geometry_type="POLYGON", srid=4326, spatial_index=False), nullable=True)
    cooldown_minutes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    mode: Mapped[TriggerMode] = mapped_column(
        str_enum(TriggerMode, "alert_trigger_mode"), default=TriggerMode.IMMEDIATE, server_default="immediate"
    )
    digest_time: Mapped[str | None] = mapped_column(String(5))  # "HH:MM", daily digests
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    created_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    channels: Mapped[list[AlertChannel]] = relationship(secondary=alert_rule_channels, order_by=AlertChannel.id)

    __table_args__ = (
        CheckConstraint("cooldown_minutes >= 0", name="cooldown_not_negative"),
        # Project rules belong to a project; only system-health rules are the server admins' own.
        CheckConstraint("kind = 'system' OR project_id IS NOT NULL", name="project_scope"),
        Index("ix_alert_rules_area", "area", postgresql_using="gist"),
    )


Index("ix_alert_rules_project_enabled", AlertRule.project_id, AlertRule.enabled)


class AlertLog(Base):
    """One fired alert: which rule, for which image or camera, why, and what it showed."""

    __tablename__ = "alert_logs"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("alert_rules.id", ondelete="CASCADE"))
    # The rule's, for history filters and the live feed.
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    kind: Mapped[LogKind] = mapped_column(str_enum(LogKind, "alert_log_kind"))
    # "image:<uuid>" for species rules, "<check>:<camera>:<window>" for health rules, "digest:<period end>":
    # unique per rule, so a message evaluated twice fires once.
    dedup_key: Mapped[str] = mapped_column(String(200))
    image_id: Mapped[uuid.UUID | None] = mapped_column(
        UUID(as_uuid=True), ForeignKey("images.id", ondelete="SET NULL")
    )
    camera_id: Mapped[int | None] = mapped_column(ForeignKey("cameras.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    fired_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)
    # Set when a digest rule's alert has been listed in a digest (the digest's own log row).
    digest_log_id: Mapped[int | None] = mapped_column(ForeignKey("alert_logs.id", ondelete="SET NULL"))

    __table_args__ = (UniqueConstraint("rule_id", "dedup_key", name="uq_alert_logs_rule_dedup"),)


# Cooldown and first-sighting look-ups: the latest alerts of a rule at a camera.
Index("ix_alert_logs_rule_camera_fired", AlertLog.rule_id, AlertLog.camera_id, AlertLog.fired_at.desc())
Index("ix_alert_logs_fired", AlertLog.fired_at.desc())
Index("ix_alert_logs_image", AlertLog.image_id)
# Alerts of digest rules still waiting for their digest.
Index(
    "ix_alert_logs_undigested",
    AlertLog.rule_id,
    AlertLog.fired_at,
    postgresql_where=text("digest_log_id IS NULL AND kind <> 'digest'"),
)


class AlertDelivery(Base):
    """One notification of one alert through one channel to one recipient."""

    __tablename__ = "alert_deliveries"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    alert_log_id: Mapped[int] = mapped_column(ForeignKey("alert_logs.id", ondelete="CASCADE"))
    channel_id: Mapped[int] = mapped_column(ForeignKey("alert_channels.id", ondelete="CASCADE"))
    recipient: Mapped[str] = mapped_column(String(320))  # "" for channels with one fixed destination
    status: Mapped[DeliveryStatus] = mapped_column(
        str_enum(DeliveryStatus, "alert_delivery_status"), default=DeliveryStatus.PENDING, server_default="pending"
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)
    # Sent to receivers that honour one (webhook header, e-mail Message-ID): alert x channel x recipient.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    receipt: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    next_attempt_at: Mapped[datetime | None] = utc_timestamp()
    sent_at: Mapped[datetime | None] = utc_timestamp()
    created_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    __table_args__ = (
        UniqueConstraint("alert_log_id", "channel_id", "recipient", name="uq_alert_deliveries_target"),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
    )


Index("ix_alert_deliveries_log", AlertDelivery.alert_log_id)
# The reconciler's scan: pending deliveries only.
Index(
    "ix_alert_deliveries_pending",
    AlertDelivery.next_attempt_at,
    postgresql_where=text("status = 'pending'"),
)


class AlertEvaluation(Base):
    """An image the alert rules have been evaluated against (the reconciler looks for those missing)."""

    __tablename__ = "alert_evaluations"

    image_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("images.id", ondelete="CASCADE"), primary_key=True
    )
    evaluated_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)
    rules_checked: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    alerts_fired: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


# The alerts reconciler looks for recently completed images that were never evaluated.
Index("ix_images_completed_at", Image.completed_at.desc(), postgresql_where=text("completed_at IS NOT NULL"))
