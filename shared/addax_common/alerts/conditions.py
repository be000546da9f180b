"""Alert rule conditions: validation (clear errors the API maps to 422) parsed into a `RuleSpec`.

A rule's `conditions` JSON is parsed once into a `RuleSpec` (cached per rule version by the worker);
matching an image against it is `matching.py`, a drawn area `area.py`. The API runs the same parsing
before it stores a rule, so a stored rule always parses.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from addax_common.alerts.errors import AlertValidationError
from addax_common.db.alerts import RuleKind, TriggerMode
from addax_common.species_groups import Taxonomy

_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class RuleSpec:
    kind: RuleKind
    labels: frozenset[str] = frozenset()
    min_confidence: float = 0.5
    min_count: int = 1
    verified_only: bool = False
    camera_ids: frozenset[int] | None = None
    window_start: time | None = None
    window_end: time | None = None
    days: frozenset[int] | None = None  # 0 = Monday
    first_sighting_days: int | None = None
    battery_below: float | None = None
    sd_above: float | None = None
    temperature_min: float | None = None
    temperature_max: float | None = None
    health_window_hours: int = 24
    silent_hours: float | None = None


def parse_hhmm(value: object, name: str, errors: list[tuple[str, str]]) -> time | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _HHMM.match(value):
        errors.append((name, "must be a time of day as HH:MM (00:00-23:59)"))
        return None
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def _number(conditions: Mapping[str, Any], name: str, errors: list[tuple[str, str]], low: float | None = None,
            high: float | None = None) -> float | None:
    value = conditions.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        errors.append((name, "must be a number"))
        return None
    if (low is not None and value < low) or (high is not None and value > high):
        errors.append((name, f"must be between {low} and {high}"))
        return None
    return float(value)


def _labels(conditions: Mapping[str, Any], taxonomy: Taxonomy, errors: list[tuple[str, str]]) -> frozenset[str]:
    labels: set[str] = set()
    species = conditions.get("species") or []
    groups = conditions.get("groups") or []
    if not isinstance(species, list) or not all(isinstance(s, str) for s in species):
        errors.append(("species", "must be a list of species labels"))
        species = []
    if not isinstance(groups, list) or not all(isinstance(g, str) for g in groups):
        errors.append(("groups", "must be a list of species group names"))
        groups = []
    for label in species:
        key = label.strip().lower()
        if key not in taxonomy.labels:
            errors.append(("species", f"unknown species {label!r}"))
        labels.add(key)
    for group in groups:
        try:
            labels.update(taxonomy.resolve_group(group))
        except KeyError:
            errors.append(("groups", f"unknown species group {group!r}; known: {sorted(taxonomy.groups)}"))
    if not labels and not any(name in ("species", "groups") for name, _ in errors):
        errors.append(("species", "name at least one species or group"))
    return frozenset(labels)


def _days(value: object, errors: list[tuple[str, str]]) -> frozenset[int] | None:
    if value is None:
        return None
    days: set[int] = set()
    if not isinstance(value, list) or not value:
        errors.append(("days", "must be a non-empty list of weekdays (mon..sun or 0..6, Monday = 0)"))
        return None
    for day in value:
        if isinstance(day, int) and not isinstance(day, bool) and 0 <= day <= 6:
            days.add(day)
        elif isinstance(day, str) and day.strip().lower()[:3] in DAY_NAMES:
            days.add(DAY_NAMES.index(day.strip().lower()[:3]))
        else:
            errors.append(("days", f"unknown weekday {day!r}"))
    return frozenset(days)


def parse_conditions(kind: RuleKind, conditions: Mapping[str, Any], taxonomy: Taxonomy) -> RuleSpec:
    """Parse and check a rule's conditions; raises AlertValidationError listing every problem."""
    errors: list[tuple[str, str]] = []
    if not isinstance(conditions, Mapping):
        raise AlertValidationError([("conditions", "must be an object")])
    cameras = conditions.get("camera_ids")
    camera_ids: frozenset[int] | None = None
    if cameras is not None:
        if not isinstance(cameras, list) or not all(isinstance(c, int) and not isinstance(c, bool) for c in cameras):
            errors.append(("camera_ids", "must be a list of camera ids"))
        else:
            camera_ids = frozenset(cameras)
    spec: dict[str, Any] = {"kind": kind, "camera_ids": camera_ids}
    if kind is RuleKind.SPECIES:
        spec["labels"] = _labels(conditions, taxonomy, errors)
        confidence = _number(conditions, "min_confidence", errors, 0.0, 1.0)
        spec["min_confidence"] = 0.5 if confidence is None else confidence
        count = _number(conditions, "min_count", errors, 1, 10_000)
        spec["min_count"] = 1 if count is None else int(count)
        spec["verified_only"] = bool(conditions.get("verified_only", False))
        start = parse_hhmm(conditions.get("time_start"), "time_start", errors)
        end = parse_hhmm(conditions.get("time_end"), "time_end", errors)
        if (start is None) != (end is None) and not errors:
            errors.append(("time_end", "give both time_start and time_end, or neither"))
        elif start is not None and end is not None and end <= start:
            errors.append(("time_end", "the time window ends before it starts (use two rules for a window across midnight)"))
        spec["window_start"], spec["window_end"] = start, end
        spec["days"] = _days(conditions.get("days"), errors)
        first = _number(conditions, "first_sighting_days", errors, 1, 3650)
        spec["first_sighting_days"] = None if first is None else int(first)
    elif kind is RuleKind.CAMERA_HEALTH:
        spec["battery_below"] = _number(conditions, "battery_below", errors, 0, 100)
        spec["sd_above"] = _number(conditions, "sd_above", errors, 0, 100)
        spec["temperature_min"] = _number(conditions, "temperature_min", errors, -90, 90)
        spec["temperature_max"] = _number(conditions, "temperature_max", errors, -90, 90)
        window = _number(conditions, "window_hours", errors, 1, 24 * 30)
        spec["health_window_hours"] = 24 if window is None else int(window)
        if all(spec[k] is None for k in ("battery_below", "sd_above", "temperature_min", "temperature_max")):
            errors.append(("conditions", "a camera health rule needs battery_below, sd_above or a temperature range"))
        low, high = spec["temperature_min"], spec["temperature_max"]
        if low is not None and high is not None and high <= low:
            errors.append(("temperature_max", "must be above temperature_min"))
    elif kind is RuleKind.CAMERA_SILENT:
        spec["silent_hours"] = _number(conditions, "silent_hours", errors, 0.1, 24 * 365)
        if spec["silent_hours"] is None and not errors:
            errors.append(("silent_hours", "a camera-silent rule needs silent_hours"))
    if errors:
        raise AlertValidationError(errors)
    return RuleSpec(**spec)


def validate_rule_settings(*, cooldown_minutes: int, mode: TriggerMode, digest_time: str | None, timezone: str) -> None:
    errors: list[tuple[str, str]] = []
    if cooldown_minutes < 0:
        errors.append(("cooldown_minutes", "must be 0 or more"))
    if mode is TriggerMode.DIGEST_DAILY and parse_hhmm(digest_time, "digest_time", errors) is None and not errors:
        errors.append(("digest_time", "a daily digest needs digest_time as HH:MM"))
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        errors.append(("timezone", f"unknown time zone {timezone!r} (use an IANA name such as Europe/Amsterdam)"))
    if errors:
        raise AlertValidationError(errors)
