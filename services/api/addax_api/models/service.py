"""Model management (server admins): installed models, what the workers run, run-time thresholds and
people blurring; reprocessing (project admins): images back through the pipeline with the active models.

Reprocessing never touches a human label or a review decision: the detection stage deletes only the
detections without a human label and inserts the new ones in one transaction (a new box on a labelled
object is dropped as that object again), the classification stage replaces only machine labels, and
neither stage writes the review columns."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import UTC, datetime
from typing import Any

import redis
from fastapi.exceptions import RequestValidationError
from sqlalchemy.orm import Session

from addax_api.audit.service import record
from addax_api.config.schemas import ActiveModel
from addax_api.errors import NotFound
from addax_api.models import catalog, repository
from addax_api.models.schemas import (
    ExecutionProvider,
    InstalledModel,
    ModelsOverview,
    ReprocessJobOut,
    RuntimeSettingsOut,
    RuntimeSettingsUpdate,
)
from addax_api.queries.filters import ImageQuery
from addax_api.scope import ProjectScope
from addax_api.uow import UnitOfWork
from addax_common import active_models, runtime_settings
from addax_common.db import ImageStatus
from addax_common.events import RUNTIME_SETTINGS_CHANGED
from addax_common.logging import get_logger
from addax_common.model_catalog import CatalogError, ModelEntry, load_catalog
from addax_common.reliable_queue import QUEUE_DETECTION_COMPLETE, QUEUE_IMAGE_INGESTED
from addax_common.settings import Settings
from addax_common.storage import Storage

log = get_logger(__name__)


def _active(client: redis.Redis, settings: Settings) -> tuple[list[active_models.ModelProvenance], dict[str, Any]]:
    try:
        return active_models.active(client, settings.redis_prefix), active_models.providers_in_use(
            client, settings.redis_prefix
        )
    except redis.RedisError as exc:
        log.warning("active_models_unavailable", error=str(exc))
        return [], {}


def overview(db: Session, settings: Settings, storage: Storage, client: redis.Redis) -> ModelsOverview:
    running, reports = _active(client, settings)
    entries: tuple[ModelEntry, ...] = ()
    catalog_error = None
    if settings.models_catalog_path is None:
        catalog_error = "no catalog: MODELS_CATALOG_PATH is not set"
    else:
        try:
            entries = load_catalog(settings.models_catalog_path).models
        except CatalogError as exc:
            catalog_error = str(exc)
    active_keys = {(m.name, m.sha256) for m in running}
    installed = [
        InstalledModel(
            name=f.entry.name, version=f.entry.version, task=f.entry.task, demo=f.entry.demo,
            license=f.entry.license, source=str(f.entry.source), homepage=f.entry.homepage, file=f.entry.file,
            location=f.location, size_bytes=f.size, catalog_sha256=f.entry.sha256, file_sha256=f.sha256,
            sha256_status=catalog.status(f.entry.sha256, f.sha256), active=(f.entry.name, f.sha256) in active_keys,
        )
        for f in catalog.installed(entries, settings.models_dir, storage)
    ]
    providers = []
    for task in ("detection", "classification"):
        report = reports.get(task) or {}
        try:
            providers.append(ExecutionProvider(
                task=task, providers=[str(p) for p in report["providers"]], host=str(report.get("host", "")),
                reported_at=datetime.fromtimestamp(float(report["reported_at"]), UTC),
            ))
        except (TypeError, KeyError, ValueError):
            continue
    return ModelsOverview(
        installed=installed,
        active=[ActiveModel(**asdict(m)) for m in running],
        providers=providers,
        settings=current_settings(db, settings),
        catalog_error=catalog_error,
    )


def current_settings(db: Session, settings: Settings) -> RuntimeSettingsOut:
    values = runtime_settings.load(db, settings)
    updated_at, updated_by = repository.settings_stamp(db)
    return RuntimeSettingsOut(
        **values.as_dict(), ttl_seconds=settings.runtime_settings_ttl_seconds,
        updated_at=updated_at, updated_by_email=updated_by,
    )


def update_settings(uow: UnitOfWork, settings: Settings, body: RuntimeSettingsUpdate) -> RuntimeSettingsOut:
    before = runtime_settings.load(uow.db, settings)
    given = body.model_dump(exclude_unset=True, exclude_none=True)
    after = replace(before, **given)
    try:
        runtime_settings.validate(after)
    except runtime_settings.ValidationError as exc:
        raise RequestValidationError(
            [{"type": "value_error", "loc": ("body", exc.field), "msg": exc.message, "input": given.get(exc.field)}]
        ) from exc
    changed = {k: v for k, v in given.items() if getattr(before, k) != v}
    if changed:
        runtime_settings.store(uow.db, changed, uow.actor.user_id)
        record(uow.db, uow.actor, "models.settings.update", "runtime_settings", None,
               {k: {"from": getattr(before, k), "to": v} for k, v in changed.items()})
        cache = uow.state.runtime_settings
        uow.after_commit("runtime_settings_invalidate", cache.invalidate)
        # The other API processes hear of it through the live hub (main.py).
        uow.after_commit("runtime_settings_event", lambda: uow.state.ctx.events.publish(RUNTIME_SETTINGS_CHANGED, project_id=None))
    uow.db.flush()
    return current_settings(uow.db, settings)


def _filters(q: ImageQuery) -> dict[str, Any]:
    """The gallery filters a job was started with, for display (defaults left out)."""
    out: dict[str, Any] = {}
    for name in ("camera_ids", "species", "statuses", "review_statuses", "min_confidence", "date_from", "date_to",
                 "capture_time"):
        value = getattr(q, name)
        if value in (None, ()):
            continue
        out[name] = [getattr(v, "value", v) for v in value] if isinstance(value, tuple) else (
            value.isoformat() if isinstance(value, datetime) else value)
    return out


def start_reprocess(uow: UnitOfWork, scope: ProjectScope, q: ImageQuery, stages: str) -> ReprocessJobOut:
    settings: Settings = uow.state.settings
    running, _ = _active(uow.state.ctx.redis, settings)
    refs = {m.task: m.ref for m in running}
    matched = repository.count_matching(uow.db, q)
    to = ImageStatus.RECEIVED if stages == "detection" else ImageStatus.DETECTED
    image_ids = repository.send_back(uow.db, q, to)
    job = repository.add_job(
        uow.db, project_id=scope.project_id, stages=stages, total=len(image_ids), skipped=matched - len(image_ids),
        filters=_filters(q), detector=refs.get("detection"), classifier=refs.get("classification"),
        created_by=uow.actor.user_id,
    )
    repository.add_items(uow.db, job.id, image_ids)
    record(uow.db, uow.actor, "images.reprocess", "reprocess_job", job.id,
           {"stages": stages, "total": len(image_ids), "skipped": job.skipped, "filters": job.filters},
           project_id=scope.project_id)
    queue = QUEUE_IMAGE_INGESTED if stages == "detection" else QUEUE_DETECTION_COMPLETE
    ctx = uow.state.ctx
    ids = [str(i) for i in image_ids]
    # One push after the commit; if Redis is down the reconciler finds the images in their input state.
    uow.after_commit(f"reprocess:{job.id}", lambda: ctx.queue(queue).push_many(ids) if ids else None)
    if image_ids:
        uow.invalidate_stats(scope.project_id)
    log.info("reprocess_started", job_id=job.id, stages=stages, total=len(image_ids), skipped=job.skipped)
    return job_out(repository.jobs(uow.db, None, 1, job.id)[0])


def job_out(row: Any) -> ReprocessJobOut:
    job = row.ReprocessJob
    finished = row.done + row.failed >= job.total
    return ReprocessJobOut(
        id=job.id, project_slug=row.project_slug, stages=job.stages, total=job.total, done=row.done, failed=row.failed,
        skipped=job.skipped, state="finished" if finished else "running", detector=job.detector,
        classifier=job.classifier, filters=job.filters or {}, created_at=job.created_at,
        created_by_email=row.created_by_email,
    )


def list_jobs(db: Session, project_id: int | None, limit: int) -> list[ReprocessJobOut]:
    return [job_out(row) for row in repository.jobs(db, project_id, limit)]


def get_job(db: Session, project_id: int, job_id: int) -> ReprocessJobOut:
    rows = repository.jobs(db, project_id, 1, job_id)
    if not rows:
        raise NotFound("reprocess job not found")
    return job_out(rows[0])

