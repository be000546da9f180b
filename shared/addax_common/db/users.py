from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import INET, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from addax_common.db.base import Base, utc_timestamp
from addax_common.db.enums import str_enum


class UserRole(str, enum.Enum):
    ADMIN = "admin"
    ANALYST = "analyst"
    VIEWER = "viewer"


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    full_name: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[UserRole] = mapped_column(str_enum(UserRole, "user_role"), default=UserRole.VIEWER)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")
    created_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)
    last_login_at: Mapped[datetime | None] = utc_timestamp()


class RefreshToken(Base):
    """Refresh tokens are stored hashed; a family shares one login so reuse can revoke the whole chain."""

    __tablename__ = "refresh_tokens"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    family_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    expires_at: Mapped[datetime] = utc_timestamp(nullable=False)
    created_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)
    used_at: Mapped[datetime | None] = utc_timestamp()
    revoked_at: Mapped[datetime | None] = utc_timestamp()
    user_agent: Mapped[str | None] = mapped_column(String(400))
    ip_address: Mapped[str | None] = mapped_column(INET)


Index("ix_refresh_tokens_family", RefreshToken.family_id)
Index("ix_refresh_tokens_user", RefreshToken.user_id)


class AuditLog(Base):
    """Who changed what, when and from where. Never updated, only appended."""

    __tablename__ = "audit_logs"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    user_email: Mapped[str | None] = mapped_column(String(320))  # kept after the user is deleted
    # The project the change belongs to; None for server-wide changes (users, logins).
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(64))
    resource_type: Mapped[str] = mapped_column(String(64))
    resource_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default="{}")
    ip_address: Mapped[str | None] = mapped_column(INET)
    user_agent: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)


Index("ix_audit_logs_created", AuditLog.created_at.desc())
Index("ix_audit_logs_resource", AuditLog.resource_type, AuditLog.resource_id)
Index("ix_audit_logs_user", AuditLog.user_id)
Index("ix_audit_logs_project_created", AuditLog.project_id, AuditLog.created_at.desc())
