"""Camtrap DP 1.0.2 (https://camtrap-dp.tdwg.org): the vendored profile and table schemas
(addax_common/data/camtrap_dp, never fetched at run time) and the rows an export writes.

Mapping (docs/exports.md):
* a deployment -> deployments.csv; cameraID is the camera's name; timezone, clock offset and bait text
  go in deploymentTags (`timezone:Europe/Amsterdam | clockOffsetSeconds:0 | bait:peanut butter`), so an
  import restores them. A running deployment ends at its last exported capture time + 1 s;
* an image -> media.csv; mediaID is the image id, timestamps in the deployment's timezone;
* a detection at or above the display threshold -> a media-level observation `<mediaID>_<index>` with a
  normalised bbox: `classificationMethod=machine` with the classifier (or, unclassified, the detector)
  as classifiedBy and its probability, or `classificationMethod=human` with the reviewer when a person
  corrected the species (the machine's label then stays in observationTags); a completed image without
  a shown detection -> one `blank` observation;
* each independent event (addax_common.ecology.events: photos of one species at one deployment, a new
  event when more than the project's independence interval after the previous one) -> an event-level
  observation `event-<first observation id>` whose `count` is the largest group in one photo; every
  media-level observation of the event carries its id as eventID.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any, cast
from zoneinfo import ZoneInfo

from addax_common.ecology import Event, Observation, iter_events

VERSION = "1.0.2"
BASE_URL = f"https://raw.githubusercontent.com/tdwg/camtrap-dp/{VERSION}"
PROFILE_URL = f"{BASE_URL}/camtrap-dp-profile.json"
TABLES = ("deployments", "media", "observations")
SCHEMA_FILES = {
    PROFILE_URL: "camtrap-dp-profile.json",
    **{f"{BASE_URL}/{table}-table-schema.json": f"{table}-table-schema.json" for table in TABLES},
}
CATEGORY_TYPE = {"animal": "animal", "person": "human", "vehicle": "vehicle"}
TYPE_CATEGORY = {v: k for k, v in CATEGORY_TYPE.items()}
UTC_ZONE = ZoneInfo("UTC")


def schema_url(table: str) -> str:
    return f"{BASE_URL}/{table}-table-schema.json"


@cache
def vendored(filename: str) -> dict[str, Any]:
    """A vendored Camtrap DP file (profile or table schema), parsed."""
    data = resources.files("addax_common").joinpath("data", "camtrap_dp", filename).read_text("utf-8")
    return dict(json.loads(data))


def table_schema(table: str) -> dict[str, Any]:
    return vendored(f"{table}-table-schema.json")


def columns(table: str) -> list[str]:
    return [f["name"] for f in table_schema(table)["fields"]]


def timestamp(value: datetime, tz: ZoneInfo | None = None) -> str:
    """`%Y-%m-%dT%H:%M:%S%z` as the table schemas declare (no fractions), with the offset."""
    return value.astimezone(tz or UTC).replace(microsecond=0).isoformat()


def number(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def _tag_value(value: Any) -> str:
    return str(value).replace("|", "/").strip()


def tags(**values: Any) -> str:
    return " | ".join(f"{key}:{_tag_value(v)}" for key, v in values.items() if v is not None and v != "")


def parse_tags(text: str | None) -> dict[str, str]:
    result: dict[str, str] = {}
    for part in (text or "").split("|"):
        key, sep, value = part.strip().partition(":")
        if sep and key.strip():
            result[key.strip()] = value.strip()
    return result


def zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ValueError, OSError, KeyError):
        return ZoneInfo("UTC")


def deployment_row(row: Any) -> dict[str, Any]:
    d = row.Deployment
    tz = zone(d.timezone)
    end = d.end_at if d.end_at is not None else max(d.start_at, row.last) + timedelta(seconds=1)
    return {
        "deploymentID": str(d.id),
        "locationName": d.location_name or "",
        "latitude": number(row.lat),
        "longitude": number(row.lon),
        "deploymentStart": timestamp(d.start_at, tz),
        "deploymentEnd": timestamp(end, tz),
        "cameraID": row.camera_name,
        "cameraModel": row.camera_model or "",
        "cameraHeight": number(d.camera_height_m),
        "timestampIssues": "false",
        "baitUse": "true" if d.bait else "false",
        "featureType": d.feature_type or "",
        "habitat": d.habitat or "",
        "deploymentTags": tags(timezone=d.timezone, clockOffsetSeconds=d.clock_offset_seconds, bait=d.bait),
        "deploymentComments": d.notes or "",
    }


def media_row(row: Any, tz: ZoneInfo, file_path: str, public: bool) -> dict[str, Any]:
    return {
        "mediaID": str(row.id),
        "deploymentID": str(row.deployment_id),
        "captureMethod": "activityDetection",
        "timestamp": timestamp(row.captured_at, tz),
        "filePath": file_path,
        "filePublic": "true" if public else "false",
        "fileName": row.original_filename,
        "fileMediatype": row.mime_type or "image/jpeg",
    }


def event_row(event: Event, tz: ZoneInfo, kind: str, observations: list[dict[str, Any]]) -> dict[str, Any]:
    """The event-level observation of an independent event: `count` is its largest group in one photo;
    classified by a person when any of its photos was, else by the machine with its best probability."""
    human = next((o for o in observations if o["classificationMethod"] == "human"), None)
    probabilities = [float(o["classificationProbability"]) for o in observations if o.get("classificationProbability")]
    return {
        "observationID": observations[0]["eventID"],
        "deploymentID": observations[0]["deploymentID"],
        "eventID": observations[0]["eventID"],
        "eventStart": timestamp(event.start, tz),
        "eventEnd": timestamp(event.end, tz),
        "observationLevel": "event",
        "observationType": kind,
        "scientificName": event.species,
        "count": str(event.max_count),
        "classificationMethod": "human" if human else "machine",
        "classifiedBy": (human or observations[0]).get("classifiedBy", ""),
        "classificationProbability": "" if human or not probabilities else number(max(probabilities)),
    }


@dataclass
class ObservationWriter:
    """Media-level observations from detection rows ordered by deployment, category, label, time and
    image, and in the same pass the event-level observations of the independent events
    (addax_common.ecology.iter_events, the definition the statistics use). The media-level rows of the
    event being grouped wait in `_pending` until its end is known: memory is one event."""

    interval: timedelta
    zones: dict[int, ZoneInfo]
    taxa: set[str] = field(default_factory=set)
    _pending: deque[list[dict[str, Any]]] = field(default_factory=deque)

    def _observations(self, rows: Iterator[Any]) -> Iterator[Observation]:
        """One Observation per image x (deployment, type, label), its media-level rows kept aside."""
        key: tuple[Any, ...] | None = None
        group: list[dict[str, Any]] = []
        first: Any = None
        for row in rows:
            obs = _media_observation(row, self.zones.get(row.deployment_id, UTC_ZONE))
            if row.label:
                self.taxa.add(row.label)
            row_key = (row.deployment_id, obs["observationType"], row.label, row.image_id)
            if row_key != key and group:
                yield self._observation(first, group)
                group = []
            if not group:
                key, first = row_key, row
            group.append(obs)
        if group:
            yield self._observation(first, group)

    def _observation(self, row: Any, group: list[dict[str, Any]]) -> Observation:
        self._pending.append(group)
        return Observation(
            deployment_id=(row.deployment_id, group[0]["observationType"]), species=row.label or "",
            timestamp=row.captured_at, image_id=row.image_id, count=len(group),
        )  # fmt: skip

    def rows(self, detections: Iterator[Any]) -> Iterator[dict[str, Any]]:
        for event in iter_events(self._observations(detections), self.interval):
            deployment_id, kind = cast(tuple[int, str], event.deployment_id)
            members = [obs for _ in event.image_ids for obs in self._pending.popleft()]
            event_id = f"event-{members[0]['observationID']}"
            for obs in members:
                obs["eventID"] = event_id
            yield from members
            yield event_row(event, self.zones.get(deployment_id, UTC_ZONE), kind, members)


def blank_row(row: Any, tz: ZoneInfo) -> dict[str, Any]:
    """A completed image without a shown detection."""
    return {**_base(row, tz, f"{row.image_id}_blank", "blank"), "classificationMethod": "machine"}


def _base(row: Any, tz: ZoneInfo, observation_id: str, kind: str) -> dict[str, Any]:
    when = timestamp(row.captured_at, tz)
    return {
        "observationID": observation_id,
        "deploymentID": str(row.deployment_id),
        "mediaID": str(row.image_id),
        "eventStart": when,
        "eventEnd": when,
        "observationLevel": "media",
        "observationType": kind,
    }


def _media_observation(row: Any, tz: ZoneInfo) -> dict[str, Any]:
    category = getattr(row.category, "value", row.category)
    obs = _base(row, tz, f"{row.image_id}_{row.index}", CATEGORY_TYPE.get(category, "unknown"))
    obs.update(
        scientificName=row.label or "",
        count="1",
        bboxX=number(row.bbox_x),
        bboxY=number(row.bbox_y),
        bboxWidth=number(max(row.bbox_w, 1e-6)),
        bboxHeight=number(max(row.bbox_h, 1e-6)),
    )
    detection = {"detectionConfidence": number(row.confidence), "detectedBy": row.detector}
    if row.human_label is not None:
        obs.update(
            classificationMethod="human",
            classifiedBy=row.reviewer or "reviewer",
            classificationTimestamp=timestamp(row.human_at) if row.human_at else "",
            classificationProbability="",
            observationTags=tags(
                **detection,
                machineLabel=row.machine_label,
                machineProbability=number(row.machine_score),
                classifier=row.classifier,
            ),
        )
    elif row.machine_label is not None:
        obs.update(
            classificationMethod="machine",
            classifiedBy=row.classifier,
            classificationTimestamp=timestamp(row.machine_at) if row.machine_at else "",
            classificationProbability=number(row.machine_score),
            observationTags=tags(**detection),
        )
    else:
        obs.update(
            classificationMethod="machine",
            classifiedBy=row.detector,
            classificationProbability=number(row.confidence),
            observationTags=tags(**detection),
        )
    return obs


def descriptor(
    project: Any, created: datetime, contact: str, deployments: list[dict[str, Any]], taxa: set[str], media_public: bool
) -> dict[str, Any]:
    lats = [float(d["latitude"]) for d in deployments] or [0.0]
    lons = [float(d["longitude"]) for d in deployments] or [0.0]
    starts = [d["deploymentStart"][:10] for d in deployments] or [created.date().isoformat()]
    ends = [d["deploymentEnd"][:10] for d in deployments] or [created.date().isoformat()]
    w, e, s, n = min(lons), max(lons), min(lats), max(lats)
    spatial: dict[str, Any] = (
        {"type": "Point", "coordinates": [w, s]}
        if (w, s) == (e, n)
        else {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}
    )
    return {
        "profile": PROFILE_URL,
        "name": f"{project.slug}-camtrap-dp",
        "created": created.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "title": f"{project.name}: camera trap data",
        "description": "Exported from AddaxAI Connect. Media files are "
        + ("included in the package (media/)." if not media_public else "linked by time-limited signed URLs."),
        "contributors": [{"title": contact, "role": "contact"}],
        "sources": [{"title": "AddaxAI Connect"}],
        "project": {
            "id": project.slug,
            "title": project.name,
            "description": project.description or "",
            "samplingDesign": "opportunistic",
            "captureMethod": ["activityDetection"],
            "individualAnimals": False,
            "observationLevel": ["media", "event"],
        },
        "spatial": spatial,
        "temporal": {"start": min(starts), "end": max(ends)},
        "taxonomic": [{"scientificName": name} for name in sorted(taxa)],
        "resources": [
            {
                "name": table,
                "path": f"{table}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema_url(table),
            }
            for table in TABLES
        ],
    }
