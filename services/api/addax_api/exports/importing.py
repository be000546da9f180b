"""Imports: a Camtrap DP package or a MegaDetector batch-output JSON, each in a zip with its images.

Everything is checked before anything is written where that is possible (the tables against the
vendored schemas, references between them, every image file through ingestion's own validation),
and the rest happens in the request's one transaction: any problem is a 422 naming the file, line and
field, the transaction rolls back and every storage object written so far is removed again, so
nothing is ever half-imported.

Camtrap DP: deployments -> cameras (by cameraID, reused when the project has one of that name) and
deployments (timezone, clock offset and bait from deploymentTags); media -> images, placed in their
deployment by the same rule as ingestion (addax_common.deployments); media-level observations ->
detections (bbox; the whole frame without one) with the machine label and probability
(`classificationMethod=machine`, model = classifiedBy) or a human correction (`human`, by the user
classifiedBy names, else by the importing user; a machine label kept in observationTags comes back beside it). Event-level
observations are derived data and are recomputed on export, so they are not imported.

MegaDetector: images[].file -> an image (the first folder of the path names its camera), detections
with their category, confidence and bbox, classifications with their rank and the info's model names.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import IO, Any
from zoneinfo import ZoneInfo

import jsonschema
from fastapi.exceptions import RequestValidationError
from PIL import Image as PILImage
from sqlalchemy.orm import Session

from addax_api.audit.service import record
from addax_api.exports import camtrap, megadetector, repository, tables
from addax_api.exports.schemas import ImportResult
from addax_api.exports.tables import Problems
from addax_api.scope import ProjectScope
from addax_api.uow import UnitOfWork
from addax_common.db import Camera, Classification, Deployment, Detection, DetectionCategory, Image, ImageStatus
from addax_common.deployments import assign_image
from addax_common.imaging import decode_image, encode_jpeg, thumbnail
from addax_common.ingest.validate import validate_image
from addax_common.logging import get_logger
from addax_common.storage import BUCKET_RAW, BUCKET_THUMBNAILS, StorageError, raw_image_key, thumbnail_key

log = get_logger(__name__)

OWN_EXPORT_PREFIX = re.compile(r"^[0-9a-f]{12}-(.+)$")
FULL_FRAME = (0.0, 0.0, 1.0, 1.0)


def invalid(problems: Problems | list[tables.Problem]) -> RequestValidationError:
    items = problems.items if isinstance(problems, Problems) else problems
    return RequestValidationError([{"type": "value_error", "loc": p.loc(), "msg": p.describe()} for p in items])


def problem(file: str, line: int | None, name: str | None, message: str) -> RequestValidationError:
    return invalid([tables.Problem(file, line, name, message)])


@dataclass
class Written:
    """Storage objects written by this import: removed again if it fails."""

    objects: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Importer:
    uow: UnitOfWork
    scope: ProjectScope
    archive: zipfile.ZipFile
    root: str
    written: Written = field(default_factory=Written)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    digests: set[str] = field(default_factory=set)
    cameras: dict[str, Camera] = field(default_factory=dict)

    @property
    def db(self) -> Session:
        return self.uow.db

    # --- files in the zip -------------------------------------------------------------------------
    def member(self, path: str) -> zipfile.ZipInfo | None:
        clean = posixpath.normpath(path.replace("\\", "/").lstrip("/"))
        if clean.startswith("../") or clean == "..":
            return None
        try:
            return self.archive.getinfo(posixpath.join(self.root, clean) if self.root else clean)
        except KeyError:
            return None

    def open(self, path: str) -> IO[bytes]:
        info = self.member(path)
        if info is None:
            raise problem(posixpath.basename(path) or path, None, None, "not in the zip")
        return self.archive.open(info)

    # --- cameras ----------------------------------------------------------------------------------
    def camera(self, name: str, model: str | None = None) -> Camera:
        """The project's camera of this name, or a new one (suffixed when another project has the name)."""
        if name in self.cameras:
            return self.cameras[name]
        existing = repository.camera_by_name(self.db, name)
        if existing is not None and existing.project_id == self.scope.project_id:
            self.cameras[name] = existing
            return existing
        candidate, n = name, 1
        while existing is not None:
            n += 1
            candidate = f"{name} ({self.scope.project.slug}{'' if n == 2 else f' {n - 1}'})"[:120]
            existing = repository.camera_by_name(self.db, candidate)
        camera = Camera(name=candidate, project_id=self.scope.project_id, model=model, is_assigned=True)
        self.db.add(camera)
        self.db.flush()
        self.counts["cameras"] += 1
        self.cameras[name] = camera
        return camera

    # --- images -----------------------------------------------------------------------------------
    def add_image(
        self,
        file: str,
        line: int | None,
        column: str,
        path: str,
        *,
        camera: Camera | None,
        exif_time: datetime | None,
        filename: str,
        image_id: uuid.UUID | None,
        source: str,
    ) -> Image:
        info = self.member(path)
        if info is None:
            raise problem(
                file, line, column, f"{path!r} is not in the zip (media must be included; URLs are not fetched)"
            )
        settings = self.uow.state.settings
        if info.file_size > settings.ingest_max_bytes:
            raise problem(file, line, column, f"{path!r}: file too large ({info.file_size} bytes)")
        data = self.archive.read(info)
        check = validate_image(
            data,
            size=len(data),
            min_bytes=settings.ingest_min_bytes,
            max_bytes=settings.ingest_max_bytes,
            max_pixels=settings.ingest_max_pixels,
        )
        if not check.ok:
            raise problem(file, line, column, f"{path!r}: {check.reason}")
        digest = hashlib.sha256(data).hexdigest()
        if digest in self.digests or repository.existing_sha256(self.db, [digest]):
            raise problem(
                file, line, column, f"{path!r}: the same image is already on this server (or twice in the zip)"
            )
        self.digests.add(digest)
        storage = self.uow.state.ctx.storage
        if (
            image_id is None
            or repository.existing_ids(self.db, [image_id])
            or storage.exists(BUCKET_THUMBNAILS, thumbnail_key(image_id))
        ):
            # The id an export named is kept when it is free (the round trip keeps mediaID); an object of
            # that id still in storage is never overwritten (nor removed by a failed import's clean-up).
            image_id = uuid.uuid4()
        now = datetime.now(UTC)
        key = raw_image_key(camera.id if camera else None, image_id, exif_time or now)
        self._put(BUCKET_RAW, key, data)
        thumb = thumbnail_key(image_id)
        self._put(BUCKET_THUMBNAILS, thumb, encode_jpeg(thumbnail(decode_image(data), settings.thumbnail_size), 80))
        image = Image(
            id=image_id, project_id=self.scope.project_id, camera_id=camera.id if camera else None,
            original_filename=filename[:512], sha256=digest, file_size=len(data), mime_type="image/jpeg",
            width=check.width, height=check.height, storage_key=key, thumbnail_key=thumb,
            status=ImageStatus.COMPLETED, captured_at=exif_time, exif_captured_at=exif_time,
            exif={"imported_from": source}, received_at=now, completed_at=now,
        )  # fmt: skip
        self.db.add(image)
        self.db.flush()
        if camera is not None and exif_time is not None:
            assign_image(self.db, image_id)
            self.db.refresh(image)
        self.counts["images"] += 1
        return image

    def _put(self, bucket: str, key: str, data: bytes) -> None:
        try:
            self.uow.state.ctx.storage.put(bucket, key, data, "image/jpeg")
        except StorageError as exc:
            raise problem("storage", None, None, f"storage unavailable: {exc}") from exc
        self.written.objects.append((bucket, key))

    def add_detection(
        self,
        image: Image,
        index: int,
        category: str,
        confidence: float,
        bbox: tuple[float, float, float, float],
        model: str,
    ) -> Detection:
        x, y, w, h = (min(1.0, max(0.0, float(v))) for v in bbox)
        detection = Detection(
            image_id=image.id, index=index, category=DetectionCategory(category), confidence=confidence,
            bbox_x=x, bbox_y=y, bbox_w=min(w, 1.0 - x), bbox_h=min(h, 1.0 - y), model_name=model[:120],
        )  # fmt: skip
        self.db.add(detection)
        self.db.flush()
        self.counts["detections"] += 1
        return detection

    def add_label(
        self,
        detection: Detection,
        label: str,
        score: float,
        rank: int,
        model: str,
        source: str,
        created_at: datetime | None = None,
        author: int | None = None,
    ) -> None:
        self.db.add(
            Classification(
                detection_id=detection.id, image_id=detection.image_id, label=label[:200], score=score, rank=rank,
                model_name=model[:120], source=source,
                created_by=(author or self.uow.actor.user_id) if source == "human" else None,
                **({"created_at": created_at} if created_at else {}),
            )
        )  # fmt: skip
        self.counts["human_labels" if source == "human" else "machine_labels"] += 1

    def cleanup(self) -> None:
        storage = self.uow.state.ctx.storage
        for bucket, key in reversed(self.written.objects):
            try:
                storage.delete(bucket, key)
            except StorageError as exc:
                log.warning("import_cleanup_failed", bucket=bucket, key=key, error=str(exc))


# --- entry point ------------------------------------------------------------------------------------
def run(uow: UnitOfWork, scope: ProjectScope, upload: IO[bytes]) -> ImportResult:
    try:
        archive = zipfile.ZipFile(upload)
        names = [i.filename for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise problem("upload", None, None, f"not a zip archive ({exc})") from exc
    load: Callable[[Importer, str], None]
    with archive:
        package = _find(names, lambda n: posixpath.basename(n) == "datapackage.json")
        if package is not None:
            kind, load = "camtrap-dp", _camtrap
            root = posixpath.dirname(package)
        else:
            results = _find(names, lambda n: n.lower().endswith(".json") and "__MACOSX" not in n)
            if results is None:
                raise problem(
                    "upload",
                    None,
                    None,
                    "the zip holds neither a datapackage.json (Camtrap DP) nor a MegaDetector results .json",
                )
            kind, load, root = "megadetector", _megadetector, ""
            package = results
        importer = Importer(uow, scope, archive, root)
        try:
            load(importer, package)
            uow.db.flush()
        except BaseException:
            importer.cleanup()
            raise
    counts = dict(importer.counts)
    record(
        uow.db,
        uow.actor,
        "project.import",
        "project",
        scope.project_id,
        {"format": kind, **counts},
        project_id=scope.project_id,
    )
    uow.invalidate_stats(scope.project_id)
    log.info("import_done", format=kind, **counts)
    return ImportResult(
        format=kind, cameras=counts.get("cameras", 0), deployments=counts.get("deployments", 0),
        images=counts.get("images", 0), detections=counts.get("detections", 0),
        machine_labels=counts.get("machine_labels", 0), human_labels=counts.get("human_labels", 0),
    )  # fmt: skip


def _find(names: list[str], match: Any) -> str | None:
    found = sorted((n for n in names if match(n)), key=lambda n: (n.count("/"), n))
    return found[0] if found else None


def _json(importer: Importer, name: str) -> Any:
    try:
        with importer.archive.open(name) as fh:
            return json.load(fh)
    except (ValueError, UnicodeDecodeError) as exc:
        raise problem(posixpath.basename(name), None, None, f"not valid JSON: {exc}") from exc


# --- Camtrap DP -------------------------------------------------------------------------------------
def _camtrap(importer: Importer, package_name: str) -> None:
    package = _json(importer, package_name)
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        raise problem("datapackage.json", None, "resources", "a Camtrap DP package needs a list of resources")
    profile = str(package.get("profile", ""))
    if "camtrap-dp" not in profile or "/1.0" not in profile:
        raise problem("datapackage.json", None, "profile", f"not a Camtrap DP 1.0 profile: {profile!r}")
    paths: dict[str, str] = {}
    for resource in package["resources"]:
        if isinstance(resource, dict) and resource.get("name") in camtrap.TABLES:
            paths[resource["name"]] = str(resource.get("path") or f"{resource['name']}.csv")
    for table in camtrap.TABLES:
        if table not in paths:
            raise problem("datapackage.json", None, "resources", f"no {table} resource")
        if importer.member(paths[table]) is None:
            raise problem(paths[table], None, None, "file named by datapackage.json is not in the zip")

    problems = Problems()
    rows = {
        table: list(tables.read(importer.open(paths[table]), table, paths[table], problems)) for table in camtrap.TABLES
    }
    deployment_ids = {row["deploymentID"] for _, row in rows["deployments"]}
    media_ids = {row["mediaID"] for _, row in rows["media"]}
    for table in ("media", "observations"):
        for line, row in rows[table]:
            if row["deploymentID"] not in deployment_ids:
                problems.add(paths[table], line, "deploymentID", f"unknown deployment {row['deploymentID']!r}")
    for line, row in rows["observations"]:
        if row.get("mediaID") is not None and row["mediaID"] not in media_ids:
            problems.add(paths["observations"], line, "mediaID", f"unknown media {row['mediaID']!r}")
        if row["eventEnd"] < row["eventStart"]:
            problems.add(paths["observations"], line, "eventEnd", "before eventStart")
    for line, row in rows["deployments"]:
        if row["deploymentEnd"] < row["deploymentStart"]:
            problems.add(paths["deployments"], line, "deploymentEnd", "before deploymentStart")
        zone = camtrap.parse_tags(row.get("deploymentTags")).get("timezone")
        if zone:
            try:
                ZoneInfo(zone)
            except (ValueError, OSError, KeyError):
                problems.add(paths["deployments"], line, "deploymentTags", f"timezone {zone!r} is not an IANA name")
    for line, row in rows["media"]:
        if re.match(r"^[a-z]+://", row["filePath"]):
            problems.add(paths["media"], line, "filePath", "media must be in the zip: URLs are not fetched")
        elif importer.member(row["filePath"]) is None:
            problems.add(paths["media"], line, "filePath", f"{row['filePath']!r} is not in the zip")
    if problems:
        raise invalid(problems)

    deployments = {
        row["deploymentID"]: _deployment(importer, paths["deployments"], line, row) for line, row in rows["deployments"]
    }
    by_media: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for line, row in rows["observations"]:
        if row["observationLevel"] == "media" and row.get("mediaID"):
            by_media[row["mediaID"]].append((line, row))
    for line, row in rows["media"]:
        deployment, camera = deployments[row["deploymentID"]]
        offset = timedelta(seconds=deployment.clock_offset_seconds or 0)
        exif_time = row["timestamp"].astimezone(UTC) - offset
        image = importer.add_image(
            paths["media"], line, "filePath", row["filePath"], camera=camera, exif_time=exif_time,
            filename=row.get("fileName") or posixpath.basename(row["filePath"]), image_id=_uuid(row["mediaID"]),
            source="camtrap-dp",
        )  # fmt: skip
        if image.deployment_id != deployment.id:
            raise problem(
                paths["media"],
                line,
                "timestamp",
                f"{row['timestamp'].isoformat()} is outside deployment {row['deploymentID']!r}",
            )
        observations = sorted(by_media.get(row["mediaID"], []), key=lambda item: _natural(item[1]["observationID"]))
        kept = [obs for _, obs in observations if obs["observationType"] in camtrap.TYPE_CATEGORY]
        for index, obs in enumerate(kept):
            _observation(importer, image, index, obs)


def _natural(text: str) -> list[Any]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def _deployment(importer: Importer, file: str, line: int, row: dict[str, Any]) -> tuple[Deployment, Camera]:
    tags = camtrap.parse_tags(row.get("deploymentTags"))
    camera = importer.camera(row.get("cameraID") or f"deployment {row['deploymentID']}", row.get("cameraModel"))
    start, end = row["deploymentStart"].astimezone(UTC), row["deploymentEnd"].astimezone(UTC)
    other = repository.deployments_overlapping(importer.db, camera.id, start, end)
    if other is not None:
        raise problem(file, line, "deploymentStart", f"overlaps another deployment of camera {camera.name!r}")
    try:
        offset = int(tags.get("clockOffsetSeconds", "0"))
    except ValueError as exc:
        raise problem(file, line, "deploymentTags", "clockOffsetSeconds is not an integer") from exc
    deployment = Deployment(
        camera_id=camera.id, start_at=start, end_at=end, location=f"SRID=4326;POINT({row['longitude']!r} {row['latitude']!r})",
        location_name=row.get("locationName"), camera_height_m=row.get("cameraHeight"),
        bait=tags.get("bait") or ("yes" if row.get("baitUse") else None), habitat=row.get("habitat"),
        feature_type=row.get("featureType"), notes=row.get("deploymentComments"),
        timezone=tags.get("timezone") or "UTC", clock_offset_seconds=offset,
    )  # fmt: skip
    importer.db.add(deployment)
    importer.db.flush()
    importer.counts["deployments"] += 1
    return deployment, camera


def _observation(importer: Importer, image: Image, index: int, obs: dict[str, Any]) -> None:
    tags = camtrap.parse_tags(obs.get("observationTags"))
    bbox = (obs.get("bboxX"), obs.get("bboxY"), obs.get("bboxWidth"), obs.get("bboxHeight"))
    box = FULL_FRAME if any(v is None for v in bbox) else _bbox(bbox)
    human = obs.get("classificationMethod") == "human"
    probability = obs.get("classificationProbability")
    confidence = _float(tags.get("detectionConfidence"), probability if probability is not None and not human else 1.0)
    detector = tags.get("detectedBy") or (obs.get("classifiedBy") if not human else None) or "imported"
    category = camtrap.TYPE_CATEGORY[obs["observationType"]]
    detection = importer.add_detection(image, index, category, confidence, box, detector)
    label = obs.get("scientificName")
    when = obs.get("classificationTimestamp")
    if human:
        if tags.get("machineLabel"):
            importer.add_label(
                detection,
                tags["machineLabel"],
                _float(tags.get("machineProbability"), 1.0),
                1,
                tags.get("classifier") or "imported",
                "machine",
            )
        if label:
            # The reviewer an export named, when that is a user here; else the importing user.
            author = repository.user_named(importer.db, obs["classifiedBy"]) if obs.get("classifiedBy") else None
            importer.add_label(detection, label, 1.0, 1, "human", "human", when, author)
    elif label:
        importer.add_label(
            detection,
            label,
            probability if probability is not None else 1.0,
            1,
            obs.get("classifiedBy") or "imported",
            "machine",
            when,
        )


def _float(text: Any, default: float) -> float:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return float(default)
    return value if 0.0 <= value <= 1.0 else float(default)


# --- MegaDetector -----------------------------------------------------------------------------------
def _megadetector(importer: Importer, results_name: str) -> None:
    file = posixpath.basename(results_name)
    results = _json(importer, results_name)
    validator = jsonschema.Draft202012Validator(megadetector.schema())
    error = next(iter(sorted(validator.iter_errors(results), key=lambda e: list(e.absolute_path))), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or None
        raise problem(file, None, where, error.message[:300])
    detection_names = results["detection_categories"]
    labels = results.get("classification_categories") or {}
    info = results["info"]
    detector, classifier = info.get("detector") or "imported", info.get("classifier") or "imported"
    problems = Problems()
    for n, entry in enumerate(results["images"]):
        if importer.member(entry["file"]) is None:
            problems.add(file, None, f"images/{n}/file", f"{entry['file']!r} is not in the zip")
        for d, detection in enumerate(entry.get("detections") or []):
            if detection["category"] not in detection_names:
                problems.add(file, None, f"images/{n}/detections/{d}/category", "not in detection_categories")
            for c, (label_id, _) in enumerate(detection.get("classifications") or []):
                if label_id not in labels:
                    problems.add(
                        file, None, f"images/{n}/detections/{d}/classifications/{c}", "not in classification_categories"
                    )
    if problems:
        raise invalid(problems)
    for n, entry in enumerate(results["images"]):
        if entry.get("failure"):
            continue
        path = entry["file"].replace("\\", "/").lstrip("/")
        folder, base = posixpath.split(path)
        own = OWN_EXPORT_PREFIX.match(base)
        camera = importer.camera(folder.split("/")[-1]) if folder and folder.split("/")[-1] != "unassigned" else None
        image = importer.add_image(
            file, None, f"images/{n}/file", entry["file"], camera=camera, exif_time=_md_time(importer, entry),
            filename=own.group(1) if own else base, image_id=None, source="megadetector",
        )  # fmt: skip
        for index, detection in enumerate(entry.get("detections") or []):
            category = detection_names[detection["category"]]
            if category not in ("animal", "person", "vehicle"):
                continue  # the format: categories other than these count as no detection
            row = importer.add_detection(
                image, index, category, float(detection["conf"]), _bbox(detection["bbox"]), detector
            )
            ranked = sorted(detection.get("classifications") or [], key=lambda c: -c[1])
            for rank, (label_id, score) in enumerate(ranked, start=1):
                importer.add_label(row, labels[label_id], float(score), rank, classifier, "machine")


def _bbox(values: Sequence[Any]) -> tuple[float, float, float, float]:
    x, y, w, h = (float(v) for v in values)
    return x, y, w, h


def _md_time(importer: Importer, entry: dict[str, Any]) -> datetime | None:
    """The entry's `datetime` (as the MegaDetector tools write it), else the photo's EXIF DateTimeOriginal (UTC)."""
    text = entry.get("datetime")
    if not text:
        with importer.open(entry["file"]) as fh, PILImage.open(fh) as img:
            text = img.getexif().get_ifd(0x8769).get(0x9003) or img.getexif().get(0x0132)
    if not text:
        return None
    try:
        return datetime.strptime(str(text).strip()[:19], "%Y:%m:%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None
