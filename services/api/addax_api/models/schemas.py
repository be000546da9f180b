from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from addax_api.config.schemas import ActiveModel


class InstalledModel(BaseModel):
    """A catalog entry (models/catalog.yaml) whose file is in the models directory or the `models` bucket."""

    name: str
    version: str
    task: Literal["detection", "classification"]
    demo: bool
    license: str
    source: str = Field(description="Where the catalog says it comes from, e.g. 'url: https://...'")
    homepage: str | None
    file: str
    location: Literal["directory", "bucket"]
    size_bytes: int | None
    catalog_sha256: str | None = Field(description="null: nobody has recorded the upstream file's hash yet")
    file_sha256: str | None = Field(description="Of the installed file; null when it could not be read")
    sha256_status: Literal["match", "mismatch", "unknown"] = Field(
        description="match/mismatch against the catalog; unknown when the catalog has no hash"
    )
    active: bool = Field(description="A worker has loaded this file (same name and hash)")


class ExecutionProvider(BaseModel):
    task: Literal["detection", "classification"]
    providers: list[str] = Field(description="ONNX Runtime execution providers of the session, preferred first")
    host: str
    reported_at: datetime


class RuntimeSettingsOut(BaseModel):
    detection_store_threshold: float = Field(description="Detections at or above this are stored")
    detection_classify_threshold: float = Field(description="Animals at or above this are cropped and classified")
    classification_min_score: float = Field(description="Machine species labels below this are not stored")
    classification_rollup_threshold: float = Field(
        description="Summed probability a genus/family/order needs for a low-confidence species to roll up to it"
    )
    blur_people: bool = Field(description="People blurred in thumbnails, crops and images for non-admins")
    ttl_seconds: float = Field(description="Workers and the API pick a change up within this many seconds")
    updated_at: datetime | None
    updated_by_email: str | None


class RuntimeSettingsUpdate(BaseModel):
    """Only the fields given change; the result must keep crop/classify >= store."""

    detection_store_threshold: float | None = Field(None, ge=0, le=1)
    detection_classify_threshold: float | None = Field(None, ge=0, le=1)
    classification_min_score: float | None = Field(None, ge=0, le=1)
    classification_rollup_threshold: float | None = Field(None, ge=0, le=1)
    blur_people: bool | None = None

    model_config = {"extra": "forbid"}


class ModelsOverview(BaseModel):
    installed: list[InstalledModel]
    active: list[ActiveModel] = Field(description="What the detection and classification workers loaded")
    providers: list[ExecutionProvider] = Field(description="Reported by each stage's last started worker")
    settings: RuntimeSettingsOut
    catalog_error: str | None = Field(description="Why the catalog could not be read; null when it was")


class ReprocessRequest(BaseModel):
    stages: Literal["detection", "classification"] = Field(
        "detection",
        description="detection: detect and classify again; classification: classify the existing crops again",
    )


class ReprocessJobOut(BaseModel):
    id: int
    project_slug: str
    stages: Literal["detection", "classification"]
    total: int = Field(description="Images sent back through the pipeline")
    done: int = Field(description="Of those, completed since the job started")
    failed: int
    skipped: int = Field(description="Matched the filter but were still in the pipeline, failed or rejected")
    state: Literal["running", "finished"]
    detector: str | None = Field(description="name@version active when the job started")
    classifier: str | None
    filters: dict[str, object]
    created_at: datetime
    created_by_email: str | None
