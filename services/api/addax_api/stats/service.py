"""Statistics, cached in Redis (stats/cache.py) under the filters they were computed for."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from pydantic import TypeAdapter
from sqlalchemy.orm import Session

from addax_api.errors import ValidationFailed
from addax_api.queries.filters import ImageQuery
from addax_api.stats import ecology, repository, tallies
from addax_api.stats.cache import StatsCache
from addax_api.stats.schemas import (
    Accumulation,
    AccumulationPoint,
    Activity,
    ActivitySeries,
    CameraStats,
    DeploymentRai,
    DeploymentTrapDays,
    Occupancy,
    Rai,
    SpeciesCount,
    SpeciesOccupancy,
    SpeciesRai,
    Summary,
    TimelinePoint,
    TrapDays,
)

_species = TypeAdapter(list[SpeciesCount])
_timeline = TypeAdapter(list[TimelinePoint])
_cameras = TypeAdapter(list[CameraStats])
_summary = TypeAdapter(Summary)
_trap_days = TypeAdapter(TrapDays)
_rai = TypeAdapter(Rai)
_activity = TypeAdapter(Activity)
_accumulation = TypeAdapter(Accumulation)
_occupancy = TypeAdapter(Occupancy)


def _params(q: ImageQuery, **extra: object) -> dict[str, object]:
    params = {k: v for k, v in asdict(q).items() if k not in ("sort", "order")}
    return {**params, **extra}


def species(db: Session, cache: StatsCache, q: ImageQuery, order: str = "count") -> list[SpeciesCount]:
    def compute() -> list[SpeciesCount]:
        rows = [
            SpeciesCount(species=label, count=n, image_count=images)
            for label, n, images in (tallies if tallies.covers(q) else repository).species(db, q)
        ]
        if order == "label":
            return sorted(rows, key=lambda r: r.species.lower())
        return sorted(rows, key=lambda r: (-r.count, r.species))

    return cache.get_or_compute(q.project_id, "species", _params(q, order=order), _species, compute)


# A time axis longer than this is refused with a 422 asking for a coarser interval.
MAX_PERIODS = 10_000


def period_start(moment: datetime, interval: str) -> datetime:
    """The UTC start of the hour, day, week (Monday) or month holding `moment` (as date_trunc)."""
    moment = moment.astimezone(UTC)
    if interval == "hour":
        return moment.replace(minute=0, second=0, microsecond=0)
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


def next_period(start: datetime, interval: str) -> datetime:
    if interval == "month":
        return (
            start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)
        )
    return start + {"hour": timedelta(hours=1), "day": timedelta(days=1), "week": timedelta(weeks=1)}[interval]


def fill_periods(
    counts: list[tuple[datetime, int]], interval: str, first: datetime | None, end: datetime | None
) -> list[tuple[datetime, int]]:
    """Every period from the one holding `first` (else the first counted) to the one before the
    exclusive `end` (else the last counted), with 0 for periods without images."""
    by_start = {period_start(t, interval): n for t, n in counts}
    lo = period_start(first, interval) if first else min(by_start, default=None)
    hi = period_start(end - timedelta(microseconds=1), interval) if end else max(by_start, default=None)
    if lo is None or hi is None:
        return []
    points: list[tuple[datetime, int]] = []
    current = lo
    while current <= hi:
        if len(points) >= MAX_PERIODS:
            raise ValidationFailed(f"interval: more than {MAX_PERIODS} periods in the range; choose a longer interval")
        points.append((current, by_start.get(current, 0)))
        current = next_period(current, interval)
    return points


def timeline(db: Session, cache: StatsCache, q: ImageQuery, interval: str) -> list[TimelinePoint]:
    def compute() -> list[TimelinePoint]:
        counts = (tallies if tallies.covers(q, interval) else repository).timeline(db, q, interval)
        points = fill_periods(counts, interval, q.date_from, q.date_to)
        return [TimelinePoint(timestamp=t, count=n) for t, n in points]

    return cache.get_or_compute(q.project_id, "timeline", _params(q, interval=interval), _timeline, compute)


def cameras(db: Session, cache: StatsCache, q: ImageQuery) -> list[CameraStats]:
    def compute() -> list[CameraStats]:
        return [
            CameraStats(camera_id=i, camera_name=name, image_count=n, species_count=s, last_image_at=last)
            for i, name, n, s, last in (tallies if tallies.covers(q) else repository).cameras(db, q)
        ]

    return cache.get_or_compute(q.project_id, "cameras", _params(q), _cameras, compute)


def summary(db: Session, cache: StatsCache, q: ImageQuery) -> Summary:
    def compute() -> Summary:
        return Summary(**(tallies if tallies.covers(q) else repository).summary(db, q, datetime.now(UTC)))

    return cache.get_or_compute(q.project_id, "summary", _params(q), _summary, compute)


# --- ecology (definitions in stats/ecology.py) ----------------------------------------------------


def _efforts(db: Session, q: ImageQuery) -> list[ecology.Effort]:
    return ecology.efforts(repository.deployments(db, q), q.date_from, q.date_to, datetime.now(UTC))


TallyRow = tuple[int, str, int, int, int, datetime]  # deployment_id, species, hour, detections, events, first_at
_tally_rows = TypeAdapter(list[TallyRow])


def _tally(db: Session, cache: StatsCache, q: ImageQuery, interval: int) -> ecology.EventTally:
    """The SQL event tally, cached on its own: the dashboard's four ecology charts ask for the same one
    (accumulation and occupancy do not depend on the interval but share the project's)."""

    def compute() -> list[TallyRow]:
        return [tuple(row) for row in repository.event_tally(db, q, interval)]

    rows = cache.get_or_compute(q.project_id, "event_tally", _params(q, interval=interval), _tally_rows, compute)
    return ecology.tally(ecology.TallyRowView(*row) for row in rows)


def trap_days(db: Session, cache: StatsCache, q: ImageQuery) -> TrapDays:
    def compute() -> TrapDays:
        rows = [
            DeploymentTrapDays(
                deployment_id=e.deployment.id,
                camera_id=e.deployment.camera_id,
                camera_name=e.deployment.camera_name,
                location_name=e.deployment.location_name,
                start=e.start,
                end=e.end,
                trap_days=round(e.trap_days, 4),
            )
            for e in _efforts(db, q)
        ]
        return TrapDays(total=round(sum(r.trap_days for r in rows), 4), deployments=rows)

    return cache.get_or_compute(q.project_id, "trap_days", _params(q), _trap_days, compute)


def rai(db: Session, cache: StatsCache, q: ImageQuery, interval: int) -> Rai:
    def compute() -> Rai:
        spans = _efforts(db, q)
        t = _tally(db, cache, q, interval)
        order = ecology.species_order(t)
        total_days = sum(e.trap_days for e in spans)

        events, detections = ecology.by_deployment(t.events), ecology.by_deployment(t.detections)

        def species_rows(event_counts: Counter[str], detection_counts: Counter[str], days: float) -> list[SpeciesRai]:
            return [
                SpeciesRai(
                    species=species,
                    events=event_counts[species],
                    detections=detection_counts[species],
                    rai=ecology.rate(event_counts[species], days),
                )
                for species in order
                if event_counts[species]
            ]

        per_deployment = [
            DeploymentRai(
                deployment_id=e.deployment.id,
                camera_name=e.deployment.camera_name,
                location_name=e.deployment.location_name,
                trap_days=round(e.trap_days, 4),
                species=species_rows(events[e.deployment.id], detections[e.deployment.id], e.trap_days),
            )
            for e in spans
        ]
        all_events: Counter[str] = sum(events.values(), Counter())
        all_detections: Counter[str] = sum(detections.values(), Counter())
        return Rai(
            independence_interval_minutes=interval,
            trap_days=round(total_days, 4),
            species=species_rows(all_events, all_detections, total_days),
            deployments=per_deployment,
        )

    return cache.get_or_compute(q.project_id, "rai", _params(q, interval=interval), _rai, compute)


def activity(db: Session, cache: StatsCache, q: ImageQuery, interval: int) -> Activity:
    def compute() -> Activity:
        t = _tally(db, cache, q, interval)
        empty = [0] * 24
        series = [
            ActivitySeries(
                species=species,
                detections=t.hours_detections.get(species, empty),
                events=t.hours_events.get(species, empty),
            )
            for species in ecology.species_order(t)
        ]
        total = ActivitySeries(
            species=None,
            detections=[sum(s.detections[h] for s in series) for h in range(24)],
            events=[sum(s.events[h] for s in series) for h in range(24)],
        )
        return Activity(independence_interval_minutes=interval, total=total, species=series)

    return cache.get_or_compute(q.project_id, "activity", _params(q, interval=interval), _activity, compute)


def accumulation(db: Session, cache: StatsCache, q: ImageQuery, timezone: str, interval: int) -> Accumulation:
    def compute() -> Accumulation:
        spans = _efforts(db, q)
        t = _tally(db, cache, q, interval)
        points = [
            AccumulationPoint(date=day, trap_days=effort, species_count=n, new_species=new)
            for day, effort, n, new in ecology.accumulation_points(spans, t.first_seen, ZoneInfo(timezone))
        ]
        return Accumulation(timezone=timezone, points=points)

    return cache.get_or_compute(
        q.project_id, "accumulation", _params(q, tz=timezone, interval=interval), _accumulation, compute
    )


def occupancy(db: Session, cache: StatsCache, q: ImageQuery, interval: int) -> Occupancy:
    def compute() -> Occupancy:
        spans = [e for e in _efforts(db, q) if e.trap_days > 0]
        site_of = {e.deployment.id: e.site for e in spans}
        surveyed = len(set(site_of.values()))
        t = _tally(db, cache, q, interval)
        rows = []
        for species, deployment_ids in t.deployments_seen.items():
            sites = len({site_of[d] for d in deployment_ids if d in site_of})
            if sites and surveyed:
                rows.append(
                    SpeciesOccupancy(species=species, sites_detected=sites, naive_occupancy=round(sites / surveyed, 4))
                )
        rows.sort(key=lambda r: (-r.naive_occupancy, r.species))
        return Occupancy(sites_surveyed=surveyed, species=rows)

    return cache.get_or_compute(q.project_id, "occupancy", _params(q, interval=interval), _occupancy, compute)
