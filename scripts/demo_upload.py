"""Fill a fresh platform with demo data the way cameras would: JPEGs uploaded over FTPS.

Registers four demo camera sites (with locations, so the map has markers), draws synthetic
camera-trap photos whose EXIF names those cameras, adds a few real Reconyx photos, and uploads
everything through the platform's FTPS server.

Usage: .venv/bin/python scripts/demo_upload.py [--count 24] [--wait]
"""

from __future__ import annotations

import argparse
import ftplib
import io
import random
import ssl
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert

from addax_common.db import Camera, Image, ImageStatus, make_engine, make_session_factory
from addax_common.settings import get_settings
from addax_models.camera_exif import CameraExif
from addax_models.synthetic import make_scene, random_animals

ROOT = Path(__file__).resolve().parents[1]
REAL_PHOTOS = ROOT / "services/ingestion/tests/data"

DEMO_CAMERAS = [  # name, serial, latitude, longitude (Hoge Veluwe, the Netherlands)
    ("Camera 7 - Deelense Veld", "DEMO-0007", 52.0791, 5.8163),
    ("Camera 12 - Oud Reemst", "DEMO-0012", 52.0462, 5.8018),
    ("Camera 3 - Wildbaan", "DEMO-0003", 52.0933, 5.8465),
    ("Camera 9 - Pampel", "DEMO-0009", 52.0578, 5.8791),
]


def register_cameras(sessions) -> None:
    with sessions.begin() as session:
        for name, serial, lat, lon in DEMO_CAMERAS:
            session.execute(
                insert(Camera)
                .values(name=name, serial_number=serial, is_assigned=True, site="Hoge Veluwe",
                        location=f"SRID=4326;POINT({lon} {lat})", make="AddaxSim", model="TrailCam S1")
                .on_conflict_do_nothing()
            )


def demo_files(count: int, seed: int) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(microsecond=0)
    files = []
    for i in range(count):
        name, serial, lat, lon = DEMO_CAMERAS[i % len(DEMO_CAMERAS)]
        captured = now - timedelta(hours=rng.uniform(0, 24 * 7))
        exif = CameraExif(
            captured_at=captured, serial=serial, latitude=lat, longitude=lon, altitude_m=40.0,
            battery_pct=rng.randint(15, 100), temperature_c=round(rng.uniform(-2, 24), 1), sd_fill_pct=rng.randint(5, 90),
        )
        # Mostly wildlife, sometimes an empty trigger (wind, sun) as real cameras produce.
        count = rng.choices([0, 1, 2, 3], weights=[1, 4, 3, 2])[0]
        animals = random_animals(random.Random(seed * 1000 + i), count)
        scene = make_scene(seed * 1000 + i, animals=animals, exif=exif)
        files.append((f"{serial}_{captured:%Y%m%d_%H%M%S}_{i:04d}.JPG", scene.jpeg))
    files.extend((photo.name, photo.read_bytes()) for photo in sorted(REAL_PHOTOS.glob("*.JPG"))[:3])
    return files


def upload(settings, files: list[tuple[str, bytes]]) -> None:
    user, password, _camera = settings.ftps_account_list()[0]
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the local server's certificate is self-signed
    ftp = ftplib.FTP_TLS(context=context, timeout=30)
    ftp.connect(settings.ftps_host, settings.ftps_port)
    ftp.login(user, password)
    ftp.prot_p()
    for name, data in files:
        ftp.storbinary(f"STOR {name}", io.BytesIO(data))
    ftp.quit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=24)
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100000)
    parser.add_argument("--wait", action="store_true", help="wait until the uploads are processed")
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    settings = get_settings()
    sessions = make_session_factory(make_engine(settings.database_url))
    register_cameras(sessions)
    files = demo_files(args.count, args.seed)
    started = time.monotonic()
    upload(settings, files)
    print(f"==> uploaded {len(files)} photos over FTPS to {settings.ftps_host}:{settings.ftps_port}")
    if not args.wait:
        return 0
    names = [name for name, _ in files]
    deadline = started + args.timeout
    while time.monotonic() < deadline:
        with sessions() as session:
            done = session.scalar(
                select(func.count()).select_from(Image)
                .where(Image.original_filename.in_(names), Image.status.in_([ImageStatus.COMPLETED, ImageStatus.FAILED, ImageStatus.REJECTED]))
            )
        if done >= len(files):
            break
        time.sleep(1)
    print(f"==> {done}/{len(files)} demo photos processed in {time.monotonic() - started:.1f}s")
    return 0 if done >= len(files) else 1


if __name__ == "__main__":
    sys.exit(main())
