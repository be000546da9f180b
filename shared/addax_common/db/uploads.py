from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from addax_common.db.base import Base, utc_timestamp


class UploadKey(Base):
    """An API key a device (a cellular camera or a station's gateway) uploads with (migration 0012).

    The key is shown once when it is created; only its sha256 is stored (a key has 192 random bits, so a
    fast hash is enough, and a lookup by hash needs no per-row work). `prefix` is the first characters of
    the key, shown in lists so people can tell keys apart. A per-camera key files every upload under its
    camera; a station key (no camera) lets ingestion identify the camera as FTPS does.
    """

    __tablename__ = "upload_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    camera_id: Mapped[int | None] = mapped_column(ForeignKey("cameras.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    last_used_at: Mapped[datetime | None] = utc_timestamp()
    revoked_at: Mapped[datetime | None] = utc_timestamp()


Index("ix_upload_keys_project", UploadKey.project_id)


class UploadSession(Base):
    """A resumable upload in progress (tus 1.0: creation, termination, checksum).

    The bytes received so far are in `<upload_staging_dir>/<id>.part`; its size is the offset. Once
    complete, the file goes through the same ingestion as an FTPS upload and the outcome is kept here,
    so a client that lost the last answer reads it again.
    """

    __tablename__ = "upload_sessions"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    door: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    upload_key_id: Mapped[int | None] = mapped_column(ForeignKey("upload_keys.id", ondelete="CASCADE"))
    camera_id: Mapped[int | None] = mapped_column(ForeignKey("cameras.id", ondelete="SET NULL"))
    filename: Mapped[str] = mapped_column(String(512))
    length: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64))  # declared by the client; checked at the end
    created_at: Mapped[datetime] = utc_timestamp(nullable=False, default_now=True)
    completed_at: Mapped[datetime | None] = utc_timestamp()
    outcome: Mapped[str | None] = mapped_column(String(32))  # received, duplicate, rejected, report, ...
    image_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    image_status: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)


Index("ix_upload_sessions_created", UploadSession.created_at)
