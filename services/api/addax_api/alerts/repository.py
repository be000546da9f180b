"""Queries of the alerts domain. Every one takes the owner: a project id, or None for the server admins'
own rules and channels (system health), so no query can reach another project's rows."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from geoalchemy2.elements import WKTElement
from sqlalchemy import ColumnElement, Select, exists, func, select
from sqlalchemy.orm import Session, selectinload

from addax_common.db import Camera
from addax_common.db.alerts import AlertChannel, AlertDelivery, AlertLog, AlertRule, DeliveryStatus


def _owned(column: Any, owner: int | None) -> ColumnElement[bool]:
    result: ColumnElement[bool] = column.is_(None) if owner is None else column == owner
    return result


def area_element(wkt: str) -> WKTElement:
    return WKTElement(wkt, srid=4326)


# --- rules ---------------------------------------------------------------------------------------------
def _last_fired() -> Any:
    return select(func.max(AlertLog.fired_at)).where(AlertLog.rule_id == AlertRule.id).scalar_subquery()


def list_rules(db: Session, owner: int | None) -> list[tuple[AlertRule, str | None, datetime | None]]:
    """Rules with their area as GeoJSON text and when each last fired, oldest first."""
    rows = db.execute(
        select(AlertRule, func.ST_AsGeoJSON(AlertRule.area), _last_fired())
        .where(_owned(AlertRule.project_id, owner))
        .options(selectinload(AlertRule.channels))
        .order_by(AlertRule.id)
    ).all()
    return [(rule, area, last_fired) for rule, area, last_fired in rows]


def get_rule(db: Session, owner: int | None, rule_id: int, for_update: bool = False) -> AlertRule | None:
    query = select(AlertRule).where(AlertRule.id == rule_id, _owned(AlertRule.project_id, owner))
    if for_update:
        query = query.with_for_update()
    return db.scalars(query.options(selectinload(AlertRule.channels))).first()


def area_and_last_fired(db: Session, rule_id: int) -> tuple[str | None, datetime | None]:
    row = db.execute(select(func.ST_AsGeoJSON(AlertRule.area), _last_fired()).where(AlertRule.id == rule_id)).one()
    return row[0], row[1]


def channels_by_id(db: Session, owner: int | None, ids: list[int]) -> list[AlertChannel]:
    if not ids:
        return []
    return list(db.scalars(
        select(AlertChannel).where(AlertChannel.id.in_(ids), _owned(AlertChannel.project_id, owner))
        .order_by(AlertChannel.id)
    ).all())


def camera_ids_in_project(db: Session, project_id: int, ids: list[int]) -> set[int]:
    if not ids:
        return set()
    return set(db.scalars(select(Camera.id).where(Camera.id.in_(ids), Camera.project_id == project_id)).all())


# --- channels -----------------------------------------------------------------------------------------
def list_channels(db: Session, owner: int | None) -> list[AlertChannel]:
    return list(db.scalars(
        select(AlertChannel).where(_owned(AlertChannel.project_id, owner)).order_by(AlertChannel.id)
    ).all())


def get_channel(db: Session, owner: int | None, channel_id: int, for_update: bool = False) -> AlertChannel | None:
    query = select(AlertChannel).where(AlertChannel.id == channel_id, _owned(AlertChannel.project_id, owner))
    if for_update:
        query = query.with_for_update()
    return db.scalars(query).first()


# --- history --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HistoryFilters:
    rule_id: int | None = None
    camera_id: int | None = None
    species: str | None = None
    status: DeliveryStatus | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None


def _delivery_count(status: DeliveryStatus) -> Any:
    return (
        select(func.count()).where(AlertDelivery.alert_log_id == AlertLog.id, AlertDelivery.status == status)
        .correlate(AlertLog).scalar_subquery().label(status.value)
    )


def _history(project_id: int, f: HistoryFilters) -> Select[Any]:
    conditions: list[ColumnElement[bool]] = [AlertLog.project_id == project_id]
    if f.rule_id is not None:
        conditions.append(AlertLog.rule_id == f.rule_id)
    if f.camera_id is not None:
        conditions.append(AlertLog.camera_id == f.camera_id)
    if f.species:
        # The payload lists the matched species as [{"label": ..., "count": ...}]; containment uses no cast.
        conditions.append(AlertLog.payload["species"].contains(json.dumps([{"label": f.species}])))
    if f.status is not None:
        conditions.append(exists().where(AlertDelivery.alert_log_id == AlertLog.id, AlertDelivery.status == f.status))
    if f.date_from is not None:
        conditions.append(AlertLog.fired_at >= f.date_from)
    if f.date_to is not None:
        conditions.append(AlertLog.fired_at < f.date_to)
    return (
        select(AlertLog, AlertRule.name.label("rule_name"), Camera.name.label("camera_name"),
               *(_delivery_count(s) for s in DeliveryStatus))
        .join(AlertRule, AlertRule.id == AlertLog.rule_id)
        .outerjoin(Camera, Camera.id == AlertLog.camera_id)
        .where(*conditions)
    )


def history(db: Session, project_id: int, f: HistoryFilters, offset: int, limit: int) -> tuple[list[Any], int]:
    query = _history(project_id, f)
    total = db.scalar(select(func.count()).select_from(query.with_only_columns(AlertLog.id).subquery())) or 0
    rows = db.execute(query.order_by(AlertLog.fired_at.desc(), AlertLog.id.desc()).offset(offset).limit(limit)).all()
    return list(rows), total


def alert(db: Session, project_id: int, alert_id: int) -> Any:
    return db.execute(_history(project_id, HistoryFilters()).where(AlertLog.id == alert_id)).first()


def deliveries(db: Session, alert_id: int) -> list[Any]:
    return list(db.execute(
        select(AlertDelivery, AlertChannel.name.label("channel_name"), AlertChannel.kind.label("channel_kind"))
        .join(AlertChannel, AlertChannel.id == AlertDelivery.channel_id)
        .where(AlertDelivery.alert_log_id == alert_id)
        .order_by(AlertDelivery.id)
    ).all())
