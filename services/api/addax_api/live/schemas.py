from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class LiveEvent(BaseModel):
    """A message on /api/updates: a pipeline event as published on the Redis `events` channel, plus
    `camera_name`; or `{"type": "connected"}` after authentication, or `{"type": "ping"}` keep-alives.
    Unknown fields and types may appear; clients ignore what they do not know."""

    model_config = ConfigDict(extra="allow")

    type: Literal[
        "connected",
        "ping",
        "image_ingested",
        "detection_complete",
        "classification_complete",
        "image_failed",
        "alert_fired",
        "camera_status",
    ]
    image_id: str | None = None
    camera_id: int | None = None
    camera_name: str | None = None
    time: str | None = None
