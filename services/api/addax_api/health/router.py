from typing import Annotated

from fastapi import APIRouter, Depends, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST

from addax_api.deps import get_ctx
from addax_api.health import service
from addax_api.health.schemas import HealthOut
from addax_api.metrics import exposition
from addax_common.context import ServiceContext

router = APIRouter(tags=["health"])


@router.get(
    "/api/health",
    name="check",
    summary="Database, Redis, storage and queue health (public; 503 when degraded)",
    responses={503: {"model": HealthOut, "description": "A dependency is down"}},
)
async def health(response: Response, ctx: Annotated[ServiceContext, Depends(get_ctx)]) -> HealthOut:
    result = await run_in_threadpool(service.check, ctx)
    if result.status != "ok":
        response.status_code = 503
    response.headers["Cache-Control"] = "no-store"
    return result


@router.get(
    "/metrics",
    name="metrics",
    summary="Prometheus metrics (public; keep it off the internet at the proxy)",
    response_class=PlainTextResponse,
    responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}, "description": "Prometheus text format"}},
)
async def metrics(ctx: Annotated[ServiceContext, Depends(get_ctx)]) -> Response:
    data = await run_in_threadpool(exposition, ctx)
    return Response(data, media_type=CONTENT_TYPE_LATEST)
