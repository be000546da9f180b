#!/usr/bin/env python3
"""Upload throughput over loopback through each door: FTPS (the baseline), the HTTP upload API, the
web upload's resumable protocol (tus, a user's token) and addax-upload (tus, an upload key).

The API and the ingestion service run as their own processes (tests/support/stack.py) on a
throw-away database, Redis prefix and storage directory. Each door sends N distinct ~3 MB JPEGs
(one 2048x1536 photo made unique per file with a JPEG comment, so de-duplication does not skip
any) over 4 connections at once; the clock stops when the N-th image row is committed (for FTPS,
ingestion runs after the transfer, so its time counts too). Writes the section "Upload throughput
by door" of docs/performance.md.

    .venv/bin/python bench/bench_upload.py [--photos 500] [--quick] [--no-write]
"""

from __future__ import annotations

import argparse
import ftplib
import hashlib
import io
import random
import ssl
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools/addax-upload"))

import httpx  # noqa: E402
from addax_upload.client import Client  # noqa: E402
from PIL import Image as PILImage  # noqa: E402
from sqlalchemy import create_engine, func, select  # noqa: E402

from addax_api.uploads.service import hash_key  # noqa: E402
from addax_common.db import Image, Project, UploadKey  # noqa: E402
from addax_common.settings import Settings  # noqa: E402
from bench.report import write_section  # noqa: E402
from tests.support.database import create_test_database, drop_database  # noqa: E402
from tests.support.stack import Stack, wait_until  # noqa: E402

TITLE = "Upload throughput by door"
CONNECTIONS = 4
KEY = "addax_bench-key-0123456789abcdefghijklmn"
ADMIN = ("bench-admin@example.org", "bench-admin-password-1")


def base_photo(megabytes: float) -> bytes:
    """A 2048x1536 JPEG of about `megabytes` (noise compresses like a detailed scene; decoding costs the same)."""
    rng = random.Random(7)
    side = (2048, 1536) if megabytes >= 2 else (1280, 960)
    img = PILImage.frombytes("RGB", side, rng.randbytes(side[0] * side[1] * 3))
    for quality in (80, 85, 90, 92, 95):
        out = io.BytesIO()
        img.save(out, "JPEG", quality=quality)
        if len(out.getvalue()) >= megabytes * 1e6 * 0.93:
            break
    return out.getvalue()


def variant(base: bytes, note: str) -> bytes:
    """The same photo with a JPEG comment: other bytes, another sha256."""
    text = note.encode()
    segment = b"\xff\xfe" + (len(text) + 2).to_bytes(2, "big") + text
    return base[:2] + segment + base[2:]


def photos(base: bytes, door: str, count: int) -> Iterator[tuple[str, bytes]]:
    for i in range(count):
        yield f"{door}-{i:04d}.JPG", variant(base, f"{door} {i}")


def parallel(items: Iterator[tuple[str, bytes]], send: Callable[[str, bytes], None]) -> None:
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        list(pool.map(lambda item: send(*item), items))


def ftps_door(stack: Stack, base: bytes, count: int) -> None:
    user, password = stack.settings.ftps_account_list()[0][:2]
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    items = list(photos(base, "ftps", count))

    def connection(chunk: list[tuple[str, bytes]]) -> None:
        ftp = ftplib.FTP_TLS(context=context, timeout=60)
        ftp.connect("127.0.0.1", stack.settings.ftps_port)
        ftp.login(user, password)
        ftp.prot_p()
        for name, data in chunk:
            ftp.storbinary(f"STOR {name}", io.BytesIO(data))
        ftp.quit()

    with ThreadPoolExecutor(CONNECTIONS) as pool:
        list(pool.map(connection, [items[i::CONNECTIONS] for i in range(CONNECTIONS)]))


def http_api_door(stack: Stack, base: bytes, count: int) -> None:
    with httpx.Client(base_url=stack.api_url, headers={"X-Api-Key": KEY}, timeout=120) as http:
        def send(name: str, data: bytes) -> None:
            response = http.post("/api/upload/images", content=data, headers={"X-Filename": name})
            assert response.status_code == 201, response.text

        parallel(photos(base, "http", count), send)


def tus_door(base: bytes, count: int, door: str, client: Client, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)

    def send(name: str, data: bytes) -> None:
        path = folder / name
        path.write_bytes(data)
        location = client.create(path, name, hashlib.sha256(data).hexdigest())
        result = client.send(location, path, lambda _sent: None)
        assert result.outcome == "received", result
        path.unlink()

    parallel(photos(base, door, count), send)
    client.close()


def measure(url: str, name: str, run: Callable[[], None], count: int, size: int, already: int) -> dict[str, float]:
    engine = create_engine(url)

    def images() -> int:
        with engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(Image))

    started = time.monotonic()
    run()
    wait_until(lambda: images() >= already + count, timeout=1800, interval=0.1, what=f"{name}: all images in")
    seconds = time.monotonic() - started
    engine.dispose()
    return {"seconds": seconds, "images_s": count / seconds, "mb_s": count * size / 1e6 / seconds}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=500)
    parser.add_argument("--megabytes", type=float, default=3.0)
    parser.add_argument("--quick", action="store_true", help="40 photos of about 1 MB: a smoke run")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    count, megabytes = (40, 1.0) if args.quick else (args.photos, args.megabytes)
    base = base_photo(megabytes)
    size = len(base)
    url = create_test_database()
    results: dict[str, dict[str, float]] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            settings = Settings(
                _env_file=None, environment="test", database_url=url, redis_prefix=f"bench-upload-{time.time_ns()}:",
                storage_backend="directory", storage_dir=work / "storage", upload_dir=work / "uploads",
                upload_staging_dir=work / "staging", ftps_accounts="bench:bench-password-123",
                rate_limit_per_minute=0, upload_rate_limit_per_minute=1_000_000, admin_email=ADMIN[0],
                admin_password=ADMIN[1], cookie_secure=False, ingest_stable_seconds=0.5,
            )
            stack = Stack(settings, work / "logs").start("api", "ingestion")
            try:
                engine = create_engine(url)
                with engine.begin() as connection:
                    project_id = connection.scalar(select(Project.id).where(Project.slug == "default"))
                    connection.execute(UploadKey.__table__.insert().values(
                        project_id=project_id, name="bench", prefix=KEY[:12], key_hash=hash_key(KEY)))
                engine.dispose()
                token = httpx.post(f"{stack.api_url}/api/auth/login",
                                   json={"email": ADMIN[0], "password": ADMIN[1]}).json()["access_token"]
                doors: list[tuple[str, Callable[[], None]]] = [
                    ("FTPS (baseline)", lambda: ftps_door(stack, base, count)),
                    ("HTTP upload API (one POST a file)", lambda: http_api_door(stack, base, count)),
                    ("web upload (tus, user token)", lambda: tus_door(
                        base, count, "web",
                        Client(stack.api_url, None, tus_path="/api/projects/default/uploads",
                               headers={"Authorization": f"Bearer {token}"}), work / "web")),
                    ("addax-upload (tus, upload key)", lambda: tus_door(
                        base, count, "cli", Client(stack.api_url, KEY), work / "cli")),
                ]
                done = 0
                for name, run in doors:
                    results[name] = measure(url, name, run, count, size, done)
                    done += count
                    print(f"{name}: {results[name]['mb_s']:.1f} MB/s, {results[name]['images_s']:.1f} images/s",
                          flush=True)
            finally:
                stack.stop()
    finally:
        drop_database(url)

    baseline = results["FTPS (baseline)"]
    rows = [
        f"| {name} | {r['seconds']:.1f} | {r['mb_s']:.1f} | {r['images_s']:.1f} | {r['mb_s'] / baseline['mb_s']:.2f} |"
        for name, r in results.items()
    ]
    body = "\n".join([
        f"{count} distinct JPEGs of {size / 1e6:.1f} MB ({count * size / 1e6:.0f} MB a door) over loopback, "
        f"{CONNECTIONS} connections at once, into the same ingestion (validation with a full decode, sha256, "
        "storage in the directory backend, the image row): the clock stops when the last row is committed. "
        "API and ingestion are separate processes on the same machine; tus sends 4 MiB chunks with a sha256 "
        "checksum each. `bench/bench_upload.py`" + (" --quick" if args.quick else f" --photos {count}") + ". "
        "Every door is bound by the same ingestion work (above all the full JPEG decode of the validation) on "
        "the machine's cores, so the doors land within noise of each other; on a shared machine the two tus "
        "rows (the same protocol) show how large that noise is.",
        "",
        "| door | seconds | MB/s | images/s | vs FTPS |",
        "|---|---:|---:|---:|---:|",
        *rows,
    ])
    print(body)
    if not args.no_write:
        write_section(TITLE, body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
