"""Evaluation (loop 1): a completed image against its project's active species rules.

Per image, in ONE transaction: the rules' pure conditions (rules.match_species), then the database
parts for all matching rules at once (area: ST_Covers; cooldown per rule x camera; first sighting),
then the alert logs, their pending deliveries and the image's evaluation mark. A message that arrives
twice finds the mark (or the unique rule x image key) and fires nothing new.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from geoalchemy2 import Geometry
from sqlalchemy import ColumnElement, bindparam, cast, exists, func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from addax_alerts.firing import Fired, Firing, RuleRef, announce, fire_all
from addax_alerts.metrics import EVALUATION_DURATION
from addax_common.alerts.conditions import RuleSpec, parse_conditions
from addax_common.alerts.matching import ImageFacts, Match, Sighting, match_species
from addax_common.camera_time import camera_timezone
from addax_common.context import ServiceContext
from addax_common.db import (
    AlertEvaluation,
    AlertLog,
    AlertRule,
    Camera,
    Classification,
    Detection,
    Image,
    ImageStatus,
    LogKind,
    ReviewStatus,
    RuleKind,
)
from addax_common.errors import SkipMessage
from addax_common.logging import get_logger
from addax_common.privacy import blurred_thumbnail_key
from addax_common.reliable_queue import Message
from addax_common.species_groups import Taxonomy, default_taxonomy
from addax_common.worker import BatchResult, for_each_image

log = get_logger(__name__)
RULES_RECHECK_SECONDS = 1.0

# The statements of every evaluation, built once: SQLAlchemy then reuses their compiled form and
# cache keys instead of rebuilding them per image (a third of the worker's CPU time per image).
LOAD = (
    select(Image, AlertEvaluation.image_id.is_not(None), Camera.id, Camera.name, Camera.config,
           func.ST_Y(cast(Camera.location, Geometry)), func.ST_X(cast(Camera.location, Geometry)), Camera.project_id)
    .outerjoin(AlertEvaluation, AlertEvaluation.image_id == Image.id)
    .outerjoin(Camera, Camera.id == Image.camera_id)
    .where(Image.id == bindparam("image_id"))
)
SIGHTINGS = (
    select(Detection.id, Detection.category, Detection.confidence, Classification.label, Classification.score,
           Classification.source)
    .outerjoin(Classification, (Classification.detection_id == Detection.id)
               & ((Classification.source == "human") | (Classification.rank == 1)))
    .where(Detection.image_id == bindparam("image_id"))
)
COVERING = select(AlertRule.id).where(
    AlertRule.id.in_(bindparam("rule_ids", expanding=True)),
    func.ST_Covers(AlertRule.area, select(Camera.location).where(Camera.id == bindparam("camera_id")).scalar_subquery()),
)
LAST_FIRED = (
    select(AlertLog.rule_id, func.max(AlertLog.fired_at))
    .where(AlertLog.rule_id.in_(bindparam("rule_ids", expanding=True)), AlertLog.camera_id == bindparam("camera_id"),
           AlertLog.kind == LogKind.MATCH)
    .group_by(AlertLog.rule_id)
)
MARK_EVALUATED = insert(AlertEvaluation).on_conflict_do_nothing()


@dataclass(frozen=True)
class ActiveRule:
    ref: RuleRef
    spec: RuleSpec
    has_area: bool
    cooldown: timedelta


@dataclass(frozen=True)
class CameraInfo:
    id: int
    name: str
    config: dict[str, Any]
    lat: float | None
    lon: float | None
    project_id: int | None


class ReviewHandler:
    """Loop 1b: `alert-reviews` (images a person approved or re-labelled) -> verified-only rules."""

    def __init__(self, evaluate: EvaluateHandler) -> None:
        self.evaluate = evaluate

    def __call__(self, messages: list[Message]) -> BatchResult:
        results: BatchResult = {}
        for_each_image(results, messages, lambda m: m.image_id, lambda m: self.evaluate.reevaluate_reviewed(
            uuid.UUID(m.image_id), datetime.fromtimestamp(m.enqueued_at, UTC)))
        return results


class EvaluateHandler:
    def __init__(self, ctx: ServiceContext, taxonomy: Taxonomy | None = None) -> None:
        self.ctx = ctx
        self.settings = ctx.settings
        self.taxonomy = taxonomy or default_taxonomy(ctx.settings.species_groups_file)
        # Parsed rules per project with the version stamp they were read at; rules change rarely.
        self._rules: dict[int | None, tuple[tuple[Any, ...], list[ActiveRule], float]] = {}

    def __call__(self, messages: list[Message]) -> BatchResult:
        results: BatchResult = {}
        for_each_image(results, messages, lambda m: m.image_id, lambda m: self.evaluate(uuid.UUID(m.image_id)))
        return results

    # --- one image ----------------------------------------------------------------------------------
    def evaluate(self, image_id: uuid.UUID, now: datetime | None = None) -> list[Fired]:
        started = time.perf_counter()
        now = now or datetime.now(UTC)
        with self.ctx.sessions.begin() as session:
            fired = self.evaluate_in(session, image_id, now)
        announce(self.ctx, fired)
        EVALUATION_DURATION.observe(time.perf_counter() - started)
        return fired

    def evaluate_in(self, session: Session, image_id: uuid.UUID, now: datetime) -> list[Fired]:
        image, evaluated, camera = self.load(session, image_id)
        if evaluated:
            raise SkipMessage("image already evaluated")
        if image.status is not ImageStatus.COMPLETED:
            raise SkipMessage(f"image is {image.status.value}, not completed")
        max_age = timedelta(seconds=self.settings.alerts_max_age_seconds)
        fired: list[Fired] = []
        rules: list[ActiveRule] = []
        if image.completed_at is not None and image.completed_at < now - max_age:
            log.info("image_too_old_for_alerts", completed_at=image.completed_at.isoformat())
        elif camera is not None:
            rules = self.active_rules(session, camera.project_id)
            if rules:
                fired = self.fire_matches(session, image, camera, rules, now)
        session.execute(MARK_EVALUATED, {"image_id": image_id, "rules_checked": len(rules), "alerts_fired": len(fired)})
        return fired

    # --- a review later: the "only human-verified" rules again ------------------------------------
    def reevaluate_reviewed(self, image_id: uuid.UUID, reviewed_at: datetime,
                            now: datetime | None = None) -> list[Fired]:
        """After an approval or a species correction: the project's verified-only rules, which could
        not match when the image completed. Other rules keep their verdict from completion. A rule
        that fired for this image already fires nothing (its rule x image key), so a repeated message
        or a second review is harmless; a review message older than ALERTS_MAX_AGE_SECONDS (a backlog
        after an outage) fires nothing."""
        now = now or datetime.now(UTC)
        if reviewed_at < now - timedelta(seconds=self.settings.alerts_max_age_seconds):
            raise SkipMessage("review too old for alerts")
        with self.ctx.sessions.begin() as session:
            image, _evaluated, camera = self.load(session, image_id)
            if image.status is not ImageStatus.COMPLETED:
                raise SkipMessage(f"image is {image.status.value}, not completed")
            rules = [] if camera is None else [
                rule for rule in self.active_rules(session, camera.project_id) if rule.spec.verified_only]
            fired = self.fire_matches(session, image, camera, rules, now) if camera is not None and rules else []
        announce(self.ctx, fired)
        return fired

    def fire_matches(self, session: Session, image: Image, camera: CameraInfo, rules: Sequence[ActiveRule],
                     now: datetime) -> list[Fired]:
        zone = camera_timezone(camera.config) or UTC
        taken = image.captured_at or image.received_at
        facts = ImageFacts(camera_id=camera.id, local_time=taken.astimezone(zone),
                           sightings=self.sightings(session, image.id),
                           verified=image.review_status is ReviewStatus.APPROVED)
        matched: list[tuple[ActiveRule, Match]] = []
        for rule in rules:
            found = match_species(rule.spec, facts)
            if found is not None:
                matched.append((rule, found))
        if not matched:
            return []
        matched = self.only_covering(session, camera, matched)
        matched = self.outside_cooldown(session, camera, matched, now)
        matched = [(rule, found) for rule, found in matched
                   if rule.spec.first_sighting_days is None
                   or self.first_sighting(session, image, camera.id, found, rule.spec.first_sighting_days)]
        firings = []
        for rule, found in matched:
            payload = self.payload(image, camera, found, facts.local_time, str(zone))
            species = ", ".join(f"{count} x {label}" for label, count in found.labels.items())
            firings.append(Firing(rule.ref, LogKind.MATCH, f"image:{image.id}", image_id=image.id, camera_id=camera.id,
                                  payload=payload,
                                  reason=f"{species} (confidence {found.best_confidence:.2f}) matches rule {rule.ref.name!r}"))
        return fire_all(session, firings)

    # --- loading ------------------------------------------------------------------------------------
    def load(self, session: Session, image_id: uuid.UUID) -> tuple[Image, bool, CameraInfo | None]:
        """The image, whether it was evaluated already, and its camera: one round trip."""
        row = session.execute(LOAD, {"image_id": image_id}).first()
        if row is None:
            raise SkipMessage("image no longer exists")
        image, evaluated, camera_id, name, config, lat, lon, project_id = row
        camera = None if camera_id is None else CameraInfo(id=camera_id, name=name, config=config or {}, lat=lat,
                                                           lon=lon, project_id=project_id)
        return image, bool(evaluated), camera

    def active_rules(self, session: Session, project_id: int | None) -> list[ActiveRule]:
        """The project's enabled species rules, parsed. Cached per project and reused while the rules'
        version stamp (count, newest update, id sum: any insert, update or delete changes it) holds;
        the stamp itself is read at most every RULES_RECHECK_SECONDS, so a changed rule applies to
        images evaluated from a second later on."""
        cached = self._rules.get(project_id)
        if cached is not None and time.monotonic() - cached[2] < RULES_RECHECK_SECONDS:
            return cached[1]
        scope = [AlertRule.enabled.is_(True), AlertRule.kind == RuleKind.SPECIES, AlertRule.project_id == project_id]
        stamp = tuple(session.execute(
            select(func.count(), func.max(AlertRule.updated_at), func.coalesce(func.sum(AlertRule.id), 0)).where(*scope)
        ).one())
        if cached is not None and cached[0] == stamp:
            self._rules[project_id] = (stamp, cached[1], time.monotonic())
            return cached[1]
        rows = session.execute(
            select(AlertRule.id, AlertRule.updated_at, AlertRule.name, AlertRule.project_id, AlertRule.mode,
                   AlertRule.cooldown_minutes, AlertRule.area.is_not(None), AlertRule.conditions).where(*scope)
        ).all()
        rules = []
        for rule_id, _updated_at, name, rule_project, mode, cooldown, has_area, conditions in rows:
            try:
                spec = parse_conditions(RuleKind.SPECIES, conditions, self.taxonomy)
            except ValueError as exc:  # stored before a taxonomy change: skip it, loudly
                log.error("alert_rule_invalid", rule_id=rule_id, error=str(exc))
                continue
            ref = RuleRef(id=rule_id, name=name, kind=RuleKind.SPECIES.value, project_id=rule_project, mode=mode)
            rules.append(ActiveRule(ref=ref, spec=spec, has_area=bool(has_area),
                                    cooldown=timedelta(minutes=cooldown)))
        self._rules[project_id] = (stamp, rules, time.monotonic())
        return rules

    def sightings(self, session: Session, image_id: uuid.UUID) -> list[Sighting]:
        """Each detection's final label: a human label wins; else the machine's top species; a person,
        a vehicle or an unclassified animal keeps the detector's category."""
        rows = session.execute(SIGHTINGS, {"image_id": image_id}).all()
        best: dict[int, Sighting] = {}
        for detection_id, category, det_conf, found_label, score, source in rows:
            label: str | None = found_label  # None: no classification joined (outer join)
            if label is None:
                candidate = Sighting(category.value, det_conf, human=False)
            elif source == "human":
                candidate = Sighting(label.strip().lower(), 1.0, human=True)
            else:
                candidate = Sighting(label.strip().lower(), score, human=False)
            current = best.get(detection_id)
            if current is None or (candidate.human and not current.human):
                best[detection_id] = candidate
        return list(best.values())

    # --- database parts of the rules, for all matching rules at once --------------------------------
    def only_covering(self, session: Session, camera: CameraInfo,
                      matched: list[tuple[ActiveRule, Match]]) -> list[tuple[ActiveRule, Match]]:
        area_ids = [rule.ref.id for rule, _ in matched if rule.has_area]
        if not area_ids:
            return matched
        covering = set(session.scalars(COVERING, {"rule_ids": area_ids, "camera_id": camera.id}).all())
        return [(rule, found) for rule, found in matched if not rule.has_area or rule.ref.id in covering]

    def outside_cooldown(self, session: Session, camera: CameraInfo, matched: list[tuple[ActiveRule, Match]],
                         now: datetime) -> list[tuple[ActiveRule, Match]]:
        cooling = sorted(rule.ref.id for rule, _ in matched if rule.cooldown > timedelta(0))
        if not cooling:
            return matched
        # Two images of one camera evaluated at once must not both pass the cooldown: serialise per
        # rule x camera for the rest of this transaction (sorted, so two workers cannot deadlock).
        session.execute(
            text("SELECT pg_advisory_xact_lock(r, :camera) FROM unnest(CAST(:rules AS integer[])) AS r ORDER BY r"),
            {"camera": camera.id, "rules": cooling},
        )
        last = dict(session.execute(LAST_FIRED, {"rule_ids": cooling, "camera_id": camera.id}).all())
        kept = []
        for rule, found in matched:
            previous = last.get(rule.ref.id)
            if previous is not None and now - previous < rule.cooldown:
                log.info("alert_in_cooldown", rule_id=rule.ref.id, camera_id=camera.id,
                         last_fired=previous.isoformat())
                continue
            kept.append((rule, found))
        return kept

    def first_sighting(self, session: Session, image: Image, camera_id: int, found: Match, days: int) -> bool:
        """True when none of the matched labels was seen at this camera in the `days` before this image."""
        taken = image.captured_at or image.received_at
        labels = list(found.labels)
        earlier: ColumnElement[bool] = (
            (Image.camera_id == camera_id) & (Image.id != image.id) & (Image.status == ImageStatus.COMPLETED)
            & (func.coalesce(Image.captured_at, Image.received_at) >= taken - timedelta(days=days))
            & (func.coalesce(Image.captured_at, Image.received_at) <= taken)
        )
        by_label = exists(
            select(Classification.id).join(Image, Image.id == Classification.image_id)
            .where(earlier, Classification.rank == 1, func.lower(Classification.label).in_(labels))
        )
        by_category = exists(
            select(Detection.id).join(Image, Image.id == Detection.image_id)
            .where(earlier, Detection.category.in_([c for c in labels if c in ("person", "vehicle")]))
        )
        seen = session.scalar(select(by_label | by_category))
        return not seen

    @staticmethod
    def payload(image: Image, camera: CameraInfo, found: Match, local_time: datetime, zone: str) -> dict[str, Any]:
        location = {"lat": camera.lat, "lon": camera.lon} if camera.lat is not None and camera.lon is not None else None
        return {
            "image_id": str(image.id),
            "camera_name": camera.name,
            "species": [{"label": label, "count": count} for label, count in found.labels.items()],
            "confidence": round(found.best_confidence, 4),
            "captured_at": (image.captured_at or image.received_at).isoformat(),
            "local_time": f"{local_time:%Y-%m-%d %H:%M} {zone}",
            "location": location,
            # Messages leave the platform (chat, e-mail): people in the photo are always blurred there.
            "thumbnail_key": blurred_thumbnail_key(image.id) if image.people_blurred else image.thumbnail_key,
        }
