"""Ingestion test fixtures, on top of the repository-wide ones (tests/support/fixtures.py):
real PostgreSQL, Redis and storage; here the FTPS accounts, the ingest pipeline and JPEG makers."""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from addax_common.db import Camera, CameraStatus, Image
from addax_common.events import EVENTS_CHANNEL
from addax_common.ingest.ingest import Ingestor
from addax_ingestion.pipeline import IngestPipeline
from tests.support.jpegs import make_jpeg
from tests.support.servers import free_port
from tests.support.stack import wait_until

DATA = Path(__file__).parent / "data"
REAL_PHOTOS = sorted(DATA.glob("*.JPG"))

# cam1 is a per-camera account with a configured camera name; site2 is a per-site account without one.
ACCOUNTS = "cam1:pw-one:Camera One,site2:pw-two"


@pytest.fixture
def settings(settings):
    """The shared test settings plus FTPS on free ports and two accounts."""
    passive = free_port() // 20 * 20 % 20000 + 40000
    return settings.model_copy(
        update={
            "ftps_port": free_port(),
            "ftps_passive_ports": f"{passive}-{passive + 19}",
            "ftps_accounts": ACCOUNTS,
            "ingest_scan_interval_seconds": 1.0,
        }
    )


@pytest.fixture
def ingestor(ctx) -> Ingestor:
    return Ingestor(ctx)


@pytest.fixture
def results() -> list:
    return []


@pytest.fixture
def pipeline(ingestor, results) -> Iterator[IngestPipeline]:
    pipe = IngestPipeline(ingestor, workers=2, on_result=results.append)
    yield pipe
    pipe.shutdown(wait=True)


@pytest.fixture
def upload_dir(settings) -> Path:
    path = Path(settings.upload_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def put_upload(upload_dir) -> Callable[..., Path]:
    """Write a file as an external FTPS server would: <upload_dir>/<account>/<name>."""

    def put(name: str, data: bytes, account: str | None = "site2") -> Path:
        folder = upload_dir / account if account else upload_dir
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_bytes(data)
        return path

    return put


@pytest.fixture
def events(ctx) -> Iterator[Callable[..., list[dict]]]:
    """Subscribe to the events channel now; call the result to collect events (waits for `count`)."""
    pubsub = ctx.redis.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(f"{ctx.settings.redis_prefix}{EVENTS_CHANNEL}")
    deadline = time.time() + 5
    while time.time() < deadline:  # wait for the subscription to be active
        if pubsub.get_message(timeout=0.1) is None and pubsub.subscribed:
            break
    received: list[dict] = []

    def collect(count: int = 0, timeout: float = 5.0, event_type: str | None = None) -> list[dict]:
        end = time.time() + timeout
        while True:
            matching = [e for e in received if event_type is None or e["type"] == event_type]
            if len(matching) >= count and (count or time.time() >= end):
                return matching
            if time.time() >= end:
                return matching
            message = pubsub.get_message(timeout=0.1)
            if message and message["type"] == "message":
                received.append(json.loads(message["data"]))

    yield collect
    pubsub.close()


# --- JPEG makers (tests/support/jpegs.py, shared with the upload doors' tests) -------------------------------------------------------------------------------
@pytest.fixture
def jpeg() -> Callable[..., bytes]:
    return make_jpeg


# --- helpers as fixtures (test modules cannot import conftest under --import-mode=importlib) ---------
class Db:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def images(self, **filters) -> list[Image]:
        with self.ctx.sessions() as session:
            query = select(Image).order_by(Image.received_at)
            for name, value in filters.items():
                query = query.where(getattr(Image, name) == value)
            return list(session.scalars(query))

    def cameras(self) -> list[Camera]:
        with self.ctx.sessions() as session:
            return list(session.scalars(select(Camera).order_by(Camera.id)))

    def statuses(self) -> list[CameraStatus]:
        with self.ctx.sessions() as session:
            return list(session.scalars(select(CameraStatus).order_by(CameraStatus.reported_at)))

    def image_count(self) -> int:
        with self.ctx.sessions() as session:
            return session.scalar(select(func.count()).select_from(Image))

    def gps(self, image_id) -> tuple[float, float] | None:
        with self.ctx.sessions() as session:
            row = session.execute(
                select(func.ST_X(func.ST_GeomFromWKB(func.ST_AsBinary(Image.gps))),
                       func.ST_Y(func.ST_GeomFromWKB(func.ST_AsBinary(Image.gps))))
                .where(Image.id == image_id, Image.gps.is_not(None))
            ).first()
            return (row[1], row[0]) if row else None


@pytest.fixture
def db(ctx) -> Db:
    return Db(ctx)


def _files_under(path: Path) -> list[Path]:
    return sorted(p for p in Path(path).rglob("*") if p.is_file())


@pytest.fixture
def upload_files(upload_dir) -> Callable[[], list[Path]]:
    """Every file left under the upload directory (account folders themselves may stay)."""
    return lambda: _files_under(upload_dir)


@pytest.fixture
def wait_for():
    return functools.partial(wait_until, timeout=10.0, interval=0.05)
