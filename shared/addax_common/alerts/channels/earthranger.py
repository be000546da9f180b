"""EarthRanger: an event (`POST /api/v1.0/activity/events`) with its type, time, location and the
species details, authenticated with a bearer token. One destination: no recipients."""

from __future__ import annotations

from typing import Any

from addax_common.alerts.channels.base import Channel, Receipt, check_url, json_or_empty, raise_if
from addax_common.alerts.render import Notification


class EarthRangerChannel(Channel):
    kind = "earthranger"
    has_recipients = False
    secret_names = ("token",)

    def validate(self) -> None:
        errors: list[tuple[str, str]] = []
        check_url(errors, "base_url", self.settings.get("base_url"))
        priority = self.settings.get("priority", 200)
        if priority not in (0, 100, 200, 300):
            errors.append(("priority", "EarthRanger priorities are 0, 100 (green), 200 (amber) and 300 (red)"))
        raise_if(errors)

    def event(self, notification: Notification) -> dict[str, object]:
        data = notification.data
        species = data.get("species") or []
        body: dict[str, object] = {
            "event_type": self.settings.get("event_type", "wildlife_sighting_rep"),
            "title": notification.subject.removeprefix("[AddaxAI] ")[:255],
            "time": data.get("captured_at") or notification.fired_at.isoformat(),
            "priority": self.settings.get("priority", 200),
            "event_details": {
                "species": ", ".join(item["label"] for item in species) or None,
                "numberanimals": sum(int(item["count"]) for item in species) or None,
                "camera": data.get("camera_name"),
                "reason": data.get("reason"),
                "alert_id": notification.alert_id,
                "image_id": data.get("image_id"),
                "link": data.get("link"),
            },
        }
        if notification.location is not None:
            lat, lon = notification.location
            body["location"] = {"latitude": lat, "longitude": lon}
        return body

    def send(self, notification: Notification, recipient: str) -> Receipt:  # noqa: ARG002 - one destination
        url = f"{str(self.settings['base_url']).rstrip('/')}/api/v1.0/activity/events"
        response = self.post(url, json=self.event(notification),
                             headers={"Authorization": f"Bearer {self.secret('token')}"})
        answer = json_or_empty(response)
        data = answer.get("data")
        created: dict[str, Any] = data if isinstance(data, dict) else {}
        return Receipt(provider_id=str(created.get("id")) if created.get("id") else None,
                       status_code=response.status_code)
