"""Resumable uploads: tus 1.0.0 core with the creation, termination and checksum extensions.

    POST   <base>              Upload-Length, Upload-Metadata (filename, sha256, camera) -> 201 Location
    HEAD   <base>/<id>         -> Upload-Offset, Upload-Length (Cache-Control: no-store)
    PATCH  <base>/<id>         Upload-Offset (must equal the server's), application/offset+octet-stream,
                               optional Upload-Checksum (sha256|sha1|md5 <base64>) -> 204 Upload-Offset
    DELETE <base>/<id>         -> 204, the upload and its bytes are gone
    GET    <base>/<id>         -> JSON: offset, length, and once complete what ingestion made of it

The bytes are appended to `<upload_staging_dir>/<id>.part`; its size is the offset, so a connection
killed mid-chunk keeps what arrived and the client resumes from the offset HEAD reports (the tus
rule). A PATCH whose Upload-Offset is not the current offset (a chunk out of order, or sent twice) is
409 and writes nothing; a chunk whose Upload-Checksum does not match is 460 and is cut off again; a
chunk past Upload-Length is 413. When the last byte arrives the whole file's sha256 is compared with
the one declared at creation: if the bytes changed while the upload was resumed, it is 409 and the
upload is discarded, before anything reaches ingestion. Only a complete, verified file is handed to
the ingestion core, so nothing is ever half-ingested. One writer at a time per upload (a file lock;
423 for a second one).
"""

from __future__ import annotations

import base64
import binascii
import fcntl
import hashlib
import os
import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session
from starlette.requests import ClientDisconnect

from addax_api.errors import ApiError, BadRequest, Conflict, NotFound, ValidationFailed
from addax_api.uploads import repository
from addax_api.uploads.schemas import UploadResult, UploadSessionOut
from addax_api.uploads.service import Sender
from addax_common.db import UploadSession
from addax_common.logging import get_logger
from addax_common.settings import Settings

log = get_logger(__name__)

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,termination,checksum"
CHECKSUMS = {"sha256": hashlib.sha256, "sha1": hashlib.sha1, "md5": hashlib.md5}
OFFSET_CONTENT_TYPE = "application/offset+octet-stream"


class PreconditionFailed(ApiError):
    status_code = 412


class PayloadTooLarge(ApiError):
    status_code = 413


class UnsupportedMediaType(ApiError):
    status_code = 415


class Locked(ApiError):
    status_code = 423


class ChecksumMismatch(ApiError):
    status_code = 460


class UnsupportedChecksum(BadRequest):
    pass


def tus_headers(**extra: str) -> dict[str, str]:
    return {"Tus-Resumable": TUS_VERSION, **extra}


def check_version(headers: Any) -> None:
    version = headers.get("tus-resumable")
    if version != TUS_VERSION:
        raise PreconditionFailed(f"Tus-Resumable must be {TUS_VERSION} (got {version!r})",
                                 headers={"Tus-Version": TUS_VERSION})


def parse_metadata(value: str | None) -> dict[str, str]:
    """Upload-Metadata: `key base64value,key2 base64value2` (a key may come without a value)."""
    metadata: dict[str, str] = {}
    for item in (value or "").split(","):
        item = item.strip()
        if not item:
            continue
        key, _, encoded = item.partition(" ")
        if not re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", key):
            raise BadRequest(f"Upload-Metadata: bad key {key[:64]!r}")
        try:
            metadata[key] = base64.b64decode(encoded.strip(), validate=True).decode("utf-8") if encoded else ""
        except (binascii.Error, UnicodeDecodeError) as exc:
            raise BadRequest(f"Upload-Metadata: the value of {key!r} is not base64 of UTF-8 text") from exc
    return metadata


def parse_int_header(headers: Any, name: str) -> int:
    value = headers.get(name)
    if value is None or not value.isdigit() or len(value) > 18:
        raise BadRequest(f"{name} must be a non-negative integer (got {value!r})")
    return int(value)


class TusStore:
    def __init__(self, settings: Settings) -> None:
        self.root = Path(settings.upload_staging_dir)
        self.max_bytes = settings.upload_max_body_bytes
        self.ttl = timedelta(hours=settings.upload_session_ttl_hours)

    def path(self, upload_id: uuid.UUID) -> Path:
        return self.root / f"{upload_id}.part"

    def offset(self, upload_id: uuid.UUID) -> int:
        try:
            return self.path(upload_id).stat().st_size
        except FileNotFoundError:
            return 0

    # --- creation / termination ------------------------------------------------------------------
    def create(self, db: Session, sender: Sender, headers: Any) -> UploadSession:
        check_version(headers)
        if headers.get("upload-defer-length"):
            raise BadRequest("Upload-Defer-Length is not supported: send Upload-Length")
        length = parse_int_header(headers, "upload-length")
        if length > self.max_bytes:
            raise PayloadTooLarge(f"Upload-Length {length} is over the limit of {self.max_bytes} bytes",
                                  headers=tus_headers(**{"Tus-Max-Size": str(self.max_bytes)}))
        metadata = parse_metadata(headers.get("upload-metadata"))
        filename = (metadata.get("filename") or metadata.get("name") or "").strip()
        if not filename:
            raise ValidationFailed("Upload-Metadata: filename is required")
        sha256 = (metadata.get("sha256") or "").strip().lower() or None
        if sha256 is not None and not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ValidationFailed("Upload-Metadata: sha256 must be 64 lowercase hex digits")
        camera_id = None
        if metadata.get("camera"):
            if not metadata["camera"].isdigit():
                raise ValidationFailed("Upload-Metadata: camera must be a camera id")
            camera_id = int(metadata["camera"])
            if repository.camera_in_project(db, sender.project_id, camera_id) is None:
                raise ValidationFailed(f"Upload-Metadata: no camera {camera_id} in this project")
        elif sender.camera_id is not None:
            camera_id = sender.camera_id
        self.expire(db)
        session = UploadSession(
            id=uuid.uuid4(), project_id=sender.project_id, door=sender.door, user_id=sender.user_id,
            upload_key_id=sender.key_id, camera_id=camera_id, filename=filename[:512], length=length, sha256=sha256,
            created_at=datetime.now(UTC),
        )
        self.root.mkdir(parents=True, exist_ok=True)
        self.path(session.id).touch()
        db.add(session)
        db.commit()
        return session

    def terminate(self, db: Session, session: UploadSession) -> None:
        with self.locked(session.id):
            self.path(session.id).unlink(missing_ok=True)
            db.delete(session)
            db.commit()

    def expire(self, db: Session) -> None:
        """Forget uploads older than upload_session_ttl_hours (finished or not), a few at a time."""
        ids = repository.expired_sessions(db, datetime.now(UTC) - self.ttl)
        for upload_id in ids:
            self.path(upload_id).unlink(missing_ok=True)
        repository.delete_sessions(db, ids)

    # --- appending -------------------------------------------------------------------------------
    @contextmanager
    def locked(self, upload_id: uuid.UUID) -> Iterator[None]:
        path = self.path(upload_id)
        try:
            fd = os.open(path, os.O_RDWR)
        except FileNotFoundError:
            yield  # complete and ingested (the file is gone), or terminated
            return
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise Locked("another request is writing to this upload; retry in a moment",
                             headers=tus_headers(**{"Retry-After": "1"})) from exc
            yield
        finally:
            os.close(fd)  # releases the lock

    async def append(
        self, session: UploadSession, headers: Any, body: AsyncIterator[bytes],
        finish: Callable[[], Awaitable[None]],
    ) -> tuple[int, bool]:
        """Write one PATCH's bytes at the upload's offset; (new offset, True when the client disconnected).
        When the last byte is in, `finish` (verify and ingest) runs while the upload is still locked, so
        two requests can never hand the same upload to ingestion."""
        check_version(headers)
        content_type = (headers.get("content-type") or "").split(";")[0].strip().lower()
        if content_type != OFFSET_CONTENT_TYPE:
            raise UnsupportedMediaType(f"Content-Type must be {OFFSET_CONTENT_TYPE}", headers=tus_headers())
        claimed = parse_int_header(headers, "upload-offset")
        checksum = _checksum(headers.get("upload-checksum"))
        path = self.path(session.id)
        if not path.exists():
            if session.completed_at is not None and claimed == session.length:
                return session.length, False
            raise NotFound("upload not found")
        with self.locked(session.id):
            start = path.stat().st_size
            if claimed != start:
                raise Conflict(f"Upload-Offset {claimed} is not the upload's offset {start}: send the bytes from "
                               f"{start} on (HEAD tells the offset)", headers=tus_headers(**{"Upload-Offset": str(start)}))
            digest = checksum[0]() if checksum else None
            written = 0
            disconnected = False
            with open(path, "r+b") as fh:
                fh.seek(start)
                try:
                    async for chunk in body:
                        if not chunk:
                            continue
                        if start + written + len(chunk) > session.length:
                            fh.truncate(start)
                            raise PayloadTooLarge(
                                f"the chunk goes past Upload-Length {session.length}; nothing of it was kept",
                                headers=tus_headers(**{"Upload-Offset": str(start)}))
                        fh.write(chunk)
                        written += len(chunk)
                        if digest is not None:
                            digest.update(chunk)
                except ClientDisconnect:
                    disconnected = True  # keep what arrived: the client resumes from the new offset
                if digest is not None and checksum and not disconnected and digest.digest() != checksum[1]:
                    fh.truncate(start)
                    raise ChecksumMismatch("Upload-Checksum does not match the chunk; nothing of it was kept",
                                           headers=tus_headers(**{"Upload-Offset": str(start)}))
                if disconnected and digest is not None:
                    fh.truncate(start)  # a checksummed chunk is all or nothing
                    written = 0
                fh.flush()
                os.fsync(fh.fileno())
            offset = start + written
            if offset == session.length and not disconnected:
                await finish()
            return offset, disconnected

    def verify(self, db: Session, session: UploadSession) -> None:
        """A complete upload's bytes against the sha256 declared at creation (409 and discarded if not)."""
        if session.sha256 is None:
            return
        digest = hashlib.sha256()
        with open(self.path(session.id), "rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
        if digest.hexdigest() != session.sha256:
            found = digest.hexdigest()
            self.path(session.id).unlink(missing_ok=True)
            db.delete(session)
            db.commit()
            log.warning("upload_changed", upload_id=str(session.id), declared=session.sha256, found=found)
            raise Conflict(f"the uploaded bytes (sha256 {found}) are not the declared file (sha256 {session.sha256}): "
                           "the file changed while it was uploaded. The upload was discarded; start it again")

    def out(self, session: UploadSession, result: UploadResult | None) -> UploadSessionOut:
        complete = session.completed_at is not None
        offset = session.length if complete else self.offset(session.id)
        return UploadSessionOut(id=session.id, filename=session.filename, length=session.length, offset=offset,
                                complete=complete, result=result)


def _checksum(value: str | None) -> tuple[Any, bytes] | None:
    if not value:
        return None
    algorithm, _, encoded = value.strip().partition(" ")
    factory = CHECKSUMS.get(algorithm.lower())
    if factory is None:
        raise UnsupportedChecksum(f"Upload-Checksum algorithm {algorithm!r} is not supported (sha256, sha1, md5)")
    try:
        return factory, base64.b64decode(encoded.strip(), validate=True)
    except binascii.Error as exc:
        raise BadRequest("Upload-Checksum: the checksum is not base64") from exc
