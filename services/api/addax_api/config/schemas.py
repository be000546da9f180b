from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class MapConfig(BaseModel):
    tile_url: str | None = Field(
        description="Leaflet URL template of the base map tiles ({z}/{x}/{y}, optional {s} sub-domain); "
        "null: no tiles, the map shows a plain background"
    )
    attribution: str = Field(description="HTML credit line of the tile provider (may be empty)")


class ActiveModel(BaseModel):
    """A model an inference worker loaded, with its provenance (models/catalog.yaml, ONNX metadata)."""

    task: Literal["detection", "classification"]
    name: str
    version: str
    sha256: str = Field(description="Of the model file the worker loaded")
    license: str
    source: str = Field(description="Where it comes from, e.g. 'url: https://...' or 'build: addax_models.build_demo'")
    demo: bool = Field(description="A stand-in that finds the coloured shapes of the demo photos, not animals")


class ModelsConfig(BaseModel):
    demo: bool = Field(description="True while any active model is a demo model: the dashboard shows a banner")
    demo_models: list[str] = Field(description="name@version of each active demo model")
    active: list[ActiveModel] = Field(
        description="What the detection and classification workers loaded at their last start; "
        "empty until one has started"
    )


class ClientConfig(BaseModel):
    map: MapConfig
    models: ModelsConfig
