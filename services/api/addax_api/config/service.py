"""What the dashboard needs to know about this deployment before (and after) login. Public: only
settings a browser sees anyway (the map tiles it loads), never secrets."""

from __future__ import annotations

from addax_api.config.schemas import ClientConfig, MapConfig
from addax_common.settings import Settings


def client_config(settings: Settings) -> ClientConfig:
    return ClientConfig(
        map=MapConfig(tile_url=settings.map_tile_url.strip() or None, attribution=settings.map_tile_attribution.strip())
    )
