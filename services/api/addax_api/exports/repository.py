"""Queries of the exports domain. Every export query is filtered by `queries.images.conditions` (the
gallery's filters) and read with a server-side cursor (`yield_per`), so 100,000 images stream through
a few thousand rows of memory (bench/bench_export.py)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from geoalchemy2 import Geometry
from sqlalchemy import and_, cast, exists, func, or_, select, text
from sqlalchemy.orm import Session, aliased

from addax_api.queries.filters import ImageQuery
from addax_api.queries.images import TAKEN_AT, conditions
from addax_common.db import Camera, Classification, Deployment, Detection, Image, ImageStatus, Project, User

BATCH = 2000
# The gallery's capture-time order, ascending: dated images by capture time, then undated ones by arrival.
GALLERY_ORDER = (Image.captured_at.is_(None), TAKEN_AT, Image.id)


# Exports of up to this many images are planned for their total time. PostgreSQL plans a cursor (how
# exports stream) for its first tenth by default: for one camera over a month at 1,000,000 images
# that walked the capture-time index of every camera to skip a sort of 770 rows, 290 ms instead of 40.
# A larger export keeps the default, so its download starts at once rather than after a sort of
# everything (the whole 1,000,000: first row after 0.5 s instead of 9 s, all rows in 38 s instead of 29 s).
WHOLE_PLAN_UP_TO = 100_000


def begin_snapshot(db: Session, images: int) -> None:
    """One consistent, read-only view of the data for every query of an export of `images` images."""
    db.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
    if images <= WHOLE_PLAN_UP_TO:
        db.execute(text("SET LOCAL cursor_tuple_fraction = 1"))


def _stream(db: Session, stmt: Any) -> Iterator[Any]:
    yield from db.execute(stmt.execution_options(yield_per=BATCH, stream_results=True))


def project(db: Session, project_id: int) -> Project:
    return db.get_one(Project, project_id)


def _lat(column: Any) -> Any:
    return func.ST_Y(cast(column, Geometry))


def _lon(column: Any) -> Any:
    return func.ST_X(cast(column, Geometry))


def camtrap_images(q: ImageQuery) -> list[Any]:
    """Images a Camtrap DP package can hold: in a deployment, with a capture time, not rejected."""
    return [
        *conditions(q),
        Image.deployment_id.is_not(None),
        Image.captured_at.is_not(None),
        Image.status != ImageStatus.REJECTED,
    ]


def count(db: Session, where: list[Any]) -> tuple[int, int]:
    """(images, their bytes) under these conditions."""
    row = db.execute(select(func.count(), func.coalesce(func.sum(Image.file_size), 0)).where(*where)).one()
    return int(row[0]), int(row[1])


def deployments(db: Session, where: list[Any]) -> list[Any]:
    """The deployments that hold the exported images, with their camera and the last capture time."""
    used = (
        select(Image.deployment_id, func.max(Image.captured_at).label("last"))
        .where(*where)
        .group_by(Image.deployment_id)
        .subquery()
    )
    stmt = (
        select(
            Deployment,
            Camera.name.label("camera_name"),
            Camera.model.label("camera_model"),
            _lat(Deployment.location).label("lat"),
            _lon(Deployment.location).label("lon"),
            used.c.last,
        )
        .join(used, used.c.deployment_id == Deployment.id)
        .join(Camera, Camera.id == Deployment.camera_id)
        .order_by(Deployment.start_at, Deployment.id)
    )
    return list(db.execute(stmt).all())


def media(db: Session, where: list[Any]) -> Iterator[Any]:
    stmt = (
        select(
            Image.id, Image.deployment_id, Image.captured_at, Image.original_filename, Image.mime_type,
            Image.storage_key, Image.people_blurred, Image.camera_id, Camera.name.label("camera_name"),
        )
        .outerjoin(Camera, Camera.id == Image.camera_id)
        .where(*where)
        .order_by(Image.deployment_id, Image.captured_at, Image.id)
    )  # fmt: skip
    return _stream(db, stmt)


def _labelled_detections(threshold: float) -> Any:
    """Images outer-joined with their detections at or above the threshold, each with its machine
    rank-1 label and its human correction (and who made it)."""
    machine = aliased(Classification)
    human = aliased(Classification)
    source = (
        Image.__table__.outerjoin(Detection, and_(Detection.image_id == Image.id, Detection.confidence >= threshold))
        .outerjoin(machine, and_(machine.detection_id == Detection.id, machine.source == "machine", machine.rank == 1))
        .outerjoin(human, and_(human.detection_id == Detection.id, human.source == "human"))
        .outerjoin(User, User.id == human.created_by)
        .outerjoin(Camera, Camera.id == Image.camera_id)
    )
    columns = [
        Image.id.label("image_id"), Image.deployment_id, Image.captured_at, Image.status, Image.original_filename,
        Image.review_status, Camera.name.label("camera_name"),
        Detection.index, Detection.category, Detection.confidence, Detection.bbox_x, Detection.bbox_y,
        Detection.bbox_w, Detection.bbox_h, Detection.model_name.label("detector"),
        machine.label.label("machine_label"), machine.score.label("machine_score"),
        machine.model_name.label("classifier"), machine.created_at.label("machine_at"),
        human.label.label("human_label"), human.created_at.label("human_at"),
        func.coalesce(User.full_name, User.email).label("reviewer"),
        func.coalesce(human.label, machine.label).label("label"),
    ]  # fmt: skip
    return source, columns


def _shown_detections(
    db: Session, where: list[Any], threshold: float, order: Callable[[Any], tuple[Any, ...]]
) -> Iterator[Any]:
    """The rows of _labelled_detections() that have a detection, in the order `order(label)` gives."""
    source, columns = _labelled_detections(threshold)
    label = columns[-1]
    stmt = select(*columns).select_from(source).where(*where, Detection.id.is_not(None)).order_by(*order(label))
    return _stream(db, stmt)


def observations(db: Session, where: list[Any], threshold: float) -> Iterator[Any]:
    """One row per shown detection, ordered so that the detections of one species at one deployment come
    together in time order: independent events are then found in one pass."""
    return _shown_detections(
        db,
        where,
        threshold,
        lambda label: (
            Image.deployment_id,
            Detection.category,
            label.nulls_first(),
            Image.captured_at,
            Image.id,
            Detection.index,
        ),
    )


def blanks(db: Session, where: list[Any], threshold: float) -> Iterator[Any]:
    """Completed images without a detection at or above the threshold."""
    shown = exists().where(Detection.image_id == Image.id, Detection.confidence >= threshold)
    stmt = (
        select(Image.id.label("image_id"), Image.deployment_id, Image.captured_at)
        .where(*where, Image.status == ImageStatus.COMPLETED, ~shown)
        .order_by(Image.deployment_id, Image.captured_at, Image.id)
    )
    return _stream(db, stmt)


def detection_rows(db: Session, where: list[Any], threshold: float) -> Iterator[Any]:
    """Like observations(), in gallery order (time, image, detection): the CSV/XLSX observation table."""
    return _shown_detections(db, where, threshold, lambda _label: (*GALLERY_ORDER, Detection.index))


def image_rows(db: Session, where: list[Any], threshold: float) -> Iterator[Any]:
    """The CSV/XLSX image table: one row per image with its detection count and top confidence."""
    per_image = (
        select(
            Detection.image_id,
            func.count().label("detections"),
            func.max(Detection.confidence).label("top_confidence"),
        )
        .where(Detection.confidence >= threshold)
        .group_by(Detection.image_id)
        .subquery()
    )
    reviewer = aliased(User)
    stmt = (
        select(
            Image.id, Image.original_filename, Camera.name.label("camera_name"), Image.deployment_id,
            Image.captured_at, Image.received_at, Image.status, Image.review_status,
            func.coalesce(reviewer.full_name, reviewer.email).label("reviewed_by"), Image.reviewed_at,
            Image.width, Image.height, Image.file_size,
            func.coalesce(per_image.c.detections, 0).label("detections"), per_image.c.top_confidence,
        )
        .outerjoin(Camera, Camera.id == Image.camera_id)
        .outerjoin(per_image, per_image.c.image_id == Image.id)
        .outerjoin(reviewer, reviewer.id == Image.reviewed_by)
        .where(*where)
        .order_by(*GALLERY_ORDER)
    )  # fmt: skip
    return _stream(db, stmt)


# --- MegaDetector ---------------------------------------------------------------------------------
def md_images(db: Session, where: list[Any]) -> Iterator[Any]:
    """Every detection (no threshold: the MegaDetector tools apply their own) with its machine top-k,
    one row per classification, in image order."""
    stmt = (
        select(
            Image.id.label("image_id"), Image.original_filename, Image.status, Image.error, Image.storage_key,
            Image.captured_at, Camera.name.label("camera_name"),
            Detection.index, Detection.category, Detection.confidence,
            Detection.bbox_x, Detection.bbox_y, Detection.bbox_w, Detection.bbox_h,
            Classification.label, Classification.score, Classification.rank,
        )
        .outerjoin(Camera, Camera.id == Image.camera_id)
        .outerjoin(Detection, Detection.image_id == Image.id)
        .outerjoin(Classification, and_(Classification.detection_id == Detection.id, Classification.source == "machine"))
        .where(*conditions_not_rejected(where))
        .order_by(Image.id, Detection.index, Classification.rank)
    )  # fmt: skip
    return _stream(db, stmt)


def conditions_not_rejected(where: list[Any]) -> list[Any]:
    return [*where, Image.status != ImageStatus.REJECTED]


def md_labels(db: Session, where: list[Any]) -> list[str]:
    stmt = (
        select(Classification.label)
        .join(Image, Image.id == Classification.image_id)
        .where(*conditions_not_rejected(where), Classification.source == "machine")
        .distinct()
        .order_by(Classification.label)
    )
    return list(db.scalars(stmt).all())


def md_models(db: Session, where: list[Any]) -> tuple[str | None, str | None]:
    """The detector and classifier that produced most of the exported results."""

    def most_common(column: Any, table: Any, *extra: Any) -> str | None:
        stmt = (
            select(column)
            .join(Image, Image.id == table.image_id)
            .where(*conditions_not_rejected(where), *extra)
            .group_by(column)
            .order_by(func.count().desc(), column)
            .limit(1)
        )
        return db.scalar(stmt)

    detector = most_common(Detection.model_name, Detection)
    classifier = most_common(Classification.model_name, Classification, Classification.source == "machine")
    return detector, classifier


# --- import ---------------------------------------------------------------------------------------
def camera_by_name(db: Session, name: str) -> Camera | None:
    return db.scalars(select(Camera).where(Camera.name == name)).first()


def deployments_overlapping(db: Session, camera_id: int, start: datetime, end: datetime | None) -> Deployment | None:
    where = [Deployment.camera_id == camera_id, or_(Deployment.end_at.is_(None), Deployment.end_at > start)]
    if end is not None:
        where.append(Deployment.start_at < end)
    stmt = select(Deployment).where(*where)
    return db.scalars(stmt.limit(1)).first()


def existing_sha256(db: Session, digests: list[str]) -> set[str]:
    if not digests:
        return set()
    return set(db.scalars(select(Image.sha256).where(Image.sha256.in_(digests))).all())


def existing_ids(db: Session, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    if not ids:
        return set()
    return set(db.scalars(select(Image.id).where(Image.id.in_(ids))).all())


def user_named(db: Session, name: str) -> int | None:
    """The user an exported `classifiedBy` names (full name or e-mail), when there is exactly one."""
    ids = db.scalars(select(User.id).where(or_(User.full_name == name, User.email == name)).limit(2)).all()
    return ids[0] if len(ids) == 1 else None
