"""Independent events (addax_common/ecology/events.py): grouping per deployment and species, the
interval measured from the previous observation or from the event's start, counts, and input checks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from addax_common.ecology import Observation, independent_events, iter_events

T = datetime(2024, 3, 1, 20, 0, tzinfo=UTC)


def obs(
    minute: float, species: str = "deer", deployment: int = 1, count: int = 1, image: str | None = None
) -> Observation:
    return Observation(
        deployment, species, T + timedelta(minutes=minute), image or f"{deployment}-{species}-{minute}", count
    )


def test_chained_interval_from_the_previous_observation():
    # deer at 0, 20, 45 (each <= 30 min after the previous: one event), 80 (35 min later: a new one),
    # 110 (exactly 30 min after 80: same event).
    events = independent_events([obs(45, count=3), obs(0), obs(20, count=2), obs(80), obs(110)], 30)
    assert [(e.start, e.end, e.count, e.max_count) for e in events] == [
        (T, T + timedelta(minutes=45), 3, 3),
        (T + timedelta(minutes=80), T + timedelta(minutes=110), 2, 1),
    ]
    assert events[0].image_ids == ["1-deer-0", "1-deer-20", "1-deer-45"]
    assert events[0].first_image_id == "1-deer-0"


def test_interval_from_the_event_start():
    # From the start: 0, 20 (<= 30), 45 (> 30 after 0: new event), 70 (25 after 45: same).
    events = independent_events([obs(0), obs(20), obs(45), obs(70)], timedelta(minutes=30), "event_start")
    assert [(e.start.minute, e.count) for e in events] == [(0, 2), (45, 2)]


def test_species_and_deployments_are_separate():
    events = independent_events(
        [obs(0), obs(5, "fox"), obs(10, deployment=2), obs(12), obs(15, "fox", deployment=2)], 30
    )
    assert [(e.deployment_id, e.species, e.count) for e in events] == [
        (1, "deer", 2),
        (1, "fox", 1),
        (2, "deer", 1),
        (2, "fox", 1),
    ]


def test_zero_interval_joins_only_simultaneous_observations():
    events = independent_events([obs(0), obs(0, image="b"), obs(1)], 0)
    assert [e.count for e in events] == [2, 1]


def test_streaming_requires_order():
    assert [e.count for e in iter_events(iter([obs(0), obs(10), obs(100)]), 30)] == [2, 1]
    with pytest.raises(ValueError, match="time order"):
        list(iter_events([obs(10), obs(0)], 30))
    with pytest.raises(ValueError, match="contiguous"):
        list(iter_events([obs(0), obs(1, "fox"), obs(2)], 30))
    with pytest.raises(ValueError, match="negative"):
        independent_events([obs(0)], -1)
    assert independent_events([], 30) == []
