"""Which deployment an image belongs to, and its corrected capture time.

One SQL statement, used by ingestion (one new image) and by the API (every image of a camera whose
deployments changed). An image belongs to the deployment of its camera whose period holds the image's
EXIF time corrected by that deployment's clock offset; its `captured_at` is then `exif_captured_at +
clock_offset_seconds` (or the EXIF time itself outside any deployment). Recomputing from the stored
EXIF time, never from the previous `captured_at`, is what makes an offset change undo exactly.
Images without an EXIF time belong to no deployment: there is no honest time to place them by.
Both functions then recompute the sequences the moved capture times form (addax_common/sequences.py).
"""

from __future__ import annotations

import typing
import uuid
from typing import Any

from sqlalchemy import CursorResult, text
from sqlalchemy.orm import Session

from addax_common import sequences

_ASSIGN = """
UPDATE images AS i
SET deployment_id = m.deployment_id,
    captured_at = i.exif_captured_at + make_interval(secs => coalesce(m.clock_offset_seconds, 0))
FROM images AS src
LEFT JOIN LATERAL (
    SELECT d.id AS deployment_id, d.clock_offset_seconds
    FROM deployments AS d
    WHERE d.camera_id = src.camera_id
      AND src.exif_captured_at + make_interval(secs => d.clock_offset_seconds) >= d.start_at
      AND (d.end_at IS NULL OR src.exif_captured_at + make_interval(secs => d.clock_offset_seconds) < d.end_at)
    ORDER BY d.start_at DESC
    LIMIT 1
) AS m ON true
WHERE i.id = src.id AND {scope}
  AND (i.deployment_id IS DISTINCT FROM m.deployment_id
       OR i.captured_at IS DISTINCT FROM
          i.exif_captured_at + make_interval(secs => coalesce(m.clock_offset_seconds, 0)))
"""


def _run(session: Session, scope: str, params: dict[str, Any]) -> int:
    result = session.execute(text(_ASSIGN.format(scope=scope)), params)
    # An UPDATE runs through a cursor; Session.execute is typed as the general Result.
    return typing.cast("CursorResult[Any]", result).rowcount or 0


def assign_camera_images(session: Session, camera_id: int) -> int:
    """Re-derive deployment_id and captured_at of every image of a camera, then its sequences; returns
    the rows whose deployment or capture time changed."""
    sequences.lock_camera(session, camera_id)  # before any image row is locked (see sequences.py)
    moved = _run(session, "src.camera_id = :camera_id", {"camera_id": camera_id})
    sequences.recompute_camera(session, camera_id)
    return moved


def assign_image(session: Session, image_id: uuid.UUID) -> int:
    """The same for one image (ingestion, right after inserting it), and the sequences around it."""
    moved = _run(session, "src.id = :image_id", {"image_id": image_id})
    sequences.recompute_after_insert(session, image_id)
    return moved
