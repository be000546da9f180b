"""Ecology statistics: trap-days, relative abundance, activity, species accumulation and naive occupancy.

What counts (the same for every number here):

* **Deployments** are the project's (those of the `camera_id` filter). A deployment's survey period is
  [start, end), a running one until now, clipped to the filters' date range [date_from, date_to).
* **Trap-days** of a deployment: the length of its clipped period in days of 24 h (fractional).
* **Observations**: one per image and species, for images that belong to a deployment (so images
  without a capture time, or taken outside every deployment, never count: there is no survey effort to
  relate them to), are not rejected uploads, and fall in the filters (camera, date range, species).
  The species of a detection is its label that counts everywhere in the API: a person's correction,
  else the machine's top label (queries/images.py `effective_labels`). An observation's count is the
  image's number of detections with that label.
* **Independent events**: observations of one species at one deployment, grouped by the project's
  `independence_interval_minutes` measured from the previous observation (addax_common/ecology/events.py,
  the definition the Camtrap DP export shares).
* **RAI** (relative abundance index): independent events per 100 trap-days; per species over all the
  deployments (total events / total trap-days x 100) and per species per deployment.
* **Activity**: observations ("detections") and independent events (at their first image) by the
  local hour of the deployment's time zone.
* **Species accumulation**: for every calendar day of the survey (the project's time zone), the
  cumulative trap-days at the end of the day and the number of distinct species seen up to then.
* **Naive occupancy** of a species: sites where it was seen / sites surveyed. A site is a deployment
  location (coordinates rounded to 5 decimals, about 1 m; redeploying at the same spot is the same
  site); a site is surveyed when it has trap-days > 0 in the range.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from addax_common.ecology import Event, Observation, iter_events

DAY_SECONDS = 86400.0
SITE_DECIMALS = 5


@dataclass(frozen=True)
class Effort:
    """A deployment's survey period clipped to the range."""

    deployment: Any  # the row of stats/repository.py deployments()
    start: datetime
    end: datetime

    @property
    def trap_days(self) -> float:
        return max(0.0, (self.end - self.start).total_seconds() / DAY_SECONDS)

    @property
    def site(self) -> tuple[float, float]:
        return (round(self.deployment.lat, SITE_DECIMALS), round(self.deployment.lon, SITE_DECIMALS))

    def days_until(self, moment: datetime) -> float:
        """Trap-days of this deployment before `moment`."""
        end = min(self.end, moment)
        return max(0.0, (end - self.start).total_seconds() / DAY_SECONDS)


def efforts(rows: Iterable[Any], date_from: datetime | None, date_to: datetime | None, now: datetime) -> list[Effort]:
    result = []
    for row in rows:
        start = max(row.start_at, date_from) if date_from else row.start_at
        end = min(row.end_at or now, date_to) if date_to else (row.end_at or now)
        result.append(Effort(row, start, max(start, end)))
    return result


def observations(rows: Iterable[Any]) -> Iterator[Observation]:
    for row in rows:
        yield Observation(row.deployment_id, row.species, row.captured_at, row.image_id, row.count)


def rate(events: int, trap_days: float) -> float | None:
    return round(events / trap_days * 100, 4) if trap_days > 0 else None


@dataclass
class EventTally:
    """Observations and events per (deployment, species), and per species by local hour."""

    detections: Counter[tuple[int, str]]
    events: Counter[tuple[int, str]]
    hours_detections: dict[str, list[int]]
    hours_events: dict[str, list[int]]
    first_seen: dict[str, datetime]
    deployments_seen: dict[str, set[int]]


def tally(rows: Iterable[Any], interval_minutes: int, zones: dict[int, str]) -> EventTally:
    """One pass over the ordered observations: events (via the shared definition) and their hours."""
    detections: Counter[tuple[int, str]] = Counter()
    hours_detections: dict[str, list[int]] = defaultdict(lambda: [0] * 24)
    first_seen: dict[str, datetime] = {}
    deployments_seen: dict[str, set[int]] = defaultdict(set)
    tz_cache: dict[int, ZoneInfo] = {}

    def local_hour(deployment_id: int, moment: datetime) -> int:
        zone = tz_cache.get(deployment_id)
        if zone is None:
            zone = tz_cache[deployment_id] = ZoneInfo(zones.get(deployment_id) or "UTC")
        return moment.astimezone(zone).hour

    def counted(stream: Iterable[Observation]) -> Iterator[Observation]:
        for obs in stream:
            key = (int(obs.deployment_id), obs.species)  # type: ignore[call-overload]
            detections[key] += 1
            hours_detections[obs.species][local_hour(key[0], obs.timestamp)] += 1
            if obs.species not in first_seen or obs.timestamp < first_seen[obs.species]:
                first_seen[obs.species] = obs.timestamp
            deployments_seen[obs.species].add(key[0])
            yield obs

    events: Counter[tuple[int, str]] = Counter()
    hours_events: dict[str, list[int]] = defaultdict(lambda: [0] * 24)
    event: Event
    for event in iter_events(counted(observations(rows)), interval_minutes):
        deployment_id = int(event.deployment_id)  # type: ignore[call-overload]
        events[(deployment_id, event.species)] += 1
        hours_events[event.species][local_hour(deployment_id, event.start)] += 1
    return EventTally(
        detections, events, dict(hours_detections), dict(hours_events), first_seen, dict(deployments_seen)
    )


def species_order(t: EventTally) -> list[str]:
    """Species by events (most first), then name."""
    totals: Counter[str] = Counter()
    for (_, species), n in t.events.items():
        totals[species] += n
    return sorted(totals, key=lambda s: (-totals[s], s))


def accumulation_points(
    spans: list[Effort], first_seen: dict[str, datetime], zone: ZoneInfo
) -> list[tuple[date, float, int, list[str]]]:
    """(day, cumulative trap-days at its end, cumulative species, species new that day) for every day
    from the first surveyed day to the last, in `zone`."""
    surveyed = [e for e in spans if e.trap_days > 0]
    if not surveyed:
        return []
    first = min(e.start for e in surveyed).astimezone(zone).date()
    last = (max(e.end for e in surveyed) - timedelta(microseconds=1)).astimezone(zone).date()  # end is exclusive
    new_by_day: dict[date, list[str]] = defaultdict(list)
    for species, seen in first_seen.items():
        new_by_day[seen.astimezone(zone).date()].append(species)
    points = []
    species_total = 0
    day = first
    while day <= last:
        day_end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
        new = sorted(new_by_day.get(day, []))
        species_total += len(new)
        effort = round(sum(e.days_until(day_end) for e in surveyed), 4)
        points.append((day, effort, species_total, new))
        day += timedelta(days=1)
    return points
