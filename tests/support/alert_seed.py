"""Rows the alert tests start from: cameras, completed images with detections and labels, channels, rules."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from PIL import Image as PILImage
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from addax_alerts.__main__ import AlertsService
from addax_common.alerts.area import area_wkt
from addax_common.context import ServiceContext
from addax_common.db import (
    AlertChannel,
    AlertRule,
    Camera,
    Classification,
    Detection,
    DetectionCategory,
    Image,
    ImageStatus,
    RuleKind,
    TriggerMode,
)
from addax_common.reliable_queue import QUEUE_ALERT_DELIVERIES, QUEUE_ALERT_REVIEWS, QUEUE_CLASSIFICATION_COMPLETE
from addax_common.secret_box import SecretBox
from addax_common.settings import Settings
from addax_common.storage import BUCKET_THUMBNAILS, thumbnail_key
from addax_common.worker import Worker
from tests.support.receivers import HttpReceiver
from tests.support.servers import REPO, free_port, settings_env

PROJECT = 1  # the default project every test database starts with; cameras join it unless told otherwise


def jpeg(color: tuple[int, int, int] = (30, 120, 60)) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (64, 48), color).save(out, "JPEG")
    return out.getvalue()


def camera(session: Session, name: str, lon: float | None = 5.0, lat: float | None = 52.0,
           timezone: str = "UTC", created_at: datetime | None = None) -> Camera:
    cam = Camera(name=name, config={"timezone": timezone}, is_assigned=True)
    if lon is not None and lat is not None:
        cam.location = f"SRID=4326;POINT({lon} {lat})"
    if created_at is not None:
        cam.created_at = created_at
    session.add(cam)
    session.flush()
    return cam


def completed_image(ctx: ServiceContext, session: Session, camera_id: int, labels: list[tuple[str, float]],
                    captured_at: datetime | None = None, completed_at: datetime | None = None,
                    persons: int = 0) -> Image:
    """A completed image whose animal detections carry these top labels (and `persons` person boxes)."""
    now = datetime.now(UTC)
    image_id = uuid.uuid4()
    image = Image(id=image_id, camera_id=camera_id, original_filename=f"{image_id}.jpg", sha256=uuid.uuid4().hex * 2,
                  file_size=1000, status=ImageStatus.COMPLETED, captured_at=captured_at or now,
                  received_at=completed_at or now, completed_at=completed_at or now,
                  thumbnail_key=thumbnail_key(image_id))
    session.add(image)
    session.flush()
    ctx.storage.put(BUCKET_THUMBNAILS, thumbnail_key(image_id), jpeg(), "image/jpeg")
    for index, (label, score) in enumerate(labels):
        det = Detection(image_id=image_id, index=index, category=DetectionCategory.ANIMAL, confidence=0.9,
                        bbox_x=0.1, bbox_y=0.1, bbox_w=0.2, bbox_h=0.2, model_name="test")
        session.add(det)
        session.flush()
        session.add(Classification(detection_id=det.id, image_id=image_id, label=label, score=score, rank=1,
                                   model_name="test"))
    for index in range(len(labels), len(labels) + persons):
        session.add(Detection(image_id=image_id, index=index, category=DetectionCategory.PERSON, confidence=0.95,
                              bbox_x=0.5, bbox_y=0.5, bbox_w=0.2, bbox_h=0.2, model_name="test"))
    session.flush()
    return image


def channel(ctx: ServiceContext, session: Session, kind: str, settings: dict[str, Any],
            secrets: dict[str, Any] | None = None, name: str | None = None) -> AlertChannel:
    row = AlertChannel(project_id=PROJECT, kind=kind, name=name or kind, settings=settings,
                       secrets_encrypted=SecretBox(ctx.settings.alerts_secret_key).encrypt(secrets or {}))
    session.add(row)
    session.flush()
    return row


def rule(session: Session, channels: list[AlertChannel], conditions: dict[str, Any], *,
         kind: RuleKind = RuleKind.SPECIES, name: str = "wolves", cooldown_minutes: int = 0,
         mode: TriggerMode = TriggerMode.IMMEDIATE, area: dict[str, Any] | None = None,
         digest_time: str | None = None, timezone: str = "UTC") -> AlertRule:
    row = AlertRule(project_id=PROJECT, name=name, kind=kind, conditions=conditions,
                    cooldown_minutes=cooldown_minutes, mode=mode, digest_time=digest_time, timezone=timezone)
    if area is not None:
        row.area = f"SRID=4326;{area_wkt(area)}"
    row.channels = channels
    session.add(row)
    session.flush()
    return row


def square(lon: float, lat: float, half: float = 0.05) -> dict[str, Any]:
    ring = [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half],
            [lon - half, lat - half]]
    return {"type": "Polygon", "coordinates": [ring]}


def minutes_ago(minutes: float) -> datetime:
    return datetime.now(UTC) - timedelta(minutes=minutes)


def drain(ctx: ServiceContext, timeout: float = 10.0) -> None:
    """Run the service's evaluate and deliver loops until both queues (and due retries) are empty."""
    service = AlertsService(ctx.__class__(**{**ctx.__dict__}))
    workers: list[Worker] = service.workers
    deadline = time.time() + timeout
    while time.time() < deadline:
        busy = sum(worker.run_once(timeout=0.05) for worker in workers)
        for worker in workers:
            worker.queue.promote_due()
        waiting = sum(ctx.queue(q).depth() + ctx.queue(q).delayed_count()
                      for q in (QUEUE_CLASSIFICATION_COMPLETE, QUEUE_ALERT_REVIEWS, QUEUE_ALERT_DELIVERIES))
        if not busy and not waiting:
            return
    raise AssertionError("queues did not drain")


def count(ctx: ServiceContext, model: type, *where: object) -> int:
    with ctx.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)  # type: ignore[arg-type]


def webhook(ctx: ServiceContext, session, receiver: HttpReceiver, name: str = "hook") -> AlertChannel:
    return channel(ctx, session, "webhook", {"url": f"{receiver.url}/{name}"}, {"signing_secret": "s"}, name=name)


def start_alerts(settings: Settings, loops: str, metrics_port: int = 0) -> subprocess.Popen[bytes]:
    """`python -m addax_alerts` running only `loops`, as the supervisor starts it."""
    env = settings_env(settings)
    env.update(ALERTS_LOOPS=loops, METRICS_PORT=str(metrics_port or free_port()), LOG_LEVEL="INFO")
    return subprocess.Popen([sys.executable, "-m", "addax_alerts"], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def scheduler_runs(metrics_port: int, task: str) -> float:
    """How often a running alerts process's scheduler has run `task` (its metrics); 0 before it serves."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{metrics_port}/metrics", timeout=5) as answer:
            text = answer.read().decode()
    except OSError:
        return 0.0
    found = re.search(rf'^alert_scheduler_runs_total\{{task="{task}"\}} (\S+)$', text, flags=re.M)
    return float(found.group(1)) if found else 0.0
