import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy.orm import Session

from addax_api.audit.service import Actor
from addax_api.deps import get_ctx, get_db
from addax_api.errors import error_responses
from addax_api.images.filters import ImageQuery, image_query
from addax_api.images.schemas import (
    BulkReviewRequest,
    BulkReviewResult,
    DetectionOut,
    ImageDetail,
    ImagePage,
    RetryResult,
    ReviewRequest,
    ReviewResult,
    SpeciesCorrection,
    StatusCounts,
)
from addax_api.images.service import ImageService
from addax_api.pagination import PageParam, limit_param
from addax_api.security import AdminUser, AnalystUser, ViewerUser
from addax_api.validation import MAX_INT64
from addax_common.context import ServiceContext
from addax_common.db import ReviewStatus
from addax_common.logging import get_logger
from addax_common.reliable_queue import QUEUE_IMAGE_INGESTED

log = get_logger(__name__)

router = APIRouter(prefix="/api/images", tags=["images"], responses=error_responses(401, 403))

ImageId = Annotated[uuid.UUID, Path(description="Image id")]
DetectionId = Annotated[int, Path(ge=1, le=MAX_INT64)]


def get_service(request: Request, db: Annotated[Session, Depends(get_db)]) -> ImageService:
    return ImageService(db, request.app.state.media, request.app.state.settings.detection_classify_threshold)


Service = Annotated[ImageService, Depends(get_service)]
Filters = Annotated[ImageQuery, Depends(image_query)]


@router.get("", response_model=ImagePage, name="list", summary="Images, filtered, sorted and paginated")
def list_images(
    user: ViewerUser, service: Service, filters: Filters, page: PageParam = 1, limit: limit_param(50, 200) = 50
) -> ImagePage:
    return service.list(filters, page, limit)


@router.get(
    "/status-counts",
    response_model=StatusCounts,
    name="status_counts",
    summary="Images per pipeline status under the same filters (the status filter is ignored)",
)
def status_counts(user: ViewerUser, service: Service, filters: Filters) -> StatusCounts:
    return service.status_counts(filters)


@router.post(
    "/review",
    response_model=BulkReviewResult,
    name="review_bulk",
    summary="Set the review status of many images (analyst)",
)
def review_bulk(body: BulkReviewRequest, request: Request, user: AnalystUser, service: Service) -> BulkReviewResult:
    result = service.review_many(Actor.from_request(request, user), body.image_ids, body.status, body.note)
    service.db.commit()
    return result


@router.get(
    "/{image_id}",
    response_model=ImageDetail,
    name="get",
    summary="One image with detections, classifications and prev/next under the same filters",
    responses=error_responses(404),
)
def get_image(image_id: ImageId, user: ViewerUser, service: Service, filters: Filters) -> ImageDetail:
    return service.detail(image_id, filters)


@router.post(
    "/{image_id}/review",
    response_model=ReviewResult,
    name="review",
    summary="Approve, reject, flag or reset the review of an image (analyst)",
    responses=error_responses(404),
)
def review_image(
    image_id: ImageId, body: ReviewRequest, request: Request, user: AnalystUser, service: Service
) -> ReviewResult:
    result = service.review(Actor.from_request(request, user), image_id, body.status, body.note)
    service.db.commit()
    return result


@router.post(
    "/{image_id}/approve",
    response_model=ReviewResult,
    name="approve",
    summary="Approve an image (analyst); same as review with status=approved",
    responses=error_responses(404),
)
def approve_image(image_id: ImageId, request: Request, user: AnalystUser, service: Service) -> ReviewResult:
    result = service.review(Actor.from_request(request, user), image_id, ReviewStatus.APPROVED, None)
    service.db.commit()
    return result


@router.put(
    "/{image_id}/detections/{detection_id}/species",
    response_model=DetectionOut,
    name="set_species",
    summary="Correct the species of a detection (analyst); stored as a human label beside the machine's",
    responses=error_responses(404),
)
def set_species(
    image_id: ImageId, detection_id: DetectionId, body: SpeciesCorrection, request: Request, user: AnalystUser, service: Service
) -> DetectionOut:
    result = service.correct_species(Actor.from_request(request, user), image_id, detection_id, body.label)
    service.db.commit()
    request.app.state.stats_cache.invalidate()
    return result


@router.delete(
    "/{image_id}/detections/{detection_id}/species",
    response_model=DetectionOut,
    name="reset_species",
    summary="Remove the human species label of a detection (analyst); the machine label counts again",
    responses=error_responses(404),
)
def reset_species(
    image_id: ImageId, detection_id: DetectionId, request: Request, user: AnalystUser, service: Service
) -> DetectionOut:
    result = service.correct_species(Actor.from_request(request, user), image_id, detection_id, None)
    service.db.commit()
    request.app.state.stats_cache.invalidate()
    return result


@router.post(
    "/{image_id}/retry",
    response_model=RetryResult,
    name="retry",
    summary="Send a failed image through the pipeline again (admin)",
    responses=error_responses(404, 409),
)
def retry_image(
    image_id: ImageId,
    request: Request,
    user: AdminUser,
    service: Service,
    ctx: Annotated[ServiceContext, Depends(get_ctx)],
) -> RetryResult:
    result = service.retry(Actor.from_request(request, user), image_id)
    service.db.commit()
    # Enqueued after the commit (ARCHITECTURE §3). If Redis is down the reconciler re-enqueues it later.
    try:
        ctx.queue(QUEUE_IMAGE_INGESTED).push(image_id)
    except Exception as exc:  # noqa: BLE001
        log.warning("retry_enqueue_failed", image_id=str(image_id), error=str(exc))
    return result
