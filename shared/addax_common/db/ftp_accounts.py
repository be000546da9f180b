from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from addax_common.db.base import Base, utc_timestamp


class FtpAccount(Base):
    """An upload account created in the dashboard (accounts from FTPS_ACCOUNTS are not stored here).

    The ingestion FTP server reads this table (cached a few seconds). The password is stored as an
    argon2id hash only. `ip_allowlist` holds CIDRs; empty = any address.
    """

    __tablename__ = "ftp_accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    # Cameras first seen through this account are registered in this project (migration 0005).
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="RESTRICT"), server_default=text("default_project_id()")
    )
    password_hash: Mapped[str] = mapped_column(String(255))
    camera_name: Mapped[str | None] = mapped_column(String(120))
    allow_plain_ftp: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    ip_allowlist: Mapped[list[str]] = mapped_column(ARRAY(String(64)), default=list, server_default="{}")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default="true")
    created_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime | None] = utc_timestamp()
