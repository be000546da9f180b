"""Ingest one uploaded file: the transport-independent core of the ingestion service.

For an image (ARCHITECTURE §5):

    read -> sha256 -> duplicate?  yes: duplicate_uploads += 1, remove the upload
                                  no:  validate
    invalid: bytes -> `quarantine` bucket, `rejected` row with the reason, remove the upload
    valid:   EXIF, camera, original -> `raw-images`, `received` row (+ camera_status from EXIF),
             COMMIT, then LPUSH image-ingested and publish `image_ingested`, then remove the upload

The upload file is removed only after the object is stored and the row committed. When storage or the
database is unavailable nothing is removed: `RetryLater` is raised and the pipeline tries again with
backoff (and the periodic scan finds the file in any case). Two concurrent ingests of identical content
end with one image: the unique sha256 turns the loser's INSERT into a duplicate count.

A ``*.txt`` upload is a camera daily report (reports.py), never an image: it becomes a camera_status
row (source "report") and a `camera_status` event.

Every door into the platform enters here: FTPS (services/ingestion) and, from the API, the web upload,
the HTTP upload API and the command-line uploader. An `UploadOrigin` says which door, who (user or
upload key) and, for the API's doors, the project and possibly the camera; the image row records the
door and the sender, and a new row (received or rejected) gets its audit row in the same transaction.
"""

from __future__ import annotations

import enum
import hashlib
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import redis
from sqlalchemy import update
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from addax_common.camera_time import camera_timezone
from addax_common.context import ServiceContext
from addax_common.db.images import Image, ImageStatus
from addax_common.db.users import AuditLog
from addax_common.deployments import assign_image
from addax_common.events import CAMERA_STATUS, IMAGE_INGESTED, IMAGE_REJECTED
from addax_common.ingest.cameras import CameraRef, CameraRegistry, record_status
from addax_common.ingest.exif import ExifInfo, read_exif
from addax_common.ingest.filenames import sanitize_filename
from addax_common.ingest.reports import MAX_REPORT_BYTES, is_report_name, parse_report
from addax_common.ingest.validate import ContentKind, sniff, validate_image
from addax_common.ingest.video import VIDEO_KINDS, container_problem, poster_frame
from addax_common.logging import bind_image, get_logger
from addax_common.metrics import INGESTED, PROCESSED, STAGE_DURATION
from addax_common.reliable_queue import QUEUE_IMAGE_INGESTED
from addax_common.storage import (
    BUCKET_QUARANTINE,
    BUCKET_RAW,
    BUCKET_THUMBNAILS,
    StorageError,
    quarantine_key,
    raw_image_key,
    thumbnail_key,
)

log = get_logger(__name__)

SHA256_CONSTRAINT = "uq_images_sha256"


class Outcome(str, enum.Enum):
    RECEIVED = "received"  # new image, stored and queued
    REJECTED = "rejected"  # bad file, quarantined with a reason
    DUPLICATE = "duplicate"  # same content as an existing image: counted, not stored again
    REPORT = "report"  # daily report -> camera_status
    REPORT_REJECTED = "report_rejected"  # a .txt that is not a report, quarantined
    RETRY = "retry"  # storage or database unavailable: the upload stays for a later attempt
    GONE = "gone"  # the file disappeared before we read it (nothing to do)


DOORS = ("ftps", "web", "http-api", "cli")


@dataclass(frozen=True)
class UploadOrigin:
    """Where an upload came from. FTPS uploads need none (door ftps, project and camera from the account)."""

    door: str = "ftps"
    project_id: int | None = None  # the project the sender uploads for (the key's, or the user's choice)
    camera_id: int | None = None  # chosen in the browser, or the camera of a per-camera key
    user_id: int | None = None
    user_email: str | None = None
    key_id: int | None = None
    key_name: str | None = None
    filename: str | None = None  # the client's file name (the staged file's own name is ours)
    ip: str | None = None
    user_agent: str | None = None


@dataclass(frozen=True)
class IngestResult:
    outcome: Outcome
    path: Path
    image_id: uuid.UUID | None = None
    camera_id: int | None = None
    reason: str | None = None
    seconds: float = 0.0
    # DUPLICATE: the status and project of the image that already holds this content.
    status: str | None = None
    project_id: int | None = None


class RetryLater(Exception):
    """A dependency (storage, database) is unavailable; the upload was left in place."""


@dataclass
class _Upload:
    path: Path
    account: str | None
    filename: str  # display-safe
    data: bytes  # the whole file, or its first max_bytes when it is larger
    size: int
    sha256: str
    uploaded_at: datetime
    identity: tuple[int, int, int, int]  # (device, inode, size, mtime_ns) when read
    origin: UploadOrigin = UploadOrigin()


class FileChanged(RetryLater):
    """The file was written to while we read it: someone (a new upload of the same name) is writing."""


class Ingestor:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.settings = ctx.settings
        self.cameras = CameraRegistry(ctx)
        self.upload_root = Path(self.settings.upload_dir).resolve()

    def account_for(self, path: Path) -> str | None:
        """Files in <upload_dir>/<name>/... belong to the account <name> (the FTPS home layout)."""
        try:
            relative = Path(path).resolve().relative_to(self.upload_root)
        except ValueError:
            return None
        return relative.parts[0] if len(relative.parts) > 1 else None

    # --- entry point ----------------------------------------------------------------------------
    def ingest_file(self, path: Path, account: str | None = None, origin: UploadOrigin | None = None) -> IngestResult:
        """Ingest one file. Never raises for a bad file; RetryLater-type failures return Outcome.RETRY."""
        path = Path(path)
        started = time.perf_counter()
        account = account or (self.account_for(path) if origin is None else None)
        try:
            upload = self._read(path, account)
        except FileNotFoundError:
            return IngestResult(Outcome.GONE, path)
        except FileChanged as exc:
            log.info("upload_still_changing", path=str(path), error=str(exc))
            INGESTED.labels(outcome=Outcome.RETRY.value).inc()
            return IngestResult(Outcome.RETRY, path, reason=str(exc))
        except OSError as exc:
            # Unreadable (permissions of an external FTPS server, I/O error): keep it and try later.
            log.error("upload_unreadable", path=str(path), error=str(exc))
            INGESTED.labels(outcome=Outcome.RETRY.value).inc()
            return IngestResult(Outcome.RETRY, path, reason=f"unreadable: {exc}")
        if origin is not None:  # the API's doors: the client's file name (the staged file's own name is ours)
            upload = replace(upload, origin=origin, filename=sanitize_filename(origin.filename or path.name))
        try:
            result = self._ingest_report(upload) if is_report_name(upload.filename) else self._ingest_image(upload)
        except RetryLater as exc:
            log.warning("ingest_retry_later", path=str(path), filename=upload.filename, error=str(exc))
            INGESTED.labels(outcome=Outcome.RETRY.value).inc()
            return IngestResult(Outcome.RETRY, path, reason=str(exc), seconds=time.perf_counter() - started)
        seconds = time.perf_counter() - started
        INGESTED.labels(outcome=result.outcome.value).inc()
        if result.outcome in (Outcome.RECEIVED, Outcome.REJECTED):
            STAGE_DURATION.labels("ingestion").observe(seconds)
        if result.outcome is Outcome.RECEIVED:
            PROCESSED.labels("ingestion").inc()
        return IngestResult(result.outcome, path, result.image_id, result.camera_id, result.reason, seconds,
                            result.status, result.project_id)

    def reject_file(self, path: Path, account: str | None, reason: str) -> IngestResult:
        """Quarantine a file with a reason of our own (the pipeline's last resort after repeated crashes)."""
        path = Path(path)
        try:
            upload = self._read(path, account or self.account_for(path))
        except FileNotFoundError:
            return IngestResult(Outcome.GONE, path)
        except RetryLater as exc:
            return IngestResult(Outcome.RETRY, path, reason=str(exc))
        try:
            result = self._reject(upload, reason[:1000], sniff(upload.data[:64]))
        except RetryLater as exc:
            return IngestResult(Outcome.RETRY, path, reason=str(exc))
        INGESTED.labels(outcome=result.outcome.value).inc()
        return result

    # --- reading ---------------------------------------------------------------------------------
    def _read(self, path: Path, account: str | None) -> _Upload:
        limit = self.settings.ingest_max_bytes
        digest = hashlib.sha256()
        head = bytearray()
        size = 0
        with open(path, "rb") as fh:
            stat = os.fstat(fh.fileno())
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
                if len(head) < limit:
                    head += chunk[: limit - len(head)]
                size += len(chunk)
            after = os.fstat(fh.fileno())
        if size != stat.st_size or (after.st_size, after.st_mtime_ns) != (stat.st_size, stat.st_mtime_ns):
            raise FileChanged(f"file changed while being read ({stat.st_size} -> {after.st_size} bytes)")
        return _Upload(
            path=path,
            account=account,
            filename=sanitize_filename(path.name),
            data=bytes(head),
            size=size,
            sha256=digest.hexdigest(),
            uploaded_at=datetime.fromtimestamp(stat.st_mtime, UTC),
            identity=(stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns),
        )

    # --- images ----------------------------------------------------------------------------------
    def _ingest_image(self, up: _Upload) -> IngestResult:
        if existing := self._count_duplicate(up):
            return existing

        video_problem = None
        kind = sniff(up.data[:64])
        if kind.kind in VIDEO_KINDS and up.size == len(up.data) and up.size >= self.settings.ingest_min_bytes:
            video_problem = container_problem(up.data, kind.kind)
            if video_problem is None:
                return self._ingest_video(up, kind)

        check = validate_image(
            up.data, size=up.size, min_bytes=self.settings.ingest_min_bytes,
            max_bytes=self.settings.ingest_max_bytes, max_pixels=self.settings.ingest_max_pixels,
        )
        if not check.ok:
            reason = check.reason or "invalid"
            if video_problem:
                reason += f"; not a playable video either: {video_problem}"
            return self._reject(up, reason, check.kind)

        image_id = uuid.uuid4()
        with bind_image(image_id):
            info = read_exif(up.data)
            if info.notes:
                log.info("exif_notes", filename=up.filename, notes=info.notes)
            camera = self._identify(up, info)
            tz = camera_timezone(camera.config) if camera else None
            captured_at = info.captured_at(tz)
            now = datetime.now(UTC)
            key = raw_image_key(camera.id if camera else None, image_id, captured_at or now)
            self._put(BUCKET_RAW, key, up.data, "image/jpeg")

            row = Image(
                id=image_id, camera_id=camera.id if camera else None, original_filename=up.filename,
                sha256=up.sha256, file_size=up.size, mime_type="image/jpeg", width=check.width,
                height=check.height, storage_key=key, ftps_account=up.account, status=ImageStatus.RECEIVED,
                **_origin_columns(up.origin),
                captured_at=captured_at, exif_captured_at=captured_at, exif_local_time=info.wall_clock,
                camera_make=info.make, camera_model=info.model, camera_serial=info.serial,
                gps=f"SRID=4326;POINT({info.longitude} {info.latitude})" if info.has_gps else None,
                exif=info.to_json(tz), uploaded_at=up.uploaded_at, received_at=now,
            )
            def write(session: Session) -> None:
                row.project_id = camera.project_id if camera else self._project(session, up)
                session.add(row)
                session.flush()
                _audit(session, up, row)
                if camera and captured_at is not None:
                    # The deployment's time zone and clock offset may move captured_at; the raw-image
                    # key keeps the EXIF date as read here.
                    assign_image(session, image_id)
                if camera and info.has_status:
                    record_status(
                        session, camera_id=camera.id, reported_at=captured_at or now, source="exif",
                        image_id=image_id, battery_percent=info.battery_percent,
                        temperature_c=info.temperature_c, sd_used_percent=info.sd_used_percent,
                        raw=info.status_raw,
                    )
                if camera and info.latitude is not None and info.longitude is not None:
                    self.cameras.set_location_if_unknown(session, camera.id, info.latitude, info.longitude)

            if not self._commit_row(BUCKET_RAW, key, "image", write):
                return self._count_duplicate(up) or IngestResult(Outcome.DUPLICATE, up.path)

            # Committed: the image is real. Wake the detection stage and the live views.
            self._announce(image_id, row.project_id, camera, up)
            self._remove_upload(up)
            log.info(
                "image_received", filename=up.filename, camera_id=camera.id if camera else None,
                camera_name=camera.name if camera else None, camera_match=camera.how if camera else None,
                captured_at=captured_at.isoformat() if captured_at else None, size=up.size,
                width=check.width, height=check.height, gps=info.has_gps,
            )
            return IngestResult(Outcome.RECEIVED, up.path, image_id, camera.id if camera else None)

    # --- videos --------------------------------------------------------------------------------
    def _ingest_video(self, up: _Upload, kind: ContentKind) -> IngestResult:
        """Store a video with its poster as the thumbnail and list it, `completed` with no detections:
        the image models do not run on videos, so it is never queued (and the reconciler, which only
        watches pending states, leaves it alone)."""
        image_id = uuid.uuid4()
        with bind_image(image_id):
            camera = self._identify(up, ExifInfo())
            now = datetime.now(UTC)
            key = raw_image_key(camera.id if camera else None, image_id, now).removesuffix(".jpg") + VIDEO_KINDS[kind.kind]
            poster, extracted = poster_frame(up.path)
            self._put(BUCKET_RAW, key, up.data, kind.mime_type)
            thumb = thumbnail_key(image_id)
            try:
                self._put(BUCKET_THUMBNAILS, thumb, poster, "image/jpeg")
            except RetryLater:
                self._delete_quietly(BUCKET_RAW, key)
                raise
            row = Image(
                id=image_id, camera_id=camera.id if camera else None, original_filename=up.filename,
                sha256=up.sha256, file_size=up.size, mime_type=kind.mime_type, storage_key=key, thumbnail_key=thumb,
                media_kind="video", ftps_account=up.account, status=ImageStatus.COMPLETED,
                **_origin_columns(up.origin),
                exif={"_detected_content": kind.description, "_poster": "frame" if extracted else "placeholder"},
                uploaded_at=up.uploaded_at, received_at=now, completed_at=now,
            )

            def write(session: Session) -> None:
                row.project_id = camera.project_id if camera else self._project(session, up)
                session.add(row)
                session.flush()
                _audit(session, up, row)

            committed = False
            try:
                committed = self._commit_row(BUCKET_RAW, key, "video", write)
            finally:
                if not committed:  # the duplicate's or a failed commit's poster goes with its video
                    self._delete_quietly(BUCKET_THUMBNAILS, thumb)
            if not committed:
                return self._count_duplicate(up) or IngestResult(Outcome.DUPLICATE, up.path)
            # Listed live in the gallery; no detection queue.
            self.ctx.events.publish(
                IMAGE_INGESTED, project_id=row.project_id, image_id=image_id, camera_id=camera.id if camera else None,
                camera_name=camera.name if camera else None, filename=up.filename, media_kind="video",
            )
            self._remove_upload(up)
            log.info("video_received", filename=up.filename, camera_id=camera.id if camera else None,
                     size=up.size, container=kind.kind, poster="frame" if extracted else "placeholder")
            return IngestResult(Outcome.RECEIVED, up.path, image_id, camera.id if camera else None,
                                status=ImageStatus.COMPLETED.value, project_id=row.project_id)

    def _identify(self, up: _Upload, info: ExifInfo) -> CameraRef | None:
        origin = up.origin
        try:
            if origin.camera_id is not None:
                camera = self.cameras.by_id(origin.camera_id)
            else:
                camera = self.cameras.identify(
                    account=up.account, serial=info.serial, filename=up.filename, make=info.make, model=info.model,
                    project_id=origin.project_id,
                )
        except SQLAlchemyError as exc:
            raise RetryLater(f"database unavailable: {_brief(exc)}") from exc
        if camera and origin.project_id is not None and camera.project_id != origin.project_id:
            # A serial or name that belongs to another project's camera: the upload stays in the sender's project.
            log.info("camera_of_other_project", camera_id=camera.id, project_id=origin.project_id)
            return None
        if camera and camera.registered:
            log.info("camera_auto_registered", camera_id=camera.id, camera_name=camera.name, matched_by=camera.how)
        return camera

    def _project(self, session: Session, up: _Upload) -> int:
        """The project of an upload whose camera is unknown: the sender's, else the FTPS account's."""
        if up.origin.project_id is not None:
            return up.origin.project_id
        return self.cameras.account_project(session, up.account)

    def _announce(self, image_id: uuid.UUID, project_id: int, camera: CameraRef | None, up: _Upload) -> None:
        try:
            self.ctx.queue(QUEUE_IMAGE_INGESTED).push(image_id)
        except redis.RedisError as exc:
            # The row is committed as `received`; the reconciler re-enqueues images that do not move.
            log.warning("enqueue_failed", error=str(exc))
        self.ctx.events.publish(
            IMAGE_INGESTED, project_id=project_id, image_id=image_id, camera_id=camera.id if camera else None,
            camera_name=camera.name if camera else None, filename=up.filename,
        )

    def _count_duplicate(self, up: _Upload) -> IngestResult | None:
        """If an image with this content exists: count the upload, remove the file, return the first result."""
        try:
            with self.ctx.sessions() as session, session.begin():
                existing = session.execute(
                    update(Image)
                    .where(Image.sha256 == up.sha256)
                    .values(duplicate_uploads=Image.duplicate_uploads + 1)
                    .returning(Image.id, Image.status, Image.error, Image.project_id, Image.camera_id)
                ).first()
        except SQLAlchemyError as exc:
            raise RetryLater(f"database unavailable: {_brief(exc)}") from exc
        if existing is None:
            return None
        with bind_image(existing.id):
            log.info("duplicate_upload", filename=up.filename, sha256=up.sha256, existing_status=getattr(existing.status, "value", existing.status))
        self._remove_upload(up)
        status = getattr(existing.status, "value", existing.status)
        return IngestResult(Outcome.DUPLICATE, up.path, existing.id, existing.camera_id, existing.error,
                            status=status, project_id=existing.project_id)

    def _commit_row(self, bucket: str, key: str, what: str, write: Callable[[Session], None]) -> bool:
        """Commit the row(s) for an object already stored at bucket/key. False when an identical upload
        won the race (unique sha256): that one is the image and this a duplicate (the caller counts it). On any failure the
        stored object is removed again, so storage never holds an object without its row."""
        try:
            with self.ctx.sessions() as session, session.begin():
                write(session)
            return True
        except IntegrityError as exc:
            self._delete_quietly(bucket, key)
            if _constraint(exc) == SHA256_CONSTRAINT:
                return False  # the caller counts it with _count_duplicate
            raise RetryLater(f"database refused the {what} row: {exc.orig}") from exc
        except SQLAlchemyError as exc:
            self._delete_quietly(bucket, key)
            raise RetryLater(f"database unavailable: {_brief(exc)}") from exc

    def _reject(self, up: _Upload, reason: str, kind: ContentKind) -> IngestResult:
        image_id = uuid.uuid4()
        now = datetime.now(UTC)
        with bind_image(image_id):
            stored = up.data
            if up.size > len(up.data):
                reason += f" (quarantine holds the first {len(up.data)} bytes)"
            key = quarantine_key(image_id, now)
            self._put(BUCKET_QUARANTINE, key, stored, "application/octet-stream")
            try:
                if up.origin.camera_id is not None:
                    camera = self.cameras.by_id(up.origin.camera_id)
                else:
                    camera = self.cameras.identify(account=up.account, serial=None, filename=up.filename, register=False)
            except SQLAlchemyError:
                camera = None
            if camera and up.origin.project_id is not None and camera.project_id != up.origin.project_id:
                camera = None
            row = Image(
                id=image_id, camera_id=camera.id if camera else None, original_filename=up.filename,
                sha256=up.sha256, file_size=up.size, mime_type=kind.mime_type, storage_key=key,
                ftps_account=up.account, status=ImageStatus.REJECTED, error=reason[:2000], **_origin_columns(up.origin),
                uploaded_at=up.uploaded_at, received_at=now, rejected_at=now,
                exif={"_detected_content": kind.description},
            )
            def write(session: Session) -> None:
                row.project_id = camera.project_id if camera else self._project(session, up)
                session.add(row)
                session.flush()
                _audit(session, up, row)

            if not self._commit_row(BUCKET_QUARANTINE, key, "rejected", write):
                return self._count_duplicate(up) or IngestResult(Outcome.DUPLICATE, up.path)
            self.ctx.events.publish(
                IMAGE_REJECTED, project_id=row.project_id, image_id=image_id, camera_id=camera.id if camera else None,
                camera_name=camera.name if camera else None, filename=up.filename, error=reason[:500],
            )
            self._remove_upload(up)
            log.warning("image_rejected", filename=up.filename, reason=reason, quarantine_key=key, size=up.size)
            return IngestResult(Outcome.REJECTED, up.path, image_id, camera.id if camera else None, reason)

    # --- daily reports ---------------------------------------------------------------------------
    def _ingest_report(self, up: _Upload) -> IngestResult:
        report = parse_report(up.data[:MAX_REPORT_BYTES])
        camera = None
        if report.is_report:
            origin = up.origin
            try:
                if origin.camera_id is not None:  # a per-camera key, or the camera chosen in the browser
                    camera = self.cameras.by_id(origin.camera_id)
                else:
                    camera = self.cameras.identify(
                        account=up.account, serial=report.serial, filename=up.filename,
                        camera_name=report.camera_name, project_id=origin.project_id,
                    )
            except SQLAlchemyError as exc:
                raise RetryLater(f"database unavailable: {_brief(exc)}") from exc
            if camera and origin.project_id is not None and camera.project_id != origin.project_id:
                camera = None  # another project's camera: the report is not this sender's to file
        if camera is None:
            why = "no camera status fields" if not report.is_report else "no camera can be identified"
            key = quarantine_key(uuid.uuid4(), datetime.now(UTC))
            self._put(BUCKET_QUARANTINE, key, up.data, "text/plain")
            self._remove_upload(up)
            log.warning("report_rejected", filename=up.filename, reason=why, quarantine_key=key)
            return IngestResult(Outcome.REPORT_REJECTED, up.path, reason=why)

        tz = camera_timezone(camera.config)
        local = report.reported_local
        if local is None:
            reported_at = up.uploaded_at
        elif local.tzinfo is None:
            reported_at = local.replace(tzinfo=tz or UTC).astimezone(UTC)
        else:
            reported_at = local.astimezone(UTC)
        raw: dict[str, Any] = {"file": up.filename, "fields": report.raw}
        try:
            with self.ctx.sessions() as session, session.begin():
                record_status(
                    session, camera_id=camera.id, reported_at=reported_at, source="report",
                    battery_percent=report.battery_percent, temperature_c=report.temperature_c,
                    sd_used_percent=report.sd_used_percent, signal_quality=report.signal_quality,
                    images_on_sd=report.images_on_sd, raw=raw,
                )
        except SQLAlchemyError as exc:
            raise RetryLater(f"database unavailable: {_brief(exc)}") from exc
        self.ctx.events.publish(
            CAMERA_STATUS, project_id=camera.project_id, camera_id=camera.id, camera_name=camera.name, source="report",
            reported_at=reported_at.isoformat(), battery_percent=report.battery_percent,
            temperature_c=report.temperature_c, sd_used_percent=report.sd_used_percent,
            signal_quality=report.signal_quality, images_on_sd=report.images_on_sd,
        )
        self._remove_upload(up)
        log.info("camera_report", filename=up.filename, camera_id=camera.id, camera_name=camera.name,
                 reported_at=reported_at.isoformat())
        return IngestResult(Outcome.REPORT, up.path, camera_id=camera.id)

    # --- helpers ---------------------------------------------------------------------------------
    def _put(self, bucket: str, key: str, data: bytes, content_type: str) -> None:
        try:
            self.ctx.storage.put(bucket, key, data, content_type)
        except StorageError as exc:
            raise RetryLater(f"storage unavailable: {exc}") from exc

    def _delete_quietly(self, bucket: str, key: str) -> None:
        try:
            self.ctx.storage.delete(bucket, key)
        except StorageError as exc:
            log.warning("orphan_object", bucket=bucket, key=key, error=str(exc))

    def _remove_upload(self, up: _Upload) -> None:
        """Only called once the upload's content is safe (committed row + stored object, or counted).

        If the path now holds a different file (a camera re-used the name and a new upload replaced or
        rewrote it meanwhile), it is left alone: that is the next upload, not the one we ingested.
        """
        try:
            stat = os.stat(up.path)
        except FileNotFoundError:
            return
        except OSError:
            stat = None
        if stat is not None and (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns) != up.identity:
            log.warning("upload_replaced_kept", path=str(up.path), filename=up.filename)
            return
        try:
            up.path.unlink(missing_ok=True)
        except OSError as exc:
            # It will be seen again by the scan and counted as a duplicate; say why it stays.
            log.error("upload_not_removed", path=str(up.path), error=str(exc))


def _origin_columns(origin: UploadOrigin) -> dict[str, Any]:
    return {"upload_door": origin.door, "uploaded_by": origin.user_id, "upload_key_id": origin.key_id}


def _audit(session: Session, up: _Upload, row: Image) -> None:
    """The audit row of a new image, in its transaction: which door, and who or which key sent it."""
    origin = up.origin
    details: dict[str, Any] = {"door": origin.door, "filename": up.filename, "status": row.status.value,
                               "sha256": up.sha256, "size": up.size}
    if up.account:
        details["ftps_account"] = up.account
    if origin.key_id is not None:
        details["upload_key"] = {"id": origin.key_id, "name": origin.key_name}
    if row.error:
        details["reason"] = row.error
    session.add(AuditLog(
        project_id=row.project_id, user_id=origin.user_id, user_email=origin.user_email, action="image.upload",
        resource_type="image", resource_id=str(row.id), details=details, ip_address=origin.ip,
        user_agent=origin.user_agent,
    ))


def _constraint(exc: IntegrityError) -> str | None:
    diag = getattr(exc.orig, "diag", None)
    return getattr(diag, "constraint_name", None)


def _brief(exc: Exception) -> str:
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return str(exc.orig).strip().splitlines()[0][:300]
    return str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__

