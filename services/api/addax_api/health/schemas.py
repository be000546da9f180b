from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class ComponentHealth(BaseModel):
    ok: bool
    latency_ms: float | None = None
    error: str | None = Field(default=None, description="A short reason; details are in the API's logs")


class QueueHealth(BaseModel):
    ok: bool
    depths: dict[str, int] = Field(description="Messages waiting per pipeline queue")
    in_flight: dict[str, int] = Field(default_factory=dict)
    dead_letters: int | None = None


class HealthOut(BaseModel):
    status: Literal["ok", "degraded"]
    database: ComponentHealth
    redis: ComponentHealth
    storage: ComponentHealth
    queues: QueueHealth
