"""The upload doors of the API: upload keys (shown once, stored hashed, revocable, last used, rate
limited), the hash pre-check, and the hand-over of a complete file to the ingestion core.

Every door enters the same `addax_common.ingest.Ingestor` as FTPS: validation, de-duplication by
sha256, camera identification and quarantine with a reason are not repeated here. The door and the
sender travel in an `UploadOrigin`, so the image row and its audit row say who sent it and how.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import redis.asyncio as aioredis
from fastapi import Request
from sqlalchemy.orm import Session

from addax_api.audit.service import Actor, record
from addax_api.deps import client_ip, user_agent
from addax_api.errors import NotFound, ServiceUnavailable, TooManyRequests, Unauthorized, ValidationFailed
from addax_api.middleware import count_in_window
from addax_api.uploads import repository
from addax_api.uploads.schemas import (
    HashCheckOut,
    KnownFile,
    UploadKeyCreate,
    UploadKeyCreated,
    UploadKeyOut,
    UploadResult,
)
from addax_common.db import Project, UploadKey
from addax_common.ingest.ingest import Ingestor, IngestResult, Outcome, UploadOrigin
from addax_common.logging import get_logger

log = get_logger(__name__)

KEY_PREFIX = "addax_"
PREFIX_LENGTH = 12


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


# --- keys ------------------------------------------------------------------------------------------
def _key_out(key: UploadKey, camera_name: str | None) -> dict[str, Any]:
    return {
        "id": key.id, "name": key.name, "prefix": key.prefix, "camera_id": key.camera_id, "camera_name": camera_name,
        "created_at": key.created_at, "last_used_at": key.last_used_at, "revoked_at": key.revoked_at,
    }


def list_keys(db: Session, project_id: int) -> list[UploadKeyOut]:
    return [UploadKeyOut(**_key_out(key, name)) for key, name in repository.list_keys(db, project_id)]


def create_key(db: Session, actor: Actor, project_id: int, data: UploadKeyCreate) -> UploadKeyCreated:
    camera_name = None
    if data.camera_id is not None:
        camera = repository.camera_in_project(db, project_id, data.camera_id)
        if camera is None:
            raise ValidationFailed(f"camera_id: no camera {data.camera_id} in this project")
        camera_name = camera.name
    raw = KEY_PREFIX + secrets.token_urlsafe(24)
    key = UploadKey(project_id=project_id, camera_id=data.camera_id, name=data.name, prefix=raw[:PREFIX_LENGTH],
                    key_hash=hash_key(raw), created_by=actor.user_id, created_at=datetime.now(UTC))
    db.add(key)
    db.flush()
    record(db, actor, "upload_key.create", "upload_key", key.id,
           {"name": key.name, "prefix": key.prefix, "camera_id": key.camera_id}, project_id=project_id)
    return UploadKeyCreated(**_key_out(key, camera_name), key=raw)


def revoke_key(db: Session, actor: Actor, project_id: int, key_id: int) -> None:
    key = repository.get_key(db, project_id, key_id)
    if key is None:
        raise NotFound("upload key not found")
    if key.revoked_at is None:
        key.revoked_at = datetime.now(UTC)
        record(db, actor, "upload_key.revoke", "upload_key", key.id, {"name": key.name, "prefix": key.prefix},
               project_id=project_id)
    db.flush()


# --- who is sending ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sender:
    """Who sends an upload, through which door, for which project (and camera, when it is fixed)."""

    door: str
    project_id: int
    project_slug: str
    user_id: int | None = None
    user_email: str | None = None
    key_id: int | None = None
    key_name: str | None = None
    camera_id: int | None = None
    ip: str | None = None
    user_agent: str | None = None

    @property
    def bucket(self) -> str:
        return f"key:{self.key_id}" if self.key_id is not None else f"user:{self.user_id}"

    def origin(self, filename: str | None, camera_id: int | None = None) -> UploadOrigin:
        return UploadOrigin(
            door=self.door, project_id=self.project_id, camera_id=camera_id or self.camera_id, user_id=self.user_id,
            user_email=self.user_email, key_id=self.key_id, key_name=self.key_name, filename=filename, ip=self.ip,
            user_agent=self.user_agent,
        )

    def status_url(self, image_id: uuid.UUID | None) -> str | None:
        if image_id is None:
            return None
        if self.key_id is not None:
            return f"/api/upload/images/{image_id}"
        return f"/api/projects/{self.project_slug}/images/{image_id}"

    def as_door(self, door: str) -> Sender:
        return replace(self, door=door)


def presented_key(request: Request) -> str | None:
    """The upload key of a request: `X-Api-Key: addax_...` or `Authorization: Bearer addax_...`."""
    key = request.headers.get("x-api-key")
    if key:
        return key.strip()
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip().startswith(KEY_PREFIX):
        return token.strip()
    return None


def key_sender(db: Session, request: Request, raw: str | None, door: str) -> Sender:
    """The sender behind an upload key (401 for a missing, unknown or revoked key); notes its use."""
    if not raw:
        raise Unauthorized("an upload key is required (X-Api-Key header)")
    key = repository.key_by_hash(db, hash_key(raw))
    if key is None:
        raise Unauthorized("invalid upload key")
    if key.revoked_at is not None:
        raise Unauthorized("this upload key was revoked")
    project = db.get(Project, key.project_id)
    repository.touch_key(db, key.id, datetime.now(UTC))
    db.commit()
    return Sender(door=door, project_id=key.project_id, project_slug=project.slug if project else "", key_id=key.id,
                  key_name=key.name, camera_id=key.camera_id, ip=client_ip(request), user_agent=user_agent(request))


async def charge(client: aioredis.Redis, prefix_key: str, limit: int) -> None:
    """Fixed one-minute windows per upload key or user on the upload routes (429 with Retry-After)."""
    try:
        count, reset = await count_in_window(client, prefix_key)
    except Exception as exc:  # noqa: BLE001 - fail open like the general limit: Redis trouble must not stop uploads
        log.warning("upload_rate_limit_unavailable", error=str(exc))
        return
    if count > limit:
        raise TooManyRequests(f"upload rate limit of {limit} requests a minute exceeded", retry_after=reset)


# --- the hash pre-check ------------------------------------------------------------------------------
def check_hashes(db: Session, project_id: int, hashes: list[str]) -> HashCheckOut:
    wanted = sorted(set(hashes))
    known = [
        KnownFile(sha256=sha, image_id=image_id if owner == project_id else None,
                  status=status if owner == project_id else None)
        for sha, image_id, status, owner in repository.known_hashes(db, wanted)
    ]
    return HashCheckOut(known=known)


# --- ingestion -----------------------------------------------------------------------------------
def ingestor(state: Any) -> Ingestor:
    found: Ingestor | None = getattr(state, "ingestor", None)
    if found is None:
        found = state.ingestor = Ingestor(state.ctx)
    return found


def ingest(state: Any, path: Path, origin: UploadOrigin) -> IngestResult:
    """Run the ingestion core on a complete staged file (blocking: call it in the thread pool)."""
    return ingestor(state).ingest_file(path, origin=origin)


def result_of(sender: Sender, result: IngestResult) -> tuple[int, UploadResult]:
    """The HTTP status and body for an ingest outcome (a retry of the same bytes answers the first result)."""
    outcome = result.outcome
    if outcome is Outcome.RETRY:
        raise ServiceUnavailable(f"storage or database unavailable, nothing was stored; retry later ({result.reason})",
                                 headers={"Retry-After": "5"})
    if outcome is Outcome.GONE:
        raise ServiceUnavailable("the staged upload disappeared; send it again", headers={"Retry-After": "1"})
    duplicate = outcome is Outcome.DUPLICATE
    own = not duplicate or result.project_id == sender.project_id
    image_id = result.image_id if own else None
    # A video is received `completed` (stored and listed, not analysed): the ingest result says so.
    status = {Outcome.RECEIVED: result.status or "received", Outcome.REJECTED: "rejected", Outcome.REPORT: "report",
              Outcome.REPORT_REJECTED: "rejected"}.get(outcome, result.status if own else None)
    reason = result.reason if (outcome is not Outcome.DUPLICATE or status == "rejected") else None
    body = UploadResult(outcome=outcome.value, status=status, image_id=image_id,
                        camera_id=result.camera_id if own else None, reason=reason, duplicate=duplicate,
                        status_url=sender.status_url(image_id))
    if status == "rejected":
        return 422, body
    return (200 if duplicate else 201), body
