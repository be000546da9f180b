"""Rule validation (the errors the API maps to 422) and the pure matching of a rule against an image."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from addax_common.alerts.area import area_wkt
from addax_common.alerts.conditions import parse_conditions, validate_rule_settings
from addax_common.alerts.errors import AlertValidationError
from addax_common.alerts.matching import ImageFacts, Sighting, match_species
from addax_common.db import RuleKind, TriggerMode
from addax_common.species_groups import default_taxonomy

TAXONOMY = default_taxonomy()


def fields(exc: pytest.ExceptionInfo[AlertValidationError]) -> list[str]:
    return [name for name, _ in exc.value.errors]


def test_groups_expand_from_the_taxonomy_file() -> None:
    spec = parse_conditions(RuleKind.SPECIES, {"groups": ["Large carnivores"], "species": ["red fox"]}, TAXONOMY)
    assert {"wolf", "brown bear", "lynx", "red fox"} <= spec.labels
    assert "people" in TAXONOMY.groups and TAXONOMY.resolve_group("people") == ("person",)


@pytest.mark.parametrize(("conditions", "field"), [
    ({"species": ["unicorn"]}, "species"),
    ({"groups": ["dragons"]}, "groups"),
    ({}, "species"),
    ({"species": ["wolf"], "time_start": "22:00", "time_end": "05:00"}, "time_end"),
    ({"species": ["wolf"], "time_start": "10:00", "time_end": "10:00"}, "time_end"),
    ({"species": ["wolf"], "time_start": "25:00", "time_end": "26:00"}, "time_start"),
    ({"species": ["wolf"], "min_confidence": 1.5}, "min_confidence"),
    ({"species": ["wolf"], "min_count": 0}, "min_count"),
    ({"species": ["wolf"], "days": ["funday"]}, "days"),
    ({"species": ["wolf"], "camera_ids": ["a"]}, "camera_ids"),
])
def test_invalid_species_conditions(conditions: dict[str, object], field: str) -> None:
    with pytest.raises(AlertValidationError) as caught:
        parse_conditions(RuleKind.SPECIES, conditions, TAXONOMY)
    assert field in fields(caught)
    assert caught.value.as_detail()[0]["message"]


def test_health_and_silent_conditions() -> None:
    spec = parse_conditions(RuleKind.CAMERA_HEALTH, {"battery_below": 20, "temperature_min": -10,
                                                     "temperature_max": 45}, TAXONOMY)
    assert spec.battery_below == 20 and spec.health_window_hours == 24
    with pytest.raises(AlertValidationError):
        parse_conditions(RuleKind.CAMERA_HEALTH, {}, TAXONOMY)
    with pytest.raises(AlertValidationError) as caught:
        parse_conditions(RuleKind.CAMERA_HEALTH, {"temperature_min": 40, "temperature_max": 10}, TAXONOMY)
    assert fields(caught) == ["temperature_max"]
    with pytest.raises(AlertValidationError):
        parse_conditions(RuleKind.CAMERA_SILENT, {"silent_hours": -1}, TAXONOMY)
    assert parse_conditions(RuleKind.CAMERA_SILENT, {"silent_hours": 24}, TAXONOMY).silent_hours == 24


def test_rule_settings_validation() -> None:
    validate_rule_settings(cooldown_minutes=0, mode=TriggerMode.DIGEST_DAILY, digest_time="07:30",
                           timezone="Europe/Amsterdam")
    with pytest.raises(AlertValidationError) as caught:
        validate_rule_settings(cooldown_minutes=-1, mode=TriggerMode.DIGEST_DAILY, digest_time=None,
                               timezone="Mars/Olympus")
    assert set(fields(caught)) == {"cooldown_minutes", "timezone"}
    with pytest.raises(AlertValidationError) as caught:
        validate_rule_settings(cooldown_minutes=0, mode=TriggerMode.DIGEST_DAILY, digest_time=None, timezone="UTC")
    assert fields(caught) == ["digest_time"]


@pytest.mark.parametrize("polygon", [
    {"type": "Point", "coordinates": [1, 2]},
    {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1]]]},  # too few positions
    {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]},  # not closed
    {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},  # bow tie crosses itself
    {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [2, 2], [0, 0]]]},  # no area
    {"type": "Polygon", "coordinates": [[[0, 0], [200, 0], [1, 1], [0, 0]]]},  # out of range
    {"type": "Polygon", "coordinates": [[[0, 0], ["a", 0], [1, 1], [0, 0]]]},
])
def test_invalid_polygons(polygon: dict[str, object]) -> None:
    with pytest.raises(AlertValidationError) as caught:
        area_wkt(polygon)
    assert fields(caught) == ["area"]


def test_valid_polygon_as_wkt() -> None:
    wkt = area_wkt({"type": "Polygon", "coordinates": [[[5, 52], [6, 52], [6, 53], [5, 52]]]})
    assert wkt == "POLYGON((5.0 52.0, 6.0 52.0, 6.0 53.0, 5.0 52.0))"


def facts(labels: list[tuple[str, float]], hour: int = 12, weekday_date: int = 30, camera_id: int = 1,
          human: bool = False) -> ImageFacts:
    # 2026-11-30 is a Monday.
    moment = datetime(2026, 11, weekday_date, hour, 30, tzinfo=UTC).astimezone(ZoneInfo("UTC"))
    return ImageFacts(camera_id=camera_id, local_time=moment,
                      sightings=[Sighting(label, conf, human) for label, conf in labels])


def test_matching_confidence_count_cameras_window_and_days() -> None:
    spec = parse_conditions(RuleKind.SPECIES, {"species": ["wolf"], "min_confidence": 0.6, "min_count": 2,
                                               "camera_ids": [1, 2], "time_start": "20:00", "time_end": "23:59",
                                               "days": ["mon", "tue"]}, TAXONOMY)
    assert match_species(spec, facts([("wolf", 0.9), ("wolf", 0.7)], hour=21)) is not None
    assert match_species(spec, facts([("wolf", 0.9), ("wolf", 0.5)], hour=21)) is None  # one below confidence
    assert match_species(spec, facts([("wolf", 0.9), ("wolf", 0.7)], hour=12)) is None  # outside window
    assert match_species(spec, facts([("wolf", 0.9), ("wolf", 0.7)], hour=21, weekday_date=28)) is None  # Saturday
    assert match_species(spec, facts([("wolf", 0.9), ("wolf", 0.7)], hour=21, camera_id=3)) is None
    found = match_species(spec, facts([("wolf", 0.9), ("wolf", 0.7), ("red fox", 0.99)], hour=21))
    assert found is not None and found.labels == {"wolf": 2} and found.best_confidence == 0.9


def test_verified_only_needs_a_human_label_or_approval() -> None:
    spec = parse_conditions(RuleKind.SPECIES, {"species": ["wolf"], "verified_only": True}, TAXONOMY)
    assert match_species(spec, facts([("wolf", 0.99)])) is None
    assert match_species(spec, facts([("wolf", 1.0)], human=True)) is not None
    approved = facts([("wolf", 0.99)])
    approved.verified = True
    assert match_species(spec, approved) is not None
