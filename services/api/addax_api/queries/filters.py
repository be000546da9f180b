"""The image filters of the gallery, shared by the list, the detail's prev/next and the statistics."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Annotated, Literal

from fastapi import Depends, Query
from pydantic import Field

from addax_api.scope import ProjectScope, project_scope
from addax_api.validation import (
    DATE_OR_DATETIME_PATTERN,
    DATE_PARAM_DESCRIPTION,
    MAX_INT32,
    NonEmptyText200,
    parse_date_bound,
)
from addax_common.db import ImageStatus, ReviewStatus

ImageSort = Literal["captured_at", "received_at", "confidence", "camera"]
SortOrder = Literal["asc", "desc"]
# known: images with an EXIF capture time; unknown: without one; any: both. Unset: both, except that
# a date range then keeps only dated images (an upload time is no stand-in for a capture time).
CaptureTime = Literal["known", "unknown", "any"]

CameraIds = Annotated[
    list[Annotated[int, Field(ge=1, le=MAX_INT32)]] | None,
    Query(description="Camera id; repeat for several cameras (`camera_id=1&camera_id=2`)", max_length=100),
]
SpeciesLabels = Annotated[
    list[NonEmptyText200] | None,
    Query(
        description="Species label; repeat for several. A human correction wins over the machine label", max_length=100
    ),
]
DateFrom = Annotated[
    str | None,
    Query(
        pattern=DATE_OR_DATETIME_PATTERN,
        description="Capture time from. Images without a capture time are left out of a date range unless "
        "`capture_time=unknown` or `any` asks for them (then their upload time is compared). "
        + DATE_PARAM_DESCRIPTION,
    ),
]
DateTo = Annotated[
    str | None,
    Query(pattern=DATE_OR_DATETIME_PATTERN, description="Capture time up to, inclusive. " + DATE_PARAM_DESCRIPTION),
]

CaptureTimeParam = Annotated[
    CaptureTime | None,
    Query(
        description="`unknown`: only images without an EXIF capture time; `known`: only images with one; `any`: "
        "both, even with a date range (which otherwise keeps only dated images)"
    ),
]


@dataclass(frozen=True)
class ImageQuery:
    project_id: int  # required: every image query is scoped to one project
    camera_ids: tuple[int, ...] = ()
    species: tuple[str, ...] = ()
    statuses: tuple[ImageStatus, ...] = ()
    review_statuses: tuple[ReviewStatus, ...] = ()
    min_confidence: float | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None  # exclusive
    capture_time: CaptureTime | None = None
    sort: ImageSort = "captured_at"
    order: SortOrder = "desc"


async def image_filters(
    scope: Annotated[ProjectScope, Depends(project_scope)],
    camera_id: CameraIds = None,
    species: SpeciesLabels = None,
    status: Annotated[list[ImageStatus] | None, Query(description="Pipeline status; repeatable", max_length=10)] = None,
    review_status: Annotated[
        list[ReviewStatus] | None, Query(description="Review status; repeatable", max_length=10)
    ] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0, le=1, description="Only images with a detection at least this confident")
    ] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    capture_time: CaptureTimeParam = None,
) -> ImageQuery:
    """The gallery's filters without its order: what a count over images (the map's) takes."""
    return ImageQuery(
        project_id=scope.project_id,
        camera_ids=tuple(dict.fromkeys(camera_id or ())),
        species=tuple(dict.fromkeys(species or ())),
        statuses=tuple(dict.fromkeys(status or ())),
        review_statuses=tuple(dict.fromkeys(review_status or ())),
        min_confidence=min_confidence,
        date_from=parse_date_bound(date_from, "date_from", upper=False),
        date_to=parse_date_bound(date_to, "date_to", upper=True),
        capture_time=capture_time,
    )


async def image_query(
    filters: Annotated[ImageQuery, Depends(image_filters)],
    sort: Annotated[
        ImageSort,
        Query(description="captured_at sorts by capture time; images without one come after the dated ones"),
    ] = "captured_at",
    order: Annotated[SortOrder, Query()] = "desc",
) -> ImageQuery:
    return replace(filters, sort=sort, order=order)
