"""Pipeline events on the Redis pub/sub channel `events` (ARCHITECTURE §7).

Events are notifications for live views; losing one loses no data (the database has it all).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import redis

EVENTS_CHANNEL = "events"
IMAGE_INGESTED = "image_ingested"
DETECTION_COMPLETE = "detection_complete"
CLASSIFICATION_COMPLETE = "classification_complete"
IMAGE_FAILED = "image_failed"
# An upload that is no photo (or a corrupt one) was quarantined with its reason: the gallery's
# rejected count changes, and a camera sending junk is worth a glance.
IMAGE_REJECTED = "image_rejected"
ALERT_FIRED = "alert_fired"
CAMERA_STATUS = "camera_status"
# An admin changed the run-time settings: every API process re-reads them (RuntimeSettings.invalidate).
RUNTIME_SETTINGS_CHANGED = "runtime_settings_changed"
EVENT_TYPES = (
    IMAGE_INGESTED, DETECTION_COMPLETE, CLASSIFICATION_COMPLETE, IMAGE_FAILED, IMAGE_REJECTED, ALERT_FIRED, CAMERA_STATUS,
    RUNTIME_SETTINGS_CHANGED,
)


class EventPublisher:
    def __init__(self, client: redis.Redis, prefix: str = "") -> None:
        self.redis = client
        self.channel = f"{prefix}{EVENTS_CHANNEL}"

    @staticmethod
    def event(
        event_type: str,
        *,
        project_id: int | None,
        image_id: Any = None,
        camera_id: int | None = None,
        **payload: Any,
    ) -> dict[str, Any]:
        """Build an event. `project_id` is required (None only when the publisher cannot know it): the
        API sends each event only to members of its project."""
        if event_type not in EVENT_TYPES:
            raise ValueError(f"unknown event type {event_type!r}")
        return {
            "type": event_type,
            "project_id": project_id,
            "image_id": str(image_id) if image_id is not None else None,
            "camera_id": camera_id,
            "time": datetime.now(UTC).isoformat(),
            **payload,
        }

    def publish(
        self,
        event_type: str,
        *,
        project_id: int | None,
        image_id: Any = None,
        camera_id: int | None = None,
        **payload: Any,
    ) -> dict[str, Any]:
        """Publish an event (see `event`)."""
        event = self.event(event_type, project_id=project_id, image_id=image_id, camera_id=camera_id, **payload)
        self.publish_many([event])
        return event

    def publish_many(self, events: list[dict[str, Any]]) -> None:
        """Events built with `event()`, in one round trip."""
        if not events:
            return
        try:
            pipe = self.redis.pipeline(transaction=False)
            for event in events:
                pipe.publish(self.channel, json.dumps(event, default=str))
            pipe.execute()
        except redis.RedisError:
            # Live updates are best effort; the committed rows are the record.
            from addax_common.logging import get_logger

            get_logger(__name__).warning("event_publish_failed", event_type=events[0]["type"],
                                         image_id=events[0]["image_id"], count=len(events))


def decode_event(raw: bytes | str) -> dict[str, Any] | None:
    try:
        event = json.loads(raw)
    except (ValueError, TypeError):
        return None
    return event if isinstance(event, dict) and event.get("type") in EVENT_TYPES else None
