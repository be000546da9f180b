"""Image queries. The list is built to stay fast at 100,000+ images (bench/bench_api_images.py):

* the date filter and the default sort use `coalesce(captured_at, received_at)` after "has a capture
  time" (undated images last), the expressions of ix_images_project_dated_taken_at and
  ix_images_project_undated_taken_at (migration 0008), with `id` as the tie-breaker so pages and
  prev/next are stable;
* the species filter reads images.species, the labels that count for each image (a human correction,
  else the machine's rank-1 label), kept by triggers on classifications with a GIN index (migration
  0018): a common species at a million images took 360 ms as an EXISTS over classifications;
* the confidence filter and sort read images.max_confidence, the highest detection confidence, kept by
  triggers on detections (migration 0015, index ix_images_project_confidence): no aggregate over the
  detections per request;
* per-image aggregates (counts, labels) are computed only for the ids of the page.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from geoalchemy2 import Geometry
from sqlalchemy import and_, cast, delete, func, literal, or_, select, tuple_
from sqlalchemy.orm import Session

from addax_api.queries.filters import ImageQuery
from addax_api.queries.images import conditions, effective_labels, time_keys
from addax_common.db import Camera, Classification, Detection, DetectionCategory, Image, ImageStatus, User


@dataclass(frozen=True)
class Ordering:
    source: Any  # images joined with what the sort keys need
    keys: list[Any]  # sort expressions, all in the same direction, ending with the unique id


def ordering(sort: str, descending: bool) -> Ordering:
    source = Image.__table__.outerjoin(Camera.__table__, Camera.id == Image.camera_id)
    taken = time_keys(descending)
    if sort == "received_at":
        return Ordering(source, [Image.received_at, Image.id])
    if sort == "confidence":
        # images.max_confidence is kept by triggers on detections (migration 0015); index ix_images_project_confidence.
        return Ordering(source, [func.coalesce(Image.max_confidence, -1.0), *taken, Image.id])
    if sort == "camera":
        return Ordering(source, [func.coalesce(Camera.name, ""), *taken, Image.id])
    return Ordering(source, [*taken, Image.id])


def _ordered(keys: list[Any], descending: bool) -> list[Any]:
    return [k.desc() if descending else k.asc() for k in keys]


SUMMARY_COLUMNS = (
    Image.id,
    Image.camera_id,
    Camera.name.label("camera_name"),
    Image.original_filename,
    Image.status,
    Image.review_status,
    Image.captured_at,
    Image.uploaded_at,
    Image.received_at,
    Image.completed_at,
    Image.width,
    Image.height,
    Image.thumbnail_key,
    Image.media_kind,
    Image.sequence_id,
    Image.people_blurred,
)


def count(db: Session, q: ImageQuery, up_to: int | None = None) -> int:
    """Images matching `q`; with `up_to`, counting stops after up_to + 1 of them (a result above
    `up_to` means "more than that"), so a broad filter over a million images does not read them all."""
    if up_to is None:
        return db.scalar(select(func.count()).select_from(Image).where(*conditions(q))) or 0
    matching = select(Image.id).where(*conditions(q)).limit(up_to + 1).subquery()
    return db.scalar(select(func.count()).select_from(matching)) or 0


def status_counts(db: Session, q: ImageQuery) -> dict[ImageStatus, int]:
    """How many images match the filters in each pipeline status (the status filter itself ignored)."""
    rows = db.execute(
        select(Image.status, func.count()).where(*conditions(replace(q, statuses=()))).group_by(Image.status)
    ).all()
    return {ImageStatus(status): n for status, n in rows}


def count_sequences(db: Session, q: ImageQuery) -> int:
    """Sequences with at least one image matching the filters."""
    stmt = select(func.count(func.distinct(Image.sequence_id))).select_from(Image).where(*conditions(q))
    return db.scalar(stmt) or 0


def sequence_page(db: Session, q: ImageQuery, offset: int, limit: int) -> list[Any]:
    """One row per sequence with a matching image: its representative is the matching frame that comes
    first in the list order, and the sequences are ordered (and paged) by their representatives."""
    descending = q.order == "desc"
    order = ordering(q.sort, descending)
    ranked = (
        select(
            Image.id.label("id"),
            *[key.label(f"k{n}") for n, key in enumerate(order.keys)],
            func.row_number()
            .over(partition_by=Image.sequence_id, order_by=_ordered(order.keys, descending))
            .label("rn"),
        )
        .select_from(order.source)
        .where(*conditions(q))
        .subquery("ranked")
    )
    keys = [ranked.c[f"k{n}"] for n in range(len(order.keys))]
    ids = list(
        db.scalars(
            select(ranked.c.id)
            .where(ranked.c.rn == 1)
            .order_by(*_ordered(keys, descending))
            .offset(offset)
            .limit(limit)
        ).all()
    )
    if not ids:
        return []
    rows = {r.id: r for r in db.execute(select(*SUMMARY_COLUMNS).select_from(order.source).where(Image.id.in_(ids)))}
    return [rows[i] for i in ids if i in rows]


def frame_counts(db: Session, project_id: int, sequence_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Frames per sequence (every frame, whatever the filters)."""
    if not sequence_ids:
        return {}
    stmt = (
        select(Image.sequence_id, func.count())
        .where(Image.project_id == project_id, Image.sequence_id.in_(set(sequence_ids)))
        .group_by(Image.sequence_id)
    )
    return {sequence_id: n for sequence_id, n in db.execute(stmt).all()}


FRAME_ORDER = (Image.captured_at.asc().nulls_last(), Image.id.asc())


def sequence_frames(
    db: Session, project_id: int, sequence_id: uuid.UUID, offset: int = 0, limit: int = 1000
) -> list[Any]:
    """Summary rows of a sequence's frames in capture order."""
    stmt = (
        select(*SUMMARY_COLUMNS)
        .select_from(Image.__table__.outerjoin(Camera.__table__, Camera.id == Image.camera_id))
        .where(Image.project_id == project_id, Image.sequence_id == sequence_id)
        .order_by(*FRAME_ORDER)
        .offset(offset)
        .limit(limit)
    )
    return list(db.execute(stmt).all())


def frame_ids(
    db: Session, project_id: int, sequence_id: uuid.UUID, offset: int = 0, limit: int | None = None
) -> list[uuid.UUID]:
    stmt = (
        select(Image.id)
        .where(Image.project_id == project_id, Image.sequence_id == sequence_id)
        .order_by(*FRAME_ORDER)
        .offset(offset)
        .limit(limit)
    )
    return list(db.scalars(stmt).all())


def frame_position(db: Session, image: Image) -> int:
    """0-based index of the image among its sequence's frames (frames of a multi-frame sequence are dated)."""
    if image.captured_at is None:
        return 0
    stmt = select(func.count()).where(
        Image.sequence_id == image.sequence_id,
        tuple_(Image.captured_at, Image.id) < tuple_(literal(image.captured_at), literal(image.id)),
    )
    return db.scalar(stmt) or 0


def page(db: Session, q: ImageQuery, offset: int, limit: int) -> list[Any]:
    order = ordering(q.sort, q.order == "desc")
    stmt = (
        select(*SUMMARY_COLUMNS)
        .select_from(order.source)
        .where(*conditions(q))
        .order_by(*_ordered(order.keys, q.order == "desc"))
        .offset(offset)
        .limit(limit)
    )
    return list(db.execute(stmt).all())


@dataclass
class PageAggregates:
    detection_count: int = 0
    animal_count: int = 0
    top_confidence: float | None = None
    labels: list[tuple[str, float]] | None = None


def aggregates(db: Session, ids: Sequence[uuid.UUID], threshold: float) -> dict[uuid.UUID, PageAggregates]:
    result: dict[uuid.UUID, PageAggregates] = defaultdict(PageAggregates)
    if not ids:
        return result
    shown = Detection.confidence >= threshold
    rows = db.execute(
        select(
            Detection.image_id,
            func.count().filter(shown),
            func.count().filter(and_(shown, Detection.category == DetectionCategory.ANIMAL)),
            func.max(Detection.confidence),
        )
        .where(Detection.image_id.in_(ids))
        .group_by(Detection.image_id)
    ).all()
    for image_id, detections, animals, top in rows:
        agg = result[image_id]
        agg.detection_count, agg.animal_count, agg.top_confidence = detections, animals, top
    eff = effective_labels()
    for image_id, label, score in db.execute(
        select(eff.c.image_id, eff.c.label, eff.c.score).where(eff.c.image_id.in_(ids))
    ).all():
        agg = result[image_id]
        agg.labels = (agg.labels or []) + [(label, 1.0 if score is None else score)]
    return result


# --- detail -------------------------------------------------------------------------------------
def _lat(column: Any) -> Any:
    return func.ST_Y(cast(column, Geometry))


def _lon(column: Any) -> Any:
    return func.ST_X(cast(column, Geometry))


def detail(db: Session, project_id: int, image_id: uuid.UUID) -> Any:
    stmt = (
        select(
            Image,
            Camera.name.label("camera_name"),
            _lat(Camera.location).label("camera_lat"),
            _lon(Camera.location).label("camera_lon"),
            _lat(Image.gps).label("gps_lat"),
            _lon(Image.gps).label("gps_lon"),
            User.email.label("reviewed_by_email"),
        )
        .select_from(Image)
        .outerjoin(Camera, Camera.id == Image.camera_id)
        .outerjoin(User, User.id == Image.reviewed_by)
        .where(Image.id == image_id, Image.project_id == project_id)
    )
    return db.execute(stmt).first()


def detections_with_classifications(
    db: Session, image_id: uuid.UUID, top_k: int = 5
) -> list[tuple[Detection, list[Classification]]]:
    detections = list(
        db.scalars(select(Detection).where(Detection.image_id == image_id).order_by(Detection.index)).all()
    )
    if not detections:
        return []
    rows = db.scalars(
        select(Classification)
        .where(
            Classification.detection_id.in_([d.id for d in detections]),
            or_(Classification.source == "human", Classification.rank <= top_k),
        )
        .order_by(Classification.detection_id, Classification.source.desc(), Classification.rank)
    ).all()
    by_detection: dict[int, list[Classification]] = defaultdict(list)
    for row in rows:
        by_detection[row.detection_id].append(row)
    return [(d, by_detection.get(d.id, [])) for d in detections]


def neighbours(db: Session, image_id: uuid.UUID, q: ImageQuery) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """(previous, next) image ids in the list order of `q`, relative to this image's sort key."""
    order = ordering(q.sort, q.order == "desc")
    keys = order.keys
    current = db.execute(select(*keys).select_from(order.source).where(Image.id == image_id)).first()
    if current is None:
        return None, None
    values = tuple_(*[literal(value, type_=key.type) for key, value in zip(keys, current, strict=True)])
    descending = q.order == "desc"

    def step(forward: bool) -> uuid.UUID | None:
        # Moving forward in a descending list means moving to smaller keys.
        downwards = descending == forward
        comparison = tuple_(*keys) < values if downwards else tuple_(*keys) > values
        stmt = (
            select(Image.id)
            .select_from(order.source)
            .where(*conditions(q), comparison)
            .order_by(*_ordered(keys, downwards))
            .limit(1)
        )
        return db.scalar(stmt)

    return step(False), step(True)


# --- review -------------------------------------------------------------------------------------
def get_for_update(db: Session, project_id: int, image_id: uuid.UUID) -> Image | None:
    stmt = select(Image).where(Image.id == image_id, Image.project_id == project_id).with_for_update()
    return db.scalars(stmt).first()


def many_for_update(db: Session, project_id: int, ids: Sequence[uuid.UUID]) -> list[Image]:
    stmt = select(Image).where(Image.id.in_(ids), Image.project_id == project_id).order_by(Image.id).with_for_update()
    return list(db.scalars(stmt).all())


def detection_for_update(db: Session, project_id: int, image_id: uuid.UUID, detection_id: int) -> Detection | None:
    stmt = (
        select(Detection)
        .join(Image, Image.id == Detection.image_id)
        .where(Detection.id == detection_id, Detection.image_id == image_id, Image.project_id == project_id)
        .with_for_update(of=Detection)
    )
    return db.scalars(stmt).first()


def animal_detections_for_update(db: Session, image_ids: Sequence[uuid.UUID], threshold: float) -> list[Detection]:
    """The animal detections at or above the display threshold of these images (locked), in image order."""
    stmt = (
        select(Detection)
        .where(
            Detection.image_id.in_(image_ids),
            Detection.category == DetectionCategory.ANIMAL,
            Detection.confidence >= threshold,
        )
        .order_by(Detection.image_id, Detection.index)
        .with_for_update()
    )
    return list(db.scalars(stmt))


def effective_labels_of(db: Session, detection_ids: Sequence[int]) -> dict[int, str | None]:
    if not detection_ids:
        return {}
    eff = effective_labels()
    rows = db.execute(select(eff.c.detection_id, eff.c.label).where(eff.c.detection_id.in_(detection_ids)))
    return {detection_id: label for detection_id, label in rows}


def delete_human_labels(db: Session, detection_ids: Sequence[int]) -> None:
    if detection_ids:
        db.execute(
            delete(Classification).where(
                Classification.detection_id.in_(detection_ids), Classification.source == "human"
            )
        )


def add_classification(db: Session, **values: Any) -> Classification:
    row = Classification(**values)
    db.add(row)
    return row


def now(db: Session) -> datetime:
    return db.execute(select(func.now())).scalar_one()
