"""Exports as streams of bytes, and imports (importing.py).

Each export opens its own session (the request's is closed before a streaming body runs) in one
REPEATABLE READ READ ONLY transaction, reads with server-side cursors and yields the file in chunks:
memory stays flat at any size (bench/bench_export.py). The count of images (and, with media, their
bytes) is known before the first byte and goes out as headers, so the dashboard shows progress.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from openpyxl import Workbook
from prometheus_client import Counter, Histogram
from sqlalchemy.orm import Session

from addax_api.exports import camtrap, megadetector, repository
from addax_api.exports.zipstream import ZipStream
from addax_api.media.service import MediaUrls
from addax_api.queries.filters import ImageQuery
from addax_api.queries.images import conditions
from addax_common.context import ServiceContext
from addax_common.logging import get_logger
from addax_common.privacy import blurred_image_key
from addax_common.storage import BUCKET_RAW, BUCKET_THUMBNAILS, ObjectNotFound, StorageError

log = get_logger(__name__)

EXPORTED_ROWS = Counter("addax_api_export_rows_total", "Rows written by exports, by file", ["file"])
EXPORT_SECONDS = Histogram(
    "addax_api_export_duration_seconds",
    "Time to stream one export, by kind",
    ["kind"],
    buckets=(0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600),
)

MediaMode = Literal["include", "urls"]
Table = Literal["images", "observations"]
FLUSH_ROWS = 500


@dataclass(frozen=True)
class Export:
    """What an export needs once the request is gone."""

    ctx: ServiceContext
    media: MediaUrls
    query: ImageQuery
    threshold: float
    contact: str
    # People blurring (the Models page setting): exported photos and their URLs are the blurred copies,
    # as the gallery shows them; an export is a copy that leaves the platform's access control.
    blur_people: bool = False

    def session(self) -> Session:
        return self.ctx.sessions()

    def photo(self, row: Any) -> tuple[str, str | None]:
        """The stored object an export gives for an image row (with `id`, `storage_key`, `people_blurred`)."""
        if self.blur_people and row.people_blurred:
            return BUCKET_THUMBNAILS, blurred_image_key(row.id)
        return BUCKET_RAW, row.storage_key


@dataclass(frozen=True)
class Prepared:
    """A stream and what is known before it starts."""

    body: Iterator[bytes]
    filename: str
    media_type: str
    images: int
    media_bytes: int | None = None


def safe_part(text: str | None, fallback: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", text or "").strip("._-")
    return cleaned[:80] or fallback


def relative_path(image_id: Any, camera_name: str | None, filename: str | None) -> str:
    """Where an image lies in an export zip: <camera>/<12 hex of its id>-<file name> (unique, readable)."""
    name = safe_part(filename, "image.jpg")
    return f"{safe_part(camera_name, 'unassigned')}/{image_id.hex[:12]}-{name}"


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def _timed(kind: str, body: Iterator[bytes]) -> Iterator[bytes]:
    started = time.perf_counter()
    sent = 0
    try:
        for chunk in body:
            sent += len(chunk)
            yield chunk
    finally:
        seconds = time.perf_counter() - started
        EXPORT_SECONDS.labels(kind).observe(seconds)
        log.info("export_streamed", kind=kind, bytes=sent, seconds=round(seconds, 3))


# --- Camtrap DP -----------------------------------------------------------------------------------
def camtrap_dp(job: Export, slug: str, media: MediaMode) -> Prepared:
    where = repository.camtrap_images(job.query)
    with job.session() as db:
        images, size = repository.count(db, where)
    body = _timed("camtrap-dp", _camtrap_body(job, where, media, images))
    suffix = "-with-media" if media == "include" else ""
    return Prepared(
        body,
        f"{slug}-camtrap-dp{suffix}-{_stamp()}.zip",
        "application/zip",
        images,
        size if media == "include" else None,
    )


def _csv_member(z: ZipStream, name: str, header: list[str], rows: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    """Write one CSV member, yielding what the zip has ready every FLUSH_ROWS rows."""
    with z.member(name) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="", write_through=True)
        writer = csv.DictWriter(text, header, extrasaction="raise", lineterminator="\n")
        writer.writeheader()
        for n, row in enumerate(rows, start=1):
            writer.writerow(row)
            if n % FLUSH_ROWS == 0:
                EXPORTED_ROWS.labels(name).inc(FLUSH_ROWS)
                if z.ready():
                    yield z.take()
        text.flush()
        text.detach()
    yield z.take()


def _camtrap_body(job: Export, where: list[Any], media: MediaMode, images: int) -> Iterator[bytes]:
    created = datetime.now(UTC)
    z = ZipStream(created)
    with job.session() as db:
        repository.begin_snapshot(db, images)
        project = repository.project(db, job.query.project_id)
        deployment_rows = repository.deployments(db, where)
        zones = {row.Deployment.id: camtrap.zone(row.Deployment.timezone) for row in deployment_rows}
        deployments = [camtrap.deployment_row(row) for row in deployment_rows]
        yield from _csv_member(z, "deployments.csv", camtrap.columns("deployments"), iter(deployments))

        def media_rows() -> Iterator[dict[str, Any]]:
            for row in repository.media(db, where):
                if media == "include":
                    path, public = "media/" + relative_path(row.id, row.camera_name, row.original_filename), False
                else:
                    path, public = job.media.url(*job.photo(row)) or "", False
                yield camtrap.media_row(row, zones.get(row.deployment_id, camtrap.zone(None)), path, public)

        yield from _csv_member(z, "media.csv", camtrap.columns("media"), media_rows())

        interval = timedelta(minutes=project.independence_interval_minutes or 30)
        writer = camtrap.ObservationWriter(interval, zones)

        def observation_rows() -> Iterator[dict[str, Any]]:
            for row in repository.blanks(db, where, job.threshold):
                yield camtrap.blank_row(row, zones.get(row.deployment_id, camtrap.UTC_ZONE))
            yield from writer.rows(repository.observations(db, where, job.threshold))

        yield from _csv_member(z, "observations.csv", camtrap.columns("observations"), observation_rows())
        if media == "include":
            yield from _media_files(job, z, repository.media(db, where), "media/")
        package = camtrap.descriptor(project, created, job.contact, deployments, writer.taxa, media != "include")
    z.add("datapackage.json", json.dumps(package, indent=2, ensure_ascii=False).encode(), compress=True)
    yield z.finish()


def _media_files(job: Export, z: ZipStream, rows: Iterator[Any], prefix: str) -> Iterator[bytes]:
    for row in rows:
        bucket, key = job.photo(row)
        if not key:
            continue
        try:
            data = job.ctx.storage.get(bucket, key)
        except (ObjectNotFound, StorageError) as exc:
            # The package stays valid without it: the media row keeps its path, the log says what is missing.
            log.warning("export_media_missing", image_id=str(row.id), bucket=bucket, key=key, error=str(exc))
            continue
        z.add(prefix + relative_path(row.id, row.camera_name, row.original_filename), data)
        if z.ready():
            yield z.take()


# --- MegaDetector ---------------------------------------------------------------------------------
def megadetector_json(job: Export, slug: str, media: MediaMode) -> Prepared:
    where = repository.conditions_not_rejected(conditions(job.query))
    with job.session() as db:
        images, size = repository.count(db, where)
    if media == "include":
        return Prepared(
            _timed("megadetector", _md_zip(job, where, images)),
            f"{slug}-megadetector-{_stamp()}.zip",
            "application/zip",
            images,
            size,
        )
    return Prepared(
        _timed("megadetector", _md_json(job, where, images)),
        f"{slug}-megadetector-{_stamp()}.json",
        "application/json",
        images,
    )


def _md_json(job: Export, where: list[Any], images: int) -> Iterator[bytes]:
    with job.session() as db:
        repository.begin_snapshot(db, images)
        yield from megadetector.stream(db, where, relative_path)


def _md_zip(job: Export, where: list[Any], images: int) -> Iterator[bytes]:
    z = ZipStream(datetime.now(UTC))
    with job.session() as db:
        repository.begin_snapshot(db, images)
        with z.member(megadetector.RESULTS_NAME) as handle:
            for chunk in megadetector.stream(db, where, relative_path):
                handle.write(chunk)
                if z.ready():
                    yield z.take()
        yield z.take()
        yield from _media_files(job, z, repository.media(db, where), "")
    yield z.finish()


# --- CSV and XLSX ---------------------------------------------------------------------------------
IMAGE_COLUMNS = [
    "image_id", "file_name", "camera", "deployment_id", "captured_at", "capture_time_known", "received_at",
    "status", "review_status", "reviewed_by", "reviewed_at", "width", "height", "file_size", "detections",
    "top_confidence",
]  # fmt: skip
OBSERVATION_COLUMNS = [
    "image_id", "file_name", "camera", "deployment_id", "captured_at", "detection_index", "category", "confidence",
    "bbox_x", "bbox_y", "bbox_width", "bbox_height", "label", "label_source", "label_score", "classified_by",
    "detector", "machine_label", "machine_score", "reviewer",
]  # fmt: skip


def _iso(value: datetime | None) -> str:
    return value.astimezone(UTC).isoformat() if value else ""


def _value(value: Any) -> Any:
    return getattr(value, "value", value)


def _image_values(row: Any) -> list[Any]:
    return [
        str(row.id), row.original_filename, row.camera_name or "", row.deployment_id or "", _iso(row.captured_at),
        row.captured_at is not None, _iso(row.received_at), _value(row.status), _value(row.review_status),
        row.reviewed_by or "", _iso(row.reviewed_at), row.width, row.height, row.file_size, row.detections,
        row.top_confidence,
    ]  # fmt: skip


def _observation_values(row: Any) -> list[Any]:
    human = row.human_label is not None
    return [
        str(row.image_id), row.original_filename, row.camera_name or "", row.deployment_id or "",
        _iso(row.captured_at), row.index, _value(row.category), row.confidence, row.bbox_x, row.bbox_y, row.bbox_w,
        row.bbox_h, row.label or "", ("human" if human else "machine") if row.label else "",
        None if human else row.machine_score, row.reviewer if human else (row.classifier or row.detector),
        row.detector, row.machine_label or "", row.machine_score, row.reviewer or "",
    ]  # fmt: skip


def _table_rows(job: Export, db: Session, table: Table, where: list[Any]) -> Iterator[list[Any]]:
    if table == "images":
        return (_image_values(r) for r in repository.image_rows(db, where, job.threshold))
    return (_observation_values(r) for r in repository.detection_rows(db, where, job.threshold))


def table_csv(job: Export, slug: str, table: Table) -> Prepared:
    where = conditions(job.query)
    with job.session() as db:
        images, _ = repository.count(db, where)
    return Prepared(
        _timed(f"csv-{table}", _csv_body(job, table, where, images)), f"{slug}-{table}-{_stamp()}.csv", "text/csv", images
    )


def _csv_body(job: Export, table: Table, where: list[Any], images: int) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(IMAGE_COLUMNS if table == "images" else OBSERVATION_COLUMNS)
    with job.session() as db:
        repository.begin_snapshot(db, images)
        for n, values in enumerate(_table_rows(job, db, table, where), start=1):
            writer.writerow(["" if v is None else v for v in values])
            if n % FLUSH_ROWS == 0:
                yield buffer.getvalue().encode()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue().encode()


def table_xlsx(job: Export, slug: str) -> Prepared:
    where = conditions(job.query)
    with job.session() as db:
        images, _ = repository.count(db, where)
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Prepared(
        _timed("xlsx", _xlsx_body(job, where, images)), f"{slug}-images-observations-{_stamp()}.xlsx", media_type, images
    )


def _xlsx_body(job: Export, where: list[Any], images: int) -> Iterator[bytes]:
    """openpyxl's write-only mode keeps each sheet in a temporary file, never the rows in memory; the
    finished workbook is then streamed from a temporary file."""
    book = Workbook(write_only=True)
    with job.session() as db:
        repository.begin_snapshot(db, images)
        for table, header in (("images", IMAGE_COLUMNS), ("observations", OBSERVATION_COLUMNS)):
            sheet = book.create_sheet(table)
            sheet.append(header)
            for values in _table_rows(job, db, table, where):  # type: ignore[arg-type]
                sheet.append(values)
    with tempfile.TemporaryFile() as out:
        book.save(out)
        out.seek(0)
        while chunk := out.read(256 * 1024):
            yield chunk
