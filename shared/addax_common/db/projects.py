"""Projects: the scope of cameras, images, members and per-study settings (ARCHITECTURE §13).

Server administrators (users.role = admin) see and manage every project; everyone else sees the
projects they are a member of, with the role of their membership."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from addax_common.db.base import Base, utc_timestamp
from addax_common.db.enums import str_enum
from addax_common.db.users import UserRole

DEFAULT_PROJECT_SLUG = "default"


class Project(Base):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    # Two detections of a species at a camera closer than this count as one event (ecology statistics).
    independence_interval_minutes: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    # Images of a camera closer than this belong to one sequence.
    sequence_gap_seconds: Mapped[int] = mapped_column(Integer, default=60, server_default="60")
    # Species the project expects; empty = any label the model knows.
    allowed_species: Mapped[list[str]] = mapped_column(ARRAY(String(200)), default=list, server_default="{}")
    # Geofence: ISO 3166-1 alpha-3 countries the project's cameras are in; species the classifier's
    # range map places elsewhere are removed before the top-k is stored. Empty = no country geofence.
    geofence_countries: Mapped[list[str]] = mapped_column(ARRAY(String(3)), default=list, server_default="{}")
    # Project defaults for thresholds, e.g. {"detection": 0.2, "classification": 0.5}; empty = server settings.
    thresholds: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    created_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)
    archived_at: Mapped[datetime | None] = utc_timestamp()


class ProjectMember(Base):
    __tablename__ = "project_members"

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[UserRole] = mapped_column(str_enum(UserRole, "project_role"))
    created_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)


Index("ix_project_members_user", ProjectMember.user_id)
