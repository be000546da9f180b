"""Upload keys, resumable upload sessions and the hash look-up of the upload doors."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from addax_common.db import Camera, Image, UploadKey, UploadSession


def list_keys(db: Session, project_id: int) -> list[tuple[UploadKey, str | None]]:
    rows = db.execute(
        select(UploadKey, Camera.name)
        .outerjoin(Camera, Camera.id == UploadKey.camera_id)
        .where(UploadKey.project_id == project_id)
        .order_by(UploadKey.revoked_at.is_not(None), UploadKey.created_at.desc())
    ).all()
    return [(row[0], row[1]) for row in rows]


def get_key(db: Session, project_id: int, key_id: int) -> UploadKey | None:
    return db.scalars(
        select(UploadKey).where(UploadKey.id == key_id, UploadKey.project_id == project_id).with_for_update()
    ).first()


def key_by_hash(db: Session, key_hash: str) -> UploadKey | None:
    return db.scalars(select(UploadKey).where(UploadKey.key_hash == key_hash)).first()


def touch_key(db: Session, key_id: int, now: datetime) -> None:
    """last_used_at, written at most once a minute per key (not once per photo)."""
    db.execute(
        update(UploadKey)
        .where(UploadKey.id == key_id,
               or_(UploadKey.last_used_at.is_(None), UploadKey.last_used_at < now - timedelta(minutes=1)))
        .values(last_used_at=now)
    )


def camera_in_project(db: Session, project_id: int, camera_id: int) -> Camera | None:
    return db.scalars(select(Camera).where(Camera.id == camera_id, Camera.project_id == project_id)).first()


def known_hashes(db: Session, hashes: list[str]) -> list[tuple[str, uuid.UUID, str, int]]:
    rows = db.execute(
        select(Image.sha256, Image.id, Image.status, Image.project_id).where(Image.sha256.in_(hashes))
    ).all()
    return [(r[0], r[1], getattr(r[2], "value", r[2]), r[3]) for r in rows]


def image_in_project(db: Session, project_id: int, image_id: uuid.UUID) -> Image | None:
    return db.scalars(select(Image).where(Image.id == image_id, Image.project_id == project_id)).first()


def get_session(db: Session, upload_id: uuid.UUID, project_id: int) -> UploadSession | None:
    return db.scalars(
        select(UploadSession).where(UploadSession.id == upload_id, UploadSession.project_id == project_id)
    ).first()


def expired_sessions(db: Session, before: datetime, limit: int = 200) -> list[uuid.UUID]:
    return list(db.scalars(select(UploadSession.id).where(UploadSession.created_at < before).limit(limit)))


def delete_sessions(db: Session, ids: list[uuid.UUID]) -> None:
    if ids:
        db.execute(delete(UploadSession).where(UploadSession.id.in_(ids)))
