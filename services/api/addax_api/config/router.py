from fastapi import APIRouter, Request

from addax_api.config import service
from addax_api.config.schemas import ClientConfig

router = APIRouter(prefix="/api/config", tags=["config"])


@router.get(
    "",
    name="get",
    summary="Deployment settings the dashboard reads at runtime: the map tiles, the active models (public)",
)
def get_config(request: Request) -> ClientConfig:
    return service.client_config(request.app.state.settings, request.app.state.ctx.redis)
