"""alerts: rules, channels, fired alerts, deliveries, evaluated images

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 21:00:00

The alerts service (ARCHITECTURE §13): `alert_logs` are unique per rule x dedup key (the image, or
camera x window for health rules), so evaluating a message twice fires once; `alert_deliveries` are
unique per alert x channel x recipient and carry the idempotency key receivers see. Channel secrets
are a Fernet token in `alert_channels.secrets_encrypted`. `ix_images_completed_at` serves the alerts
reconciler's scan for recently completed images never evaluated.
"""
from __future__ import annotations

import geoalchemy2
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=16)


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "alert_channels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("kind", _enum("alert_channel_kind", "email", "signal", "whatsapp", "telegram", "earthranger",
                                "webhook"), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("settings", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("secrets_encrypted", sa.Text(), nullable=True),
        sa.Column("enabled", sa.Boolean(), server_default="true", nullable=False),
        *_timestamps(),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], ondelete="CASCADE",
                                name=op.f("fk_alert_channels_project_id_projects")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_channels")),
    )
    op.create_table(
        "alert_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", _enum("alert_rule_kind", "species", "camera_health", "camera_silent", "system"),
                  nullable=False),
        sa.Column("enabled", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("conditions", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("area", geoalchemy2.types.Geography(geometry_type="POLYGON", srid=4326, spatial_index=False,
                                                      from_text="ST_GeogFromText", name="geography"), nullable=True),
        sa.Column("cooldown_minutes", sa.Integer(), server_default="0", nullable=False),
        sa.Column("mode", _enum("alert_trigger_mode", "immediate", "digest_hourly", "digest_daily"),
                  server_default="immediate", nullable=False),
        sa.Column("digest_time", sa.String(length=5), nullable=True),
        sa.Column("timezone", sa.String(length=64), server_default="UTC", nullable=False),
        *_timestamps(),
        sa.CheckConstraint("cooldown_minutes >= 0", name=op.f("ck_alert_rules_cooldown_not_negative")),
        sa.CheckConstraint("kind = 'system' OR project_id IS NOT NULL", name=op.f("ck_alert_rules_project_scope")),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], ondelete="CASCADE",
                                name=op.f("fk_alert_rules_project_id_projects")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_rules")),
    )
    op.create_index("ix_alert_rules_area", "alert_rules", ["area"], postgresql_using="gist")
    op.create_index("ix_alert_rules_project_enabled", "alert_rules", ["project_id", "enabled"])
    op.create_table(
        "alert_rule_channels",
        sa.Column("rule_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["channel_id"], ["alert_channels.id"], ondelete="CASCADE",
                                name=op.f("fk_alert_rule_channels_channel_id_alert_channels")),
        sa.ForeignKeyConstraint(["rule_id"], ["alert_rules.id"], ondelete="CASCADE",
                                name=op.f("fk_alert_rule_channels_rule_id_alert_rules")),
        sa.PrimaryKeyConstraint("rule_id", "channel_id", name=op.f("pk_alert_rule_channels")),
    )
    op.create_table(
        "alert_logs",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("kind", _enum("alert_log_kind", "match", "health", "silent", "system", "digest"), nullable=False),
        sa.Column("dedup_key", sa.String(length=200), nullable=False),
        sa.Column("image_id", sa.UUID(), nullable=True),
        sa.Column("camera_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("fired_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("digest_log_id", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["camera_id"], ["cameras.id"], ondelete="SET NULL",
                                name=op.f("fk_alert_logs_camera_id_cameras")),
        sa.ForeignKeyConstraint(["digest_log_id"], ["alert_logs.id"], ondelete="SET NULL",
                                name=op.f("fk_alert_logs_digest_log_id_alert_logs")),
        sa.ForeignKeyConstraint(["image_id"], ["images.id"], ondelete="SET NULL",
                                name=op.f("fk_alert_logs_image_id_images")),
        sa.ForeignKeyConstraint(["rule_id"], ["alert_rules.id"], ondelete="CASCADE",
                                name=op.f("fk_alert_logs_rule_id_alert_rules")),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], ondelete="CASCADE",
                                name=op.f("fk_alert_logs_project_id_projects")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_logs")),
        sa.UniqueConstraint("rule_id", "dedup_key", name="uq_alert_logs_rule_dedup"),
    )
    op.create_index("ix_alert_logs_rule_camera_fired", "alert_logs",
                    ["rule_id", "camera_id", sa.literal_column("fired_at DESC")])
    op.create_index("ix_alert_logs_fired", "alert_logs", [sa.literal_column("fired_at DESC")])
    op.create_index("ix_alert_logs_image", "alert_logs", ["image_id"])
    op.create_index("ix_alert_logs_undigested", "alert_logs", ["rule_id", "fired_at"],
                    postgresql_where=sa.text("digest_log_id IS NULL AND kind <> 'digest'"))
    op.create_table(
        "alert_deliveries",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("alert_log_id", sa.BigInteger(), nullable=False),
        sa.Column("channel_id", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(length=320), nullable=False),
        sa.Column("status", _enum("alert_delivery_status", "pending", "sent", "failed"), server_default="pending",
                  nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("receipt", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        *_timestamps(),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_alert_deliveries_attempts_not_negative")),
        sa.ForeignKeyConstraint(["alert_log_id"], ["alert_logs.id"], ondelete="CASCADE",
                                name=op.f("fk_alert_deliveries_alert_log_id_alert_logs")),
        sa.ForeignKeyConstraint(["channel_id"], ["alert_channels.id"], ondelete="CASCADE",
                                name=op.f("fk_alert_deliveries_channel_id_alert_channels")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_deliveries")),
        sa.UniqueConstraint("alert_log_id", "channel_id", "recipient", name="uq_alert_deliveries_target"),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_alert_deliveries_idempotency_key")),
    )
    op.create_index("ix_alert_deliveries_log", "alert_deliveries", ["alert_log_id"])
    op.create_index("ix_alert_deliveries_pending", "alert_deliveries", ["next_attempt_at"],
                    postgresql_where=sa.text("status = 'pending'"))
    op.create_table(
        "alert_evaluations",
        sa.Column("image_id", sa.UUID(), nullable=False),
        sa.Column("evaluated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("rules_checked", sa.Integer(), server_default="0", nullable=False),
        sa.Column("alerts_fired", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["image_id"], ["images.id"], ondelete="CASCADE",
                                name=op.f("fk_alert_evaluations_image_id_images")),
        sa.PrimaryKeyConstraint("image_id", name=op.f("pk_alert_evaluations")),
    )
    op.create_index("ix_images_completed_at", "images", [sa.literal_column("completed_at DESC")],
                    postgresql_where=sa.text("completed_at IS NOT NULL"))


def downgrade() -> None:
    op.drop_index("ix_images_completed_at", table_name="images")
    op.drop_table("alert_evaluations")
    op.drop_table("alert_deliveries")
    op.drop_table("alert_logs")
    op.drop_table("alert_rule_channels")
    op.drop_index("ix_alert_rules_project_enabled", table_name="alert_rules")
    op.drop_index("ix_alert_rules_area", table_name="alert_rules", postgresql_using="gist")
    op.drop_table("alert_rules")
    op.drop_table("alert_channels")
