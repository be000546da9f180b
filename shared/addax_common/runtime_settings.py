"""Settings an admin changes at run time (the Models page), read by the workers and the API.

The environment (`Settings`) gives the defaults; a row in `runtime_settings` overrides one value.
Readers keep what they read for `RUNTIME_SETTINGS_TTL_SECONDS` (30 s by default), so a change reaches
every worker within a minute without a restart and without a query per image. A database that cannot
be read keeps the last values (or the defaults) and logs once per TTL: thresholds never stop the
pipeline."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from addax_common.db import RuntimeSetting
from addax_common.logging import get_logger
from addax_common.settings import Settings

log = get_logger(__name__)

THRESHOLD_FIELDS = (
    "detection_store_threshold",
    "detection_classify_threshold",
    "classification_min_score",
    "classification_rollup_threshold",
)


@dataclass(frozen=True)
class RuntimeValues:
    detection_store_threshold: float
    detection_classify_threshold: float
    classification_min_score: float
    classification_rollup_threshold: float
    blur_people: bool

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def defaults(settings: Settings) -> RuntimeValues:
    return RuntimeValues(**{f.name: getattr(settings, f.name) for f in fields(RuntimeValues)})


class ValidationError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def validate(values: RuntimeValues) -> None:
    """0..1 for every threshold, and a crop threshold below the store threshold is refused: a
    detection that is not stored cannot be cropped."""
    for name in THRESHOLD_FIELDS:
        value = getattr(values, name)
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0.0 <= float(value) <= 1.0:
            raise ValidationError(name, "must be a number from 0 to 1")
    if values.detection_classify_threshold < values.detection_store_threshold:
        raise ValidationError(
            "detection_classify_threshold", "must be at least detection_store_threshold (a crop needs a stored detection)"
        )


def load(session: Session, settings: Settings) -> RuntimeValues:
    """Defaults with the stored overrides applied (unknown keys and values of the wrong type ignored)."""
    values = defaults(settings)
    known = {f.name: f.type for f in fields(RuntimeValues)}
    overrides: dict[str, Any] = {}
    for row in session.scalars(select(RuntimeSetting)):
        if row.key not in known:
            continue
        if row.key == "blur_people":
            if isinstance(row.value, bool):
                overrides[row.key] = row.value
        elif isinstance(row.value, int | float) and not isinstance(row.value, bool):
            overrides[row.key] = float(row.value)
    return replace(values, **overrides)


def store(session: Session, changes: dict[str, Any], user_id: int | None) -> None:
    """Upsert the changed values (validated by the caller)."""
    for key, value in changes.items():
        statement = insert(RuntimeSetting).values(key=key, value=value, updated_by=user_id)
        session.execute(
            statement.on_conflict_do_update(
                index_elements=[RuntimeSetting.key],
                set_={"value": statement.excluded.value, "updated_by": user_id, "updated_at": func.now()},
            )
        )


class RuntimeSettings:
    """The current values, re-read from the database at most once per `ttl` seconds."""

    def __init__(self, sessions: Callable[[], Session], settings: Settings, ttl: float | None = None) -> None:
        self._sessions = sessions
        self._settings = settings
        self._ttl = settings.runtime_settings_ttl_seconds if ttl is None else ttl
        self._values = defaults(settings)
        self._read_at: float | None = None
        self._lock = threading.Lock()

    def current(self, session: Session | None = None) -> RuntimeValues:
        """The values, re-read when due. A caller that already holds a pooled connection passes its
        `session`: the re-read then goes through it. Waiting for a second connection while holding one
        (and this lock) is how a busy API deadlocked until the pool timed out."""
        with self._lock:
            now = time.monotonic()
            if self._read_at is None or now - self._read_at >= self._ttl:
                self._read_at = now
                try:
                    if session is not None:
                        fresh = load(session, self._settings)
                    else:
                        with self._sessions() as own:
                            fresh = load(own, self._settings)
                except SQLAlchemyError as exc:
                    log.warning("runtime_settings_unavailable", error=str(exc)[:300])
                else:
                    if fresh != self._values:
                        log.info("runtime_settings_changed", **fresh.as_dict())
                    self._values = fresh
            return self._values

    def cached(self) -> RuntimeValues | None:
        """The values when no re-read is due, else None: no I/O and no waiting, for the event loop."""
        read_at = self._read_at
        if read_at is not None and time.monotonic() - read_at < self._ttl:
            return self._values
        return None

    def invalidate(self) -> None:
        with self._lock:
            self._read_at = None
