from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from sqlalchemy.orm import Session

from addax_api.deps import get_db
from addax_api.models import service
from addax_api.models.schemas import (
    ModelsOverview,
    ReprocessJobOut,
    ReprocessRequest,
    RuntimeSettingsOut,
    RuntimeSettingsUpdate,
)
from addax_api.queries.filters import ImageQuery, image_query
from addax_api.scope import SIGNED_IN_RESPONSES, ProjectAdmin, project_scoped_router
from addax_api.security import AdminUser
from addax_api.uow import UoW
from addax_api.validation import MAX_INT32

router = APIRouter(prefix="/api/models", tags=["models"], responses=SIGNED_IN_RESPONSES)
project_router = project_scoped_router("/reprocess", "models")

DB = Annotated[Session, Depends(get_db)]
JobLimit = Annotated[int, Query(ge=1, le=100, description="Newest jobs first, at most this many")]


@router.get(
    "",
    name="overview",
    summary="Installed models with provenance and hash check, the active models, execution providers and "
    "the run-time thresholds (admin)",
)
def get_overview(user: AdminUser, db: DB, request: Request) -> ModelsOverview:
    state = request.app.state
    return service.overview(db, state.settings, state.ctx.storage, state.ctx.redis)


@router.put(
    "/settings",
    name="update_settings",
    summary="Change thresholds or people blurring at run time (admin); workers pick it up within the TTL",
)
def update_settings(body: RuntimeSettingsUpdate, user: AdminUser, uow: UoW) -> RuntimeSettingsOut:
    return service.update_settings(uow, uow.state.settings, body)


@router.get(
    "/reprocess-jobs",
    name="reprocess_jobs",
    summary="Reprocess jobs of every project with their progress (admin)",
)
def all_jobs(user: AdminUser, db: DB, limit: JobLimit = 20) -> list[ReprocessJobOut]:
    return service.list_jobs(db, None, limit)


@project_router.post(
    "",
    status_code=202,
    name="start",
    summary="Send the images under the gallery filters (all when none) through detection and/or "
    "classification again with the active models (project admin); human labels and reviews are kept",
)
def start(
    body: ReprocessRequest, scope: ProjectAdmin, uow: UoW, filters: Annotated[ImageQuery, Depends(image_query)]
) -> ReprocessJobOut:
    return service.start_reprocess(uow, scope, filters, body.stages)


@project_router.get("", name="list", summary="The project's reprocess jobs (project admin)")
def project_jobs(scope: ProjectAdmin, db: DB, limit: JobLimit = 20) -> list[ReprocessJobOut]:
    return service.list_jobs(db, scope.project_id, limit)


@project_router.get(
    "/{job_id}", name="get", summary="One reprocess job and its progress (project admin)"
)
def get_job(
    job_id: Annotated[int, Path(ge=1, le=MAX_INT32)], scope: ProjectAdmin, db: DB
) -> ReprocessJobOut:
    return service.get_job(db, scope.project_id, job_id)
