import uuid
from collections.abc import Callable, Hashable
from typing import Annotated

from fastapi import Depends, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel
from sqlalchemy.orm import Session

from addax_api.deps import get_db, get_settings
from addax_api.errors import Forbidden, error_responses
from addax_api.images import service
from addax_api.images.schemas import (
    BulkReviewRequest,
    BulkReviewResult,
    BulkSpeciesRequest,
    BulkSpeciesResult,
    DetectionOut,
    ImageDetail,
    ImagePage,
    ListGrouping,
    RetryResult,
    ReviewRequest,
    ReviewResult,
    SequenceDetail,
    SequenceReviewResult,
    SpeciesCorrection,
    StatusCounts,
)
from addax_api.images.service import Presentation, presentation
from addax_api.pagination import Limit200, PageParam
from addax_api.queries.filters import ImageQuery, image_query
from addax_api.response_cache import ResponseCache, request_answer_version
from addax_api.scope import ProjectAdmin, ProjectAnalyst, ProjectViewer, project_scoped_router
from addax_api.uow import UoW
from addax_api.validation import MAX_INT64
from addax_common.db import ReviewStatus, UserRole
from addax_common.settings import Settings

router = project_scoped_router("/images", "images")

sequences_router = project_scoped_router("/sequences", "sequences")

ImageId = Annotated[uuid.UUID, Path(description="Image id")]
SequenceId = Annotated[uuid.UUID, Path(description="Sequence id: the image id of its first frame")]
DetectionId = Annotated[int, Path(ge=1, le=MAX_INT64)]


DB = Annotated[Session, Depends(get_db)]
View = Annotated[Presentation, Depends(presentation)]
Filters = Annotated[ImageQuery, Depends(image_query)]
AppSettings = Annotated[Settings, Depends(get_settings)]


@router.get(
    "",
    name="list",
    summary="Images, filtered, sorted and paginated; or one item per sequence",
    description="With `group=sequence` each item is one sequence with at least one image matching the filters: "
    "the item is the sequence's matching frame that comes first in the requested order (its `sequence_id` and "
    "`frame_count` name the whole sequence), sequences are ordered and paged by that frame, and `total` counts "
    "sequences.",
    response_model=ImagePage,  # answered as cached JSON (response_cache.py)
)
async def list_images(
    request: Request,
    scope: ProjectViewer,
    db: DB,
    view: View,
    filters: Filters,
    page: PageParam = 1,
    limit: Limit200 = 50,
    group: Annotated[
        ListGrouping, Query(description="`image` (default) or `sequence`: one item per sequence")
    ] = "image",
) -> Response:
    key = ("images", filters, page, limit, group, view.threshold, view.blur_people)
    return await cached_json(request, db, scope.project_id, key, lambda session: service.list_page(session, view, filters, page, limit, group))


@router.get(
    "/status-counts",
    name="status_counts",
    summary="Images per pipeline status under the same filters (the status filter is ignored)",
    response_model=StatusCounts,  # answered as cached JSON (response_cache.py)
)
async def status_counts(request: Request, scope: ProjectViewer, db: DB, filters: Filters) -> Response:
    return await cached_json(request, db, scope.project_id, ("status-counts", filters), lambda session: service.status_counts(session, filters))


async def cached_json(
    request: Request, db: Session, project_id: int, key: Hashable, compute: Callable[[Session], BaseModel]
) -> Response:
    """A kept answer (of `project_id`, under its versions) straight from the event loop (an aged one is
    recomputed in the background, in a session of its own); otherwise computed, or waited for, in a
    thread with the request's session."""
    cache: ResponseCache = request.app.state.response_cache
    version = await request_answer_version(request, project_id)
    body, refresh = cache.kept(version, key)
    if refresh and version is not None:
        sessions = request.app.state.ctx.sessions

        def recompute() -> BaseModel:
            with sessions() as own:
                return compute(own)

        cache.refresh_soon(version, key, recompute)
    if body is None:
        body = await run_in_threadpool(cache.answer, version, key, lambda: compute(db))
    return Response(body, media_type="application/json")


@router.post(
    "/review",
    name="review_bulk",
    summary="Set the review status of many images (analyst)",
)
def review_bulk(body: BulkReviewRequest, scope: ProjectAnalyst, uow: UoW) -> BulkReviewResult:
    return service.review_many(uow, scope, body.image_ids, body.status, body.note)


@router.post(
    "/species",
    name="species_bulk",
    summary="Give every animal detection of many images one species label from the list (analyst)",
)
def species_bulk(
    body: BulkSpeciesRequest, scope: ProjectAnalyst, uow: UoW, view: View, settings: AppSettings
) -> BulkSpeciesResult:
    return service.correct_species_many(uow, scope, view, body.image_ids, body.label, settings)


@sequences_router.get(
    "/{sequence_id}",
    name="get",
    summary="The frames of a sequence, in capture order",
)
def get_sequence(sequence_id: SequenceId, scope: ProjectViewer, db: DB, view: View) -> SequenceDetail:
    return service.sequence(db, view, scope.project_id, sequence_id)


@sequences_router.post(
    "/{sequence_id}/review",
    name="review",
    summary="Set the review status of every frame of a sequence (analyst)",
)
def review_sequence(
    sequence_id: SequenceId, body: ReviewRequest, scope: ProjectAnalyst, uow: UoW
) -> SequenceReviewResult:
    return service.review_sequence(uow, scope, sequence_id, body.status, body.note)


@router.get(
    "/{image_id}",
    name="get",
    summary="One image with detections, classifications and prev/next under the same filters",
)
def get_image(
    image_id: ImageId,
    scope: ProjectViewer,
    uow: UoW,
    view: View,
    filters: Filters,
    original: Annotated[
        bool,
        Query(description="Project admins: the original with people unblurred (audited); others get 403"),
    ] = False,
) -> ImageDetail:
    if original and not scope.allows(UserRole.ADMIN):
        raise Forbidden("only project admins may see the original of an image")
    return service.detail(uow.db, view, image_id, filters, original_for=uow.actor if original else None)


@router.post(
    "/{image_id}/review",
    name="review",
    summary="Approve, reject, flag or reset the review of an image (analyst)",
)
def review_image(image_id: ImageId, body: ReviewRequest, scope: ProjectAnalyst, uow: UoW) -> ReviewResult:
    return service.review(uow, scope, image_id, body.status, body.note)


@router.post(
    "/{image_id}/approve",
    name="approve",
    summary="Approve an image (analyst); same as review with status=approved",
)
def approve_image(image_id: ImageId, scope: ProjectAnalyst, uow: UoW) -> ReviewResult:
    return service.review(uow, scope, image_id, ReviewStatus.APPROVED, None)


@router.put(
    "/{image_id}/detections/{detection_id}/species",
    name="set_species",
    summary="Correct the species of a detection (analyst); stored as a human label beside the machine's",
    description="The label must be in the project's species list (GET .../species-labels); any other is a 422 naming it.",
)
def set_species(
    image_id: ImageId,
    detection_id: DetectionId,
    body: SpeciesCorrection,
    scope: ProjectAnalyst,
    uow: UoW,
    view: View,
    settings: AppSettings,
) -> DetectionOut:
    return service.correct_species(uow, scope, view, image_id, detection_id, body.label, settings)


@router.delete(
    "/{image_id}/detections/{detection_id}/species",
    name="reset_species",
    summary="Remove the human species label of a detection (analyst); the machine label counts again",
)
def reset_species(
    image_id: ImageId, detection_id: DetectionId, scope: ProjectAnalyst, uow: UoW, view: View, settings: AppSettings
) -> DetectionOut:
    return service.correct_species(uow, scope, view, image_id, detection_id, None, settings)


@router.post(
    "/{image_id}/retry",
    name="retry",
    summary="Send a failed image through the pipeline again (project admin)",
    responses=error_responses(409),
)
def retry_image(image_id: ImageId, scope: ProjectAdmin, uow: UoW) -> RetryResult:
    return service.retry(uow, scope, image_id)
