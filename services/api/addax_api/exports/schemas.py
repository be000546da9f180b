from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class ImportResult(BaseModel):
    """What an import added to the project."""

    format: Literal["camtrap-dp", "megadetector"]
    cameras: int = Field(description="Cameras created (existing cameras of the same name are reused)")
    deployments: int
    images: int
    detections: int
    machine_labels: int
    human_labels: int = Field(description="Human species corrections (Camtrap DP classificationMethod=human)")
