"""Helpers for the cross-service pipeline tests and benchmarks: FTPS uploads, event capture, box overlap, DB queries."""

from __future__ import annotations

import ftplib
import hashlib
import io
import json
import ssl
import threading
import uuid
from datetime import UTC, datetime

import redis
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from addax_common.db import Image, ImageStatus
from addax_common.storage import BUCKET_RAW, make_storage, raw_image_key
from addax_models.palette import SPECIES
from addax_models.synthetic import make_scenes


def ftps_connect(port: int, login: tuple[str, str], timeout: float = 30) -> ftplib.FTP_TLS:
    """A logged-in explicit-TLS session with a protected data channel (the test certificate is self-signed)."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    ftp = ftplib.FTP_TLS(context=context, timeout=timeout)
    ftp.connect("127.0.0.1", port)
    ftp.login(*login)
    ftp.prot_p()
    return ftp


def ftps_upload(settings, files: list[tuple[str, bytes]], account: int = 0, login: tuple[str, str] | None = None,
                timeout: float = 30) -> None:
    """Uploads through the configured account number `account`, or through `login` (user, password),
    e.g. an account created in the dashboard."""
    user, password = login or settings.ftps_account_list()[account][:2]
    ftp = ftps_connect(settings.ftps_port, (user, password), timeout)
    for name, data in files:
        ftp.storbinary(f"STOR {name}", io.BytesIO(data))
    ftp.quit()


def iou(a, b) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    ix = max(0.0, min(ax + aw, bx + bw) - max(ax, bx))
    iy = max(0.0, min(ay + ah, by + bh) - max(ay, by))
    inter = ix * iy
    union = aw * ah + bw * bh - inter
    return inter / union if union > 0 else 0.0


class EventRecorder:
    """Subscribes to the run's `events` channel in a thread and keeps every event."""

    def __init__(self, settings) -> None:
        self.client = redis.Redis.from_url(settings.redis_url, decode_responses=True)
        self.pubsub = self.client.pubsub(ignore_subscribe_messages=True)
        self.pubsub.subscribe(settings.key("events"))
        self.events: list[dict] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            message = self.pubsub.get_message(timeout=0.2)
            if message and message["type"] == "message":
                self.events.append(json.loads(message["data"]))

    def of_type(self, event_type: str) -> list[dict]:
        return [e for e in self.events if e["type"] == event_type]

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.pubsub.close()
        self.client.close()


class Db:
    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)

    def status_counts(self) -> dict[str, int]:
        with Session(self.engine) as s:
            rows = s.execute(select(Image.status, func.count()).group_by(Image.status)).all()
        return {status.value: count for status, count in rows}

    def count(self, *statuses: ImageStatus) -> int:
        with Session(self.engine) as s:
            query = select(func.count()).select_from(Image)
            if statuses:
                query = query.where(Image.status.in_(statuses))
            return s.scalar(query)

    def session(self) -> Session:
        return Session(self.engine)

    def close(self) -> None:
        self.engine.dispose()


def seed_received_images(settings, count: int, width: int = 320, height: int = 180) -> list[str]:
    """`count` images as ingestion leaves them (original stored, row `received`), from a few small
    synthetic scenes: the test is about sharing work, so decoding large photos would only slow it."""
    storage = make_storage(settings)
    storage.ensure_buckets()
    scenes = make_scenes(8, seed=31, width=width, height=height, labels=SPECIES)
    db = Db(settings.database_url)
    ids = []
    with db.session() as session, session.begin():
        for n in range(count):
            image_id = uuid.uuid4()
            jpeg = scenes[n % len(scenes)].jpeg
            key = raw_image_key(None, image_id, datetime.now(UTC))
            storage.put(BUCKET_RAW, key, jpeg)
            session.add(Image(id=image_id, original_filename=f"MW_{n:03d}.JPG", file_size=len(jpeg),
                              sha256=hashlib.sha256(jpeg + image_id.bytes).hexdigest(), storage_key=key))
            ids.append(str(image_id))
    db.close()
    return ids
