"""What the dashboard needs to know about this deployment before (and after) login. Public: only
settings a browser sees anyway (the map tiles it loads) and which models run (so nobody mistakes a
demo model's boxes for real detections), never secrets."""

from __future__ import annotations

from dataclasses import asdict

import redis

from addax_api.config.schemas import ActiveModel, ClientConfig, MapConfig, ModelsConfig
from addax_common import active_models
from addax_common.logging import get_logger
from addax_common.settings import Settings

log = get_logger(__name__)


def client_config(settings: Settings, client: redis.Redis) -> ClientConfig:
    return ClientConfig(
        map=MapConfig(
            tile_url=settings.map_tile_url.strip() or None, attribution=settings.map_tile_attribution.strip()
        ),
        models=models_config(settings, client),
    )


def models_config(settings: Settings, client: redis.Redis) -> ModelsConfig:
    try:
        models = active_models.active(client, settings.redis_prefix)
    except redis.RedisError as exc:  # the map settings still matter more than a missing model list
        log.warning("active_models_unavailable", error=str(exc))
        models = []
    return ModelsConfig(
        demo=any(m.demo for m in models),
        demo_models=[m.ref for m in models if m.demo],
        active=[ActiveModel(**asdict(m)) for m in models],
    )
