"""Independent events: detections of one species at one deployment, grouped so that repeated photos of
the same animal(s) count once.

Definition (the one the statistics API, its SQL in addax_api/stats/ecology.py, and the Camtrap DP
export share): take the observations of one (deployment, species) in time order. An observation
starts a new event when it is more than `interval` after the *previous observation* of that
deployment and species (`measure_from="previous"`, the default: an animal that lingers in front of
the camera all night stays one event), or, with `measure_from="event_start"`, more than `interval`
after the first observation of the current event (camtrapR's "last independent record" rule).
An observation exactly `interval` after the reference still belongs to the event.

An observation is one image x one species: `count` is how many individuals of the species the image
shows (its detections with that label). Per event:

* `start`, `end`: the first and last observation time;
* `count`: the number of observations (images) in the event;
* `max_count`: the largest `count` of one observation, the usual estimate of the group size
  (Camtrap DP's `count` of an event-based observation);
* `image_ids`: the images of the event, in time order.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

MeasureFrom = Literal["previous", "event_start"]


@dataclass(frozen=True)
class Observation:
    deployment_id: Hashable
    species: str
    timestamp: datetime  # timezone-aware; all observations of one deployment in the same clock
    image_id: Any
    count: int = 1


@dataclass
class Event:
    deployment_id: Hashable
    species: str
    start: datetime
    end: datetime
    count: int = 0
    max_count: int = 0
    image_ids: list[Any] = field(default_factory=list)

    @property
    def first_image_id(self) -> Any:
        """A stable id for the event within one computation (its first image)."""
        return self.image_ids[0]

    def _add(self, obs: Observation) -> None:
        self.end = obs.timestamp
        self.count += 1
        self.max_count = max(self.max_count, obs.count)
        self.image_ids.append(obs.image_id)


def _as_interval(interval: timedelta | float) -> timedelta:
    """A timedelta as is; a number as minutes (the project's `independence_interval_minutes`)."""
    result = interval if isinstance(interval, timedelta) else timedelta(minutes=interval)
    if result < timedelta(0):
        raise ValueError("the independence interval must not be negative")
    return result


def _sort_key(obs: Observation) -> tuple[bool, str, Hashable, str, datetime, str]:
    # Deployments without an id (None) last; ids compared by type name first so mixed types sort.
    d = obs.deployment_id
    return (d is None, type(d).__name__, d if d is not None else 0, obs.species, obs.timestamp, str(obs.image_id))


def iter_events(
    observations: Iterable[Observation], interval: timedelta | float, measure_from: MeasureFrom = "previous"
) -> Iterator[Event]:
    """Stream events from observations already ordered by deployment, species and time (each
    (deployment, species) contiguous): memory is one event, so an export of 10^5 images can stream.
    Raises ValueError on an observation earlier than the one before it in the same group."""
    gap = _as_interval(interval)
    current: Event | None = None
    previous: datetime | None = None
    seen: set[tuple[Hashable, str]] = set()
    for obs in observations:
        group = (obs.deployment_id, obs.species)
        same_group = current is not None and (current.deployment_id, current.species) == group
        if same_group and previous is not None and obs.timestamp < previous:
            raise ValueError(f"observations of {group} are not in time order ({obs.timestamp} after {previous})")
        if not same_group and group in seen:
            raise ValueError(f"observations of {group} are not contiguous")
        if current is not None and same_group:
            reference = current.end if measure_from == "previous" else current.start
            if obs.timestamp - reference <= gap:
                current._add(obs)
                previous = obs.timestamp
                continue
        if current is not None:
            yield current
        seen.add(group)
        current = Event(obs.deployment_id, obs.species, obs.timestamp, obs.timestamp)
        current._add(obs)
        previous = obs.timestamp
    if current is not None:
        yield current


def independent_events(
    observations: Iterable[Observation], interval: timedelta | float, measure_from: MeasureFrom = "previous"
) -> list[Event]:
    """All events of observations in any order, sorted by deployment, species and start."""
    return list(iter_events(sorted(observations, key=_sort_key), interval, measure_from))
