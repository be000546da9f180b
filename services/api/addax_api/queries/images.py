"""The SQL of the image filters (queries/filters.py): the WHERE conditions, the "taken at" time and
the label that counts for a detection. See images/repository.py for why they are written this way."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Text, cast, exists, func, or_, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import aliased

from addax_api.queries.filters import ImageQuery
from addax_common.db import Classification, Image

# The time an image is ordered and date-filtered by: its capture time, or for an image without one its
# arrival time. The expression of the order indexes; never shown as a capture time.
TAKEN_AT = func.coalesce(Image.captured_at, Image.received_at)
CAPTURE_TIME_KNOWN = Image.captured_at.is_not(None)


def time_keys(descending: bool) -> list[Any]:
    """Sort keys that put images without a capture time after every dated one, in either direction,
    with all keys in one direction (so prev/next can compare row values). Each variant is the leading
    expression of an index (ix_images_project_dated_taken_at / ..._undated_taken_at, migration 0008)."""
    return [CAPTURE_TIME_KNOWN if descending else Image.captured_at.is_(None), TAKEN_AT]


def capture_time_mode(q: ImageQuery) -> str | None:
    if q.capture_time is not None:
        return q.capture_time
    return "known" if q.date_from is not None or q.date_to is not None else None


def label_counts(c: Any) -> Any:
    """Whether the classification row `c` is the one whose label counts for its detection (with rank 1):
    a human correction always; a machine label only when no human corrected the detection."""
    human = aliased(Classification)
    return or_(c.source == "human", ~exists().where(human.detection_id == c.detection_id, human.source == "human"))


@cache
def effective_labels() -> Any:
    """One row per classified detection with the label that counts: the human correction if there is
    one, else the machine's rank-1 label. Columns: image_id, detection_id, label, score, source.
    Built once: a statement is immutable, and building this aliased subquery cost more CPU than running
    the query it is part of (a fifth of an image detail's)."""
    c = aliased(Classification)
    return (
        select(c.image_id, c.detection_id, c.label, c.score, c.source)
        .where(c.rank == 1, label_counts(c))
        .subquery("effective")
    )


def _species_condition(species: Sequence[str]) -> Any:
    # images.species holds the labels that count (migration 0018, the same rule as label_counts): a GIN
    # index scan instead of hashing every classification of a common species.
    return Image.species.overlap(cast(list(species), ARRAY(Text)))


def conditions(q: ImageQuery) -> list[Any]:
    where: list[Any] = [Image.project_id == q.project_id]
    if q.camera_ids:
        where.append(Image.camera_id.in_(q.camera_ids))
    if q.statuses:
        where.append(Image.status.in_(q.statuses))
    if q.review_statuses:
        where.append(Image.review_status.in_(q.review_statuses))
    if q.date_from is not None:
        where.append(TAKEN_AT >= q.date_from)
    if q.date_to is not None:
        where.append(TAKEN_AT < q.date_to)
    mode = capture_time_mode(q)
    if mode == "known":
        where.append(CAPTURE_TIME_KNOWN)
    elif mode == "unknown":
        where.append(Image.captured_at.is_(None))
    if q.species:
        where.append(_species_condition(q.species))
    if q.min_confidence is not None:
        # "Some detection at least this confident" is "the highest one is": images.max_confidence (migration 0015).
        where.append(Image.max_confidence >= q.min_confidence)
    return where
