"""Matching one image against a parsed rule: pure Python over a few facts the worker loads in one
query, which keeps 200 rules well under a millisecond each. Database-side parts are answered by the worker: area
and cooldown in one query each for all matching rules, first sighting in one query per matching rule
that asks for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from addax_common.alerts.conditions import RuleSpec


@dataclass(frozen=True)
class Sighting:
    """One detection's final label: a human correction wins over the machine's top label."""

    label: str
    confidence: float
    human: bool


@dataclass
class ImageFacts:
    camera_id: int | None
    local_time: datetime  # capture (or arrival) time in the camera's time zone
    sightings: list[Sighting] = field(default_factory=list)
    verified: bool = False  # review status approved


@dataclass(frozen=True)
class Match:
    labels: dict[str, int]  # label -> count of qualifying detections
    best_confidence: float


def match_species(spec: RuleSpec, facts: ImageFacts) -> Match | None:
    """The species part of a rule (labels, confidence, count, verification, cameras, time, days).

    Area, cooldown and first sighting need the database; the handler checks them for all rules at once."""
    if spec.camera_ids is not None and facts.camera_id not in spec.camera_ids:
        return None
    if spec.days is not None and facts.local_time.weekday() not in spec.days:
        return None
    if spec.window_start is not None and spec.window_end is not None:
        moment = facts.local_time.time().replace(tzinfo=None)
        if not spec.window_start <= moment < spec.window_end:
            return None
    counts: dict[str, int] = {}
    best = 0.0
    for sighting in facts.sightings:
        if sighting.label not in spec.labels or sighting.confidence < spec.min_confidence:
            continue
        if spec.verified_only and not (sighting.human or facts.verified):
            continue
        counts[sighting.label] = counts.get(sighting.label, 0) + 1
        best = max(best, sighting.confidence)
    if sum(counts.values()) < spec.min_count:
        return None
    return Match(labels=counts, best_confidence=best)
