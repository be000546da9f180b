from dataclasses import dataclass, replace
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.orm import Session

from addax_api.deps import get_db
from addax_api.queries.filters import CameraIds, CaptureTimeParam, DateFrom, DateTo, ImageQuery, SpeciesLabels
from addax_api.scope import ProjectViewer, project_scoped_router
from addax_api.stats import service
from addax_api.stats.cache import StatsCache
from addax_api.stats.schemas import (
    Accumulation,
    Activity,
    CameraStats,
    Interval,
    Occupancy,
    Rai,
    SpeciesCount,
    Summary,
    TimelinePoint,
    TrapDays,
)
from addax_api.validation import parse_date_bound

router = project_scoped_router("/stats", "stats")
species_router = project_scoped_router("/species", "species")


async def get_cache(request: Request) -> StatsCache:
    cache: StatsCache = request.app.state.stats_cache
    return cache


DB = Annotated[Session, Depends(get_db)]
Cache = Annotated[StatsCache, Depends(get_cache)]


async def stats_query(
    scope: ProjectViewer,
    camera_id: CameraIds = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    capture_time: CaptureTimeParam = None,
) -> ImageQuery:
    return ImageQuery(
        project_id=scope.project_id,
        camera_ids=tuple(dict.fromkeys(camera_id or ())),
        date_from=parse_date_bound(date_from, "date_from", upper=False),
        date_to=parse_date_bound(date_to, "date_to", upper=True),
        capture_time=capture_time,
    )


Filters = Annotated[ImageQuery, Depends(stats_query)]


def with_species(filters: ImageQuery, species: list[str] | None) -> ImageQuery:
    """The filters narrowed to images with one of these species (the gallery's species filter)."""
    return replace(filters, species=tuple(dict.fromkeys(species))) if species else filters


async def species_query(filters: Filters, species: SpeciesLabels = None) -> ImageQuery:
    return with_species(filters, species)


SpeciesFilters = Annotated[ImageQuery, Depends(species_query)]


@dataclass(frozen=True)
class EcologyQuery:
    """What every ecology route takes: the filters (species included) and the project's settings."""

    images: ImageQuery
    interval: int  # the project's independence_interval_minutes
    timezone: str  # the project's time zone


async def ecology_query(scope: ProjectViewer, filters: SpeciesFilters) -> EcologyQuery:
    project = scope.project
    return EcologyQuery(filters, project.independence_interval_minutes, project.timezone)


Ecology = Annotated[EcologyQuery, Depends(ecology_query)]


@router.get(
    "/species",
    name="species",
    summary="Detections per species, most frequent first",
    description="`count` is the number of detections whose label is the species (a human correction wins over the "
    "machine's top label); `image_count` the number of images with at least one. Cached in Redis.",
)
def species_stats(db: DB, cache: Cache, filters: Filters) -> list[SpeciesCount]:
    return service.species(db, cache, filters)


@router.get(
    "/timeline",
    name="timeline",
    summary="Images per hour, day, week or month of capture time, every period of the range listed",
    description="A real time axis: every period from date_from (else the first image) to date_to (else the last "
    "image) is listed, empty ones with count 0 (at most 10,000 periods, else 422). Images without a capture time "
    "are left out unless `capture_time=unknown` or `any` asks for them; they are then counted at their arrival time.",
)
def timeline(
    db: DB,
    cache: Cache,
    filters: Filters,
    interval: Annotated[Interval, Query()] = "day",
    species: SpeciesLabels = None,
) -> list[TimelinePoint]:
    return service.timeline(db, cache, with_species(filters, species), interval)


@router.get(
    "/cameras",
    name="cameras",
    summary="Per-camera image and species counts, busiest first",
    description="Every camera (also those without matching images). With `species`, `image_count` and `last_image_at` "
    "cover only images with one of these species (a human correction wins over the machine label, as in the image list), "
    "and `species_count` is how many of the requested species the camera saw.",
)
def camera_stats(db: DB, cache: Cache, filters: SpeciesFilters) -> list[CameraStats]:
    return service.cameras(db, cache, filters)


@router.get("/summary", name="summary", summary="Totals for the dashboard")
def summary(db: DB, cache: Cache, filters: Filters) -> Summary:
    return service.summary(db, cache, filters)


@species_router.get(
    "",
    name="list",
    summary="Every species label in the data, alphabetically (for filter drop-downs)",
)
def list_species(scope: ProjectViewer, db: DB, cache: Cache) -> list[SpeciesCount]:
    return service.species(db, cache, ImageQuery(project_id=scope.project_id), order="label")


# --- ecology: definitions in stats/ecology.py (module docstring) and docs/statistics.md -------------

ECOLOGY_FILTERS = (
    " Honours camera_id, date_from/date_to (the survey period is clipped to them) and species; only images "
    "that belong to a deployment count, labels as everywhere in the API (a human correction wins). Cached in Redis."
)


@router.get(
    "/trap-days",
    name="trap_days",
    summary="Trap-days (survey effort) per deployment",
    description="Each deployment's period [start, end) (a running one until now) clipped to [date_from, date_to), in "
    "days of 24 h. Honours camera_id and the date range.",
)
def trap_days(db: DB, cache: Cache, filters: Filters) -> TrapDays:
    return service.trap_days(db, cache, filters)


@router.get(
    "/rai",
    name="rai",
    summary="Relative abundance index: independent events per 100 trap-days, per species and per deployment",
    description="Independent events group the images of one species at one deployment less than the project's "
    "independence_interval_minutes after the previous one." + ECOLOGY_FILTERS,
)
def rai(db: DB, cache: Cache, q: Ecology) -> Rai:
    return service.rai(db, cache, q.images, q.interval)


@router.get(
    "/activity",
    name="activity",
    summary="Activity pattern: detections and independent events by local hour of day",
    description="Hours are local to each deployment's time zone; an event counts at the hour of its first image."
    + ECOLOGY_FILTERS,
)
def activity(db: DB, cache: Cache, q: Ecology) -> Activity:
    return service.activity(db, cache, q.images, q.interval)


@router.get(
    "/accumulation",
    name="accumulation",
    summary="Species accumulation: cumulative distinct species and trap-days for every day of the survey",
    description="Days are calendar days in the project's time zone, from the first surveyed day to the last; "
    "empty days are listed." + ECOLOGY_FILTERS,
)
def accumulation(db: DB, cache: Cache, q: Ecology) -> Accumulation:
    return service.accumulation(db, cache, q.images, q.timezone, q.interval)


@router.get(
    "/occupancy",
    name="occupancy",
    summary="Naive occupancy per species: sites with a detection / sites surveyed",
    description="A site is a deployment location (coordinates to 5 decimals); surveyed when it has trap-days in the "
    "range." + ECOLOGY_FILTERS,
)
def occupancy(db: DB, cache: Cache, q: Ecology) -> Occupancy:
    return service.occupancy(db, cache, q.images, q.interval)
