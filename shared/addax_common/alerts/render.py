"""One rendering of a fired alert for every channel: subject, plain text, HTML, thumbnail and data.

Channels only format what is here (an e-mail uses subject + both bodies, Telegram the text as a
caption, EarthRanger and the webhook the structured `data`), so a message reads the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from typing import Any


@dataclass(frozen=True)
class Notification:
    alert_id: int
    kind: str  # match, health, silent, system, digest
    subject: str
    text: str
    html: str
    fired_at: datetime
    # Unique per alert x channel x recipient; receivers that honour one drop a repeat.
    idempotency_key: str
    data: dict[str, Any] = field(default_factory=dict)
    thumbnail: bytes | None = None
    thumbnail_name: str = "alert.jpg"

    @property
    def location(self) -> tuple[float, float] | None:
        """(latitude, longitude) of the camera, when known."""
        loc = self.data.get("location")
        if isinstance(loc, dict) and loc.get("lat") is not None and loc.get("lon") is not None:
            return float(loc["lat"]), float(loc["lon"])
        return None


def species_phrase(species: list[dict[str, Any]]) -> str:
    return ", ".join(f"{item['count']} x {item['label']}" for item in species) or "no species"


def summary_line(payload: dict[str, Any]) -> str:
    """One line about one alert: used as a digest entry and as the body's first line."""
    when = payload.get("local_time") or payload.get("fired_at") or ""
    if payload.get("headline"):  # a system-health alert: about the server, not a camera
        return f"{payload['headline']} ({when})"
    camera = payload.get("camera_name") or "unknown camera"
    if payload.get("species"):
        return f"{species_phrase(payload['species'])} at {camera} ({when})"
    return f"{payload.get('reason', 'alert')} at {camera} ({when})"


def render(*, alert_id: int, kind: str, reason: str, payload: dict[str, Any], fired_at: datetime,
           idempotency_key: str, thumbnail: bytes | None, base_url: str = "") -> Notification:
    rule = payload.get("rule_name", "alert rule")
    link = f"{base_url.rstrip('/')}/images/{payload['image_id']}" if base_url and payload.get("image_id") else ""
    if kind == "digest":
        items: list[dict[str, Any]] = payload.get("items", [])
        subject = f"[AddaxAI] {rule}: {len(items)} alert{'s' if len(items) != 1 else ''} since the last digest"
        lines = [summary_line(item) for item in items]
        text = f"{subject}\n\n" + "\n".join(f"- {line}" for line in lines)
        html = (f"<h2>{escape(subject)}</h2><ul>"
                + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>")
    else:
        headline = summary_line({**payload, "reason": reason})
        subject = f"[AddaxAI] {rule}: {headline}"
        details = [("Rule", rule), ("Camera", payload.get("camera_name") or "unknown"), ("Why", reason)]
        if kind == "system":
            details.pop(1)
        if payload.get("local_time"):
            details.append(("Time (camera)", str(payload["local_time"])))
        if payload.get("location"):
            details.append(("Location", f"{payload['location']['lat']:.5f}, {payload['location']['lon']:.5f}"))
        if link:
            details.append(("Open", link))
        text = headline + "\n\n" + "\n".join(f"{name}: {value}" for name, value in details)
        rows = "".join(f"<tr><th align='left'>{escape(name)}</th><td>{escape(str(value))}</td></tr>"
                       for name, value in details)
        image = "<p><img src='cid:thumbnail' alt='camera image' width='400'></p>" if thumbnail else ""
        html = f"<h2>{escape(headline)}</h2>{image}<table>{rows}</table>"
    data = {"alert_id": alert_id, "kind": kind, "reason": reason, "fired_at": fired_at.isoformat(), **payload}
    if link:
        data["link"] = link
    return Notification(
        alert_id=alert_id, kind=kind, subject=subject[:250], text=text, html=html, fired_at=fired_at,
        idempotency_key=idempotency_key, data=data, thumbnail=thumbnail,
        thumbnail_name=f"{payload.get('image_id') or alert_id}.jpg",
    )
