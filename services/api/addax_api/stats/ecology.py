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
  the definition the Camtrap DP export shares; counted here in SQL, stats/repository.py event_tally).
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
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

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


def efforts(rows: Iterable[Any], date_from: datetime | None, date_to: datetime | None, now: datetime) -> list[Effort]:
    result = []
    for row in rows:
        start = max(row.start_at, date_from) if date_from else row.start_at
        end = min(row.end_at or now, date_to) if date_to else (row.end_at or now)
        result.append(Effort(row, start, max(start, end)))
    return result


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


class TallyRowView(NamedTuple):
    """A row of stats/repository.py event_tally (also as cached)."""

    deployment_id: int
    species: str
    hour: int
    detections: int
    events: int
    first_at: datetime


def tally(rows: Iterable[Any]) -> EventTally:
    """The tally from stats/repository.py event_tally rows (deployment_id, species, hour, detections,
    events, first_at): events are grouped in SQL with the definition of addax_common/ecology/events.py."""
    detections: Counter[tuple[int, str]] = Counter()
    events: Counter[tuple[int, str]] = Counter()
    hours_detections: dict[str, list[int]] = defaultdict(lambda: [0] * 24)
    hours_events: dict[str, list[int]] = defaultdict(lambda: [0] * 24)
    first_seen: dict[str, datetime] = {}
    deployments_seen: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        key = (row.deployment_id, row.species)
        detections[key] += row.detections
        events[key] += row.events
        hours_detections[row.species][row.hour] += row.detections
        hours_events[row.species][row.hour] += row.events
        if row.species not in first_seen or row.first_at < first_seen[row.species]:
            first_seen[row.species] = row.first_at
        deployments_seen[row.species].add(row.deployment_id)
    return EventTally(
        detections, events, dict(hours_detections), dict(hours_events), first_seen, dict(deployments_seen)
    )


def by_deployment(counts: Counter[tuple[int, str]]) -> dict[int, Counter[str]]:
    """{deployment: {species: n}} from {(deployment, species): n}."""
    result: dict[int, Counter[str]] = defaultdict(Counter)
    for (deployment_id, species), n in counts.items():
        result[deployment_id][species] += n
    return result


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
    # Periods as epoch seconds: a day's cumulative effort is then a sum of clamped differences.
    spans_s = [(e.start.timestamp(), e.end.timestamp()) for e in surveyed]
    points = []
    species_total = 0
    day = first
    while day <= last:
        day_end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone).timestamp()
        new = sorted(new_by_day.get(day, []))
        species_total += len(new)
        effort = sum(max(0.0, min(end, day_end) - start) for start, end in spans_s) / DAY_SECONDS
        points.append((day, round(effort, 4), species_total, new))
        day += timedelta(days=1)
    return points
