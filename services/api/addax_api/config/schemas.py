from __future__ import annotations

from pydantic import BaseModel, Field


class MapConfig(BaseModel):
    tile_url: str | None = Field(
        description="Leaflet URL template of the base map tiles ({z}/{x}/{y}, optional {s} sub-domain); "
        "null: no tiles, the map shows a plain background"
    )
    attribution: str = Field(description="HTML credit line of the tile provider (may be empty)")


class ClientConfig(BaseModel):
    map: MapConfig
