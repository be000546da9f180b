"""Which deployment an image belongs to, and its corrected capture time.

One SQL statement, used by ingestion (one new image) and by the API (every image of a camera whose
deployments changed). An image belongs to the deployment of its camera whose period holds the image's
time in that deployment: its EXIF wall-clock time (`exif_local_time`, EXIF carries no zone) read in the
deployment's `timezone`, plus the deployment's clock offset. Its `captured_at` is that time; outside any
deployment it is the EXIF time as ingestion read it (`exif_captured_at`: the camera's configured zone,
else UTC). An EXIF time that carried its own UTC offset (`exif_local_time` null) is taken as it is and
only the clock offset applies. Recomputing from the stored EXIF time, never from the previous
`captured_at`, is what makes an offset or time-zone change undo exactly.
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

# t.at: the image's time in deployment d, its wall clock read in d's zone (or its exact EXIF time), plus
# d's clock offset.
_ASSIGN = """
UPDATE images AS i
SET deployment_id = m.deployment_id,
    captured_at = coalesce(m.captured_at, i.exif_captured_at)
FROM images AS src
LEFT JOIN LATERAL (
    SELECT d.id AS deployment_id, t.at AS captured_at
    FROM deployments AS d
    CROSS JOIN LATERAL (
        SELECT coalesce(src.exif_local_time AT TIME ZONE d.timezone, src.exif_captured_at)
               + make_interval(secs => d.clock_offset_seconds) AS at
    ) AS t
    WHERE d.camera_id = src.camera_id
      AND t.at >= d.start_at
      AND (d.end_at IS NULL OR t.at < d.end_at)
    ORDER BY d.start_at DESC
    LIMIT 1
) AS m ON true
WHERE i.id = src.id AND {scope}
  AND (i.deployment_id IS DISTINCT FROM m.deployment_id
       OR i.captured_at IS DISTINCT FROM coalesce(m.captured_at, i.exif_captured_at))
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
