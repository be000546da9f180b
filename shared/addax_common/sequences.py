"""Sequences: the frames of one trigger, so the gallery can show one card per burst.

Images of one camera, ordered by capture time, form one sequence while each is at most the project's
`sequence_gap_seconds` after the previous one (a chain: a burst that keeps re-triggering stays one
sequence). `images.sequence_id` is the id of the sequence's first frame (ties on capture time broken
by image id). An image without a capture time or without a camera is its own sequence: there is no
honest time to chain it by.

Images arrive out of order, so inserting one can merge the sequence before it with the one after it;
moving capture times (a deployment's clock offset) or changing the gap can also split sequences.
`recompute_after_insert` recomputes from the start of the sequence before the new image onwards,
`recompute_camera` and `recompute_project` everything in their scope. All of them write only rows
whose sequence changes, and take a transaction-scoped advisory lock per camera so two transactions
never chain the same camera's frames from different snapshots. Callers that update many images of a
camera (addax_common/deployments.py) take that lock before touching them, so the lock order is
always "camera sequence lock, then image rows".
"""

from __future__ import annotations

import typing
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, text
from sqlalchemy.orm import Session

# First key of the two-key advisory lock; the second is the camera id.
LOCK_NAMESPACE = 0x5E0

CHAIN_SQL = """
WITH ordered AS (
    SELECT i.id, i.camera_id, i.captured_at,
           CASE WHEN lag(i.captured_at) OVER w IS NULL
                  OR i.captured_at - lag(i.captured_at) OVER w > make_interval(secs => p.sequence_gap_seconds)
                THEN 1 ELSE 0 END AS head
    FROM images AS i
    JOIN projects AS p ON p.id = i.project_id
    WHERE i.captured_at IS NOT NULL AND i.camera_id IS NOT NULL AND {scope}
    WINDOW w AS (PARTITION BY i.camera_id ORDER BY i.captured_at, i.id)
), numbered AS (
    SELECT id, camera_id, captured_at,
           sum(head) OVER (PARTITION BY camera_id ORDER BY captured_at, id) AS run
    FROM ordered
), chained AS (
    SELECT id, first_value(id) OVER (PARTITION BY camera_id, run ORDER BY captured_at, id) AS sequence_id
    FROM numbered
)
UPDATE images AS i SET sequence_id = c.sequence_id
FROM chained AS c
WHERE i.id = c.id AND i.sequence_id IS DISTINCT FROM c.sequence_id
"""

_SINGLES = """
UPDATE images AS i SET sequence_id = i.id
WHERE (i.captured_at IS NULL OR i.camera_id IS NULL) AND {scope} AND i.sequence_id IS DISTINCT FROM i.id
"""

# Where the recomputation after inserting one image must start: the first frame of the sequence of
# the image just before it (that sequence may now chain on into the new image and beyond).
_START = """
SELECT least(prev.captured_at, head.captured_at)
FROM images AS prev
LEFT JOIN images AS head ON head.id = prev.sequence_id AND head.camera_id = prev.camera_id
WHERE prev.camera_id = :camera_id AND prev.captured_at IS NOT NULL
  AND (prev.captured_at, prev.id) < (:captured_at, :image_id)
ORDER BY prev.captured_at DESC, prev.id DESC
LIMIT 1
"""


def _rows(result: Any) -> int:
    # An UPDATE runs through a cursor; Session.execute is typed as the general Result.
    return typing.cast("CursorResult[Any]", result).rowcount or 0


def lock_camera(session: Session, camera_id: int) -> None:
    """Serialise sequence work on one camera until the transaction ends."""
    session.execute(
        text("SELECT pg_advisory_xact_lock(:ns, :camera_id)"), {"ns": LOCK_NAMESPACE, "camera_id": camera_id}
    )


def _recompute(session: Session, scope: str, params: dict[str, Any]) -> int:
    changed = _rows(session.execute(text(CHAIN_SQL.format(scope=scope)), params))
    return changed + _rows(session.execute(text(_SINGLES.format(scope=scope)), params))


def recompute_camera(session: Session, camera_id: int) -> int:
    """Recompute the sequences of every image of a camera; returns the images whose sequence changed."""
    lock_camera(session, camera_id)
    return _recompute(session, "i.camera_id = :camera_id", {"camera_id": camera_id})


def recompute_project(session: Session, project_id: int) -> int:
    """Recompute every sequence of a project (after its sequence gap changed)."""
    cameras = session.execute(
        text("SELECT DISTINCT camera_id FROM images WHERE project_id = :p AND camera_id IS NOT NULL ORDER BY 1"),
        {"p": project_id},
    ).scalars()
    for camera_id in cameras.all():
        lock_camera(session, camera_id)
    return _recompute(session, "i.project_id = :project_id", {"project_id": project_id})


def recompute_after_insert(session: Session, image_id: uuid.UUID) -> int:
    """Recompute the neighbourhood of one newly inserted (or newly dated) image: from the first frame
    of the sequence before it to the end of the camera's images (only changed rows are written; for
    images arriving in capture order that is the new image alone)."""
    row = session.execute(text("SELECT camera_id, captured_at FROM images WHERE id = :id"), {"id": image_id}).first()
    if row is None:
        return 0
    camera_id, captured_at = row
    if camera_id is None or captured_at is None:
        return _recompute(session, "i.id = :image_id", {"image_id": image_id})
    lock_camera(session, camera_id)
    start: datetime | None = session.execute(
        text(_START), {"camera_id": camera_id, "captured_at": captured_at, "image_id": image_id}
    ).scalar()
    params = {"camera_id": camera_id, "start": start if start is not None else captured_at}
    return _recompute(session, "i.camera_id = :camera_id AND i.captured_at >= :start", params)
