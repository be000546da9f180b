"""Statistics, cached in Redis (stats/cache.py) under the filters they were computed for."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime

from pydantic import TypeAdapter
from sqlalchemy.orm import Session

from addax_api.queries.filters import ImageQuery
from addax_api.stats import repository
from addax_api.stats.cache import StatsCache
from addax_api.stats.schemas import CameraStats, SpeciesCount, Summary, TimelinePoint

_species = TypeAdapter(list[SpeciesCount])
_timeline = TypeAdapter(list[TimelinePoint])
_cameras = TypeAdapter(list[CameraStats])
_summary = TypeAdapter(Summary)


def _params(q: ImageQuery, **extra: object) -> dict[str, object]:
    params = {k: v for k, v in asdict(q).items() if k not in ("sort", "order")}
    return {**params, **extra}


def species(db: Session, cache: StatsCache, q: ImageQuery, order: str = "count") -> list[SpeciesCount]:
    def compute() -> list[SpeciesCount]:
        rows = [
            SpeciesCount(species=label, count=n, image_count=images) for label, n, images in repository.species(db, q)
        ]
        if order == "label":
            return sorted(rows, key=lambda r: r.species.lower())
        return sorted(rows, key=lambda r: (-r.count, r.species))

    return cache.get_or_compute(q.project_id, "species", _params(q, order=order), _species, compute)


def timeline(db: Session, cache: StatsCache, q: ImageQuery, interval: str) -> list[TimelinePoint]:
    def compute() -> list[TimelinePoint]:
        return [TimelinePoint(timestamp=t, count=n) for t, n in repository.timeline(db, q, interval)]

    return cache.get_or_compute(q.project_id, "timeline", _params(q, interval=interval), _timeline, compute)


def cameras(db: Session, cache: StatsCache, q: ImageQuery) -> list[CameraStats]:
    def compute() -> list[CameraStats]:
        return [
            CameraStats(camera_id=i, camera_name=name, image_count=n, species_count=s, last_image_at=last)
            for i, name, n, s, last in repository.cameras(db, q)
        ]

    return cache.get_or_compute(q.project_id, "cameras", _params(q), _cameras, compute)


def summary(db: Session, cache: StatsCache, q: ImageQuery) -> Summary:
    def compute() -> Summary:
        return Summary(**repository.summary(db, q, datetime.now(UTC)))

    return cache.get_or_compute(q.project_id, "summary", _params(q), _summary, compute)
