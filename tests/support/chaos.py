"""Chaos run (issue 13, item 7): an FTPS burst through the whole platform while faults hit it in turn.

Everything is real and private to the run: a PostgreSQL cluster (initdb + pg_ctl), a redis-server, a
moto S3 server behind a TCP gate (closing the gate makes storage unavailable without losing its
data), the upload directory on a small tmpfs (filled for ENOSPC), and the services as child processes.
Cameras are simulated as FTPS sessions that, like real trail cameras, send a file again when a
transfer fails. Every process is ended by the pid this harness started, nothing else.

Used by tests/test_chaos.py (the quick variant, in scripts/test.sh) and bench/bench_chaos.py (the
full one, `scripts/bench.sh --full`).
"""

from __future__ import annotations

import contextlib
import errno
import ftplib
import io
import json
import os
import random
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import redis
from sqlalchemy import func, select

from addax_common.db import Classification, Detection, Image, ImageStatus
from addax_common.reliable_queue import QUEUE_DETECTION_COMPLETE, QUEUE_IMAGE_INGESTED, ReliableQueue
from addax_common.settings import Settings
from addax_models.camera_exif import CameraExif
from addax_models.palette import SPECIES
from addax_models.synthetic import make_scene, random_animals
from tests.support.pipeline import Db
from tests.support.private_servers import PrivatePostgres, PrivateRedis
from tests.support.servers import S3Server, free_port
from tests.support.stack import Stack, wait_until

ADMIN = ("chaos-admin@example.org", "chaos-admin-pass-1234")
CAMERA = ("chaoscam", "chaos-cam-pass-1234")
TERMINAL = {ImageStatus.COMPLETED, ImageStatus.FAILED, ImageStatus.REJECTED}


# --- a TCP gate in front of the S3 server ---------------------------------------------------------------
class TcpGate:
    """A loopback TCP relay: `close()` resets the open connections and every new one (the server behind
    is unreachable, as when the storage host or network is down), `open()` lets them through again.
    The server behind keeps running, so no stored object is lost."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._open = False
        self._conns: set[socket.socket] = set()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def open(self) -> None:
        """Let connections through (the first call also starts listening)."""
        self._open = True
        if self._listener is None:
            listener = socket.socket()
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", self.port))
            listener.listen(128)
            self._listener = listener
            threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def close(self) -> None:
        """Refuse: every connection, open or new, is reset. The port stays bound to the gate, so no other
        socket can take it while storage is 'down'."""
        self._open = False
        with self._lock:
            conns, self._conns = self._conns, set()
        for conn in conns:
            _reset(conn)

    def shutdown(self) -> None:
        self.close()
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            if not self._open:
                _reset(client)
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._conns |= {client, upstream}
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)
            with self._lock:
                self._conns.discard(source)
            source.close()


def _reset(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


# --- simulated cameras ------------------------------------------------------------------------------------
def chaos_images(count: int, width: int = 320, height: int = 180, seed: int = 13) -> list[tuple[str, bytes]]:
    """`count` distinct camera-trap photos (1..2 animals, real EXIF), small so the models keep up."""
    base = datetime(2026, 7, 1, 5, 0, tzinfo=UTC)
    files = []
    for i in range(count):
        rng = random.Random(seed * 10_000 + i)
        exif = CameraExif(captured_at=base + timedelta(minutes=3 * i), serial="CHAOS-0001")
        animals = random_animals(rng, rng.randint(1, 2), width / height, labels=SPECIES)
        scene = make_scene(seed * 10_000 + i, width, height, animals=animals, exif=exif)
        files.append((f"CH_{i:05d}.JPG", scene.jpeg))
    return files


class Cameras:
    """`sessions` FTPS sessions sending `files` at about `rate` files a second in total. A failed
    transfer or a lost connection is retried after a short pause, as trail cameras do; `done` holds
    the wall-clock time each file's transfer was confirmed (226)."""

    def __init__(self, port: int, files: list[tuple[str, bytes]], rate: float, sessions: int = 4) -> None:
        self.port = port
        self.files = files
        self.interval = sessions / rate
        self.sessions = sessions
        self.done: dict[str, float] = {}
        self.failures = 0
        self.interrupted = 0  # STOR commands that failed after they started (cut off, or 4xx/5xx)
        self.transferring = 0
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._run, args=(files[i::sessions],), daemon=True)
                         for i in range(sessions)]

    def start(self) -> Cameras:
        for thread in self._threads:
            thread.start()
        return self

    def join(self, timeout: float) -> None:
        deadline = time.time() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.time()))
        if any(t.is_alive() for t in self._threads):
            raise TimeoutError(f"uploads not finished after {timeout}s: {len(self.done)}/{len(self.files)} sent")

    def _connect(self) -> ftplib.FTP_TLS:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        ftp = ftplib.FTP_TLS(context=context, timeout=15)
        ftp.connect("127.0.0.1", self.port)
        ftp.login(*CAMERA)
        ftp.prot_p()
        return ftp

    def _run(self, files: list[tuple[str, bytes]]) -> None:
        ftp: ftplib.FTP_TLS | None = None
        for name, data in files:
            started = time.monotonic()
            while True:
                try:
                    ftp = ftp or self._connect()
                    with self._lock:
                        self.transferring += 1
                    try:
                        # Small blocks: a transfer takes long enough for a kill to land inside it.
                        ftp.storbinary(f"STOR {name}", io.BytesIO(data), blocksize=2048,
                                       callback=lambda _block: time.sleep(0.002))
                    except (OSError, EOFError, ftplib.Error):
                        with self._lock:
                            self.interrupted += 1  # the STOR had started: cut off or refused mid-way
                        raise
                    finally:
                        with self._lock:
                            self.transferring -= 1
                    self.done[name] = time.time()
                    break
                except (OSError, EOFError, ftplib.Error):
                    with self._lock:
                        self.failures += 1
                    if ftp is not None:
                        with contextlib.suppress(Exception):
                            ftp.close()
                    ftp = None
                    time.sleep(0.5)
            time.sleep(max(0.0, self.interval - (time.monotonic() - started)))
        if ftp is not None:
            with contextlib.suppress(Exception):
                ftp.quit()


# --- the run --------------------------------------------------------------------------------------------------
@dataclass
class ChaosPlan:
    images: int = 200
    upload_seconds: float = 60.0  # the burst is spread over this long, so the faults land inside it
    gap_seconds: float = 2.5  # between two faults
    storage_outage_seconds: float = 6.0
    disk_full_seconds: float = 4.0
    redis_freeze_seconds: float = 10.0
    settle_timeout: float = 240.0
    tmpfs_mb: int = 48
    faults: bool = True  # False: the same burst without faults (the baseline)


@dataclass
class ChaosResult:
    images: int
    uploaded: int
    statuses: dict[str, int]
    failed_before_retry: dict[str, str]
    latencies: list[float]
    faults: list[tuple[str, float, str]] = field(default_factory=list)  # (fault, at second, note)
    upload_failures: int = 0
    interrupted_uploads: int = 0
    leftover_uploads: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    duplicate_rows: list[str] = field(default_factory=list)
    crashed: list[str] = field(default_factory=list)
    seconds: float = 0.0


@contextlib.contextmanager
def tmpfs(path: Path, megabytes: int) -> Iterator[bool]:
    """A small tmpfs at `path` when mounting is permitted (root); yields whether it is mounted."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(path)],
                             capture_output=True).returncode == 0
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(path)], capture_output=True)


def fill_disk(directory: Path) -> Path:
    """Writes a filler file until the file system answers ENOSPC; returns it (delete it to free space)."""
    filler = directory / ".chaos-filler"
    chunk = b"\0" * (1 << 20)
    with open(filler, "wb") as out:
        try:
            while True:
                out.write(chunk)
                out.flush()
        except OSError as exc:
            if exc.errno != errno.ENOSPC:
                raise
    return filler


def _api(base: str, method: str, path: str, body: dict | None = None, token: str | None = None) -> dict:
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def duplicate_rows(db: Db) -> list[str]:
    """Images whose detection indexes repeat or have gaps, and detections classified more than once by
    the same model run (a stage that ran twice and wrote twice)."""
    problems = []
    with db.session() as s:
        per_image = s.execute(select(Detection.image_id, func.count(), func.max(Detection.index))
                              .group_by(Detection.image_id)).all()
        problems += [f"detections of {image_id}: {count} rows, top index {top}"
                     for image_id, count, top in per_image if count != top + 1]
        per_detection = s.execute(
            select(Classification.detection_id, Classification.label, func.count())
            .where(Classification.source == "machine")
            .group_by(Classification.detection_id, Classification.label).having(func.count() > 1)
        ).all()
        problems += [f"detection {d}: {label} classified {n} times" for d, label, n in per_detection]
    return problems


def chaos_settings(base: Settings, pg: PrivatePostgres, rds: PrivateRedis, gate: TcpGate, upload_dir: Path) -> Settings:
    return base.model_copy(update={
        "database_url": pg.url,
        "redis_url": rds.url,
        "storage_backend": "s3",
        "s3_endpoint_url": gate.url,
        "s3_access_key": "test",
        "s3_secret_key": "test-secret-key",
        "s3_bucket_prefix": f"chaos{os.getpid()}-",
        "upload_dir": upload_dir,
        "ftps_accounts": ":".join(CAMERA),
        "admin_email": ADMIN[0],
        "admin_password": ADMIN[1],
        "rate_limit_per_minute": 100000,
        "detection_batch_size": 4,
        "classification_batch_size": 8,
        "heartbeat_ttl_seconds": 5,
        # Production waits 600 s before re-queueing an image nobody holds (a push lost while Redis
        # was down or frozen); the run would only measure that wait.
        "reconcile_after_seconds": 10,
        "reconcile_interval_seconds": 1.0,
    })


def run_chaos(base: Settings, plan: ChaosPlan, say: Callable[[str], None] = print) -> ChaosResult:
    """Runs the burst with its faults and settles every image; see ChaosResult for what it returns."""
    work = Path(tempfile.mkdtemp(prefix="ch", dir="/tmp"))  # short: PostgreSQL's socket lives here
    files = chaos_images(plan.images)
    started = time.time()
    pg = PrivatePostgres(work / "pg", base.database_url)
    rds = PrivateRedis(work / "redis")
    s3 = S3Server()
    gate = TcpGate(0)
    stack: Stack | None = None
    faults: list[tuple[str, float, str]] = []
    finished = False
    with tmpfs(work / "vol", plan.tmpfs_mb) as mounted:
        try:
            pg.start()
            rds.start()
            s3.start()
            gate.target_port = s3.port
            gate.open()
            settings = chaos_settings(base, pg, rds, gate, work / "vol" / "uploads")
            stack = Stack(settings, work / "logs").start("api", "ingestion", "detection", "classification")
            token = _api(stack.api_url, "POST", "/api/auth/login", {"email": ADMIN[0], "password": ADMIN[1]})["access_token"]
            client = redis.Redis.from_url(settings.redis_url, socket_timeout=2)
            db = Db(settings.database_url)

            cameras = Cameras(stack.settings.ftps_port, files, rate=plan.images / plan.upload_seconds).start()
            t0 = time.time()

            def fault(name: str, action: Callable[[], str | None]) -> None:
                at = time.time() - t0
                note = action() or ""
                faults.append((name, round(at, 1), note))
                say(f"chaos: {at:6.1f}s {name} {note}")
                time.sleep(plan.gap_seconds)

            def in_flight(queue: str) -> bool:
                with contextlib.suppress(redis.RedisError):
                    return ReliableQueue(client, queue, settings.redis_prefix).in_flight_count() > 0
                return False

            def kill_ingestion() -> str:
                wait_until(lambda: cameras.transferring > 0, 20, interval=0.001, what="an upload in progress")
                before = cameras.interrupted
                stack.kill("ingestion")
                cut = cameras.interrupted - before
                stack.start("ingestion")
                return f"({cut} transfers cut off)"

            def kill_worker(name: str, queue: str) -> Callable[[], str]:
                def act() -> str:
                    try:
                        wait_until(lambda: in_flight(queue), 30, interval=0.002, what=f"{name} holding a batch")
                        held = "a batch in flight"
                    except TimeoutError:
                        held = "nothing in flight: the queue was idle"
                    stack.kill(name)
                    stack.start(name)
                    return f"({held})"
                return act

            def kill_redis() -> str:
                assert rds.proc is not None
                os.kill(rds.proc.pid, signal.SIGKILL)
                rds.proc.wait(10)
                rds.proc = None
                rds.start()  # same port, no persistence: empty
                return f"(restarted empty: {client.dbsize()} keys)"

            def restart_postgres() -> None:
                pg.restart()

            def storage_outage() -> str:
                gate.close()
                time.sleep(plan.storage_outage_seconds)
                gate.open()
                return f"({plan.storage_outage_seconds:.0f} s)"

            def disk_full() -> str:
                if not mounted:
                    return "(skipped: mounting a tmpfs is not permitted here)"
                filler = fill_disk(settings.upload_dir.parent)
                before = cameras.interrupted
                time.sleep(plan.disk_full_seconds)
                refused = cameras.interrupted - before
                filler.unlink()
                return f"({plan.disk_full_seconds:.0f} s, {plan.tmpfs_mb} MB volume full: {refused} uploads refused)"

            def freeze_redis() -> str:
                assert rds.proc is not None
                os.kill(rds.proc.pid, signal.SIGSTOP)
                time.sleep(plan.redis_freeze_seconds)
                os.kill(rds.proc.pid, signal.SIGCONT)
                return f"({plan.redis_freeze_seconds:.0f} s)"

            time.sleep(2)
            if plan.faults:
                fault("SIGKILL ingestion mid-upload", kill_ingestion)
                fault("SIGKILL detection", kill_worker("detection", QUEUE_IMAGE_INGESTED))
                fault("SIGKILL classification", kill_worker("classification", QUEUE_DETECTION_COMPLETE))
                fault("Redis killed, restarted empty", kill_redis)
                fault("PostgreSQL restarted", restart_postgres)
                fault("storage unavailable", storage_outage)
                fault("storage volume full (ENOSPC)", disk_full)
                fault("Redis frozen (SIGSTOP)", freeze_redis)

            cameras.join(plan.upload_seconds + plan.settle_timeout)
            names = [name for name, _ in files]

            def settled() -> bool:
                with db.session() as s:
                    rows = s.execute(select(Image.original_filename, Image.status)).all()
                return len(rows) >= len(names) and all(status in TERMINAL for _, status in rows)

            wait_until(settled, plan.settle_timeout, interval=1.0, what="every image settled")
            with db.session() as s:
                failed = {str(i.id): i.error or "" for i in s.scalars(select(Image).where(Image.status == ImageStatus.FAILED))}
            for image_id in failed:
                _api(stack.api_url, "POST", f"/api/projects/default/images/{image_id}/retry", token=token)
            if failed:
                wait_until(lambda: db.count(ImageStatus.COMPLETED) >= len(names), plan.settle_timeout, interval=1.0,
                           what="retried images completed")

            with db.session() as s:
                rows = s.execute(select(Image.original_filename, Image.completed_at)).all()
            by_name = {name: completed for name, completed in rows}
            latencies = [by_name[n].timestamp() - cameras.done[n] for n in names
                         if by_name.get(n) is not None and n in cameras.done]
            crashed = [name for name, proc in stack.procs.items() if proc.poll() is not None]
            finished = True
            return ChaosResult(
                images=len(names), uploaded=len(cameras.done), statuses=db.status_counts(),
                failed_before_retry=failed, latencies=latencies, faults=faults,
                upload_failures=cameras.failures, interrupted_uploads=cameras.interrupted,
                leftover_uploads=[str(p.relative_to(settings.upload_dir)) for p in settings.upload_dir.rglob("*") if p.is_file()],
                missing=[n for n in names if n not in by_name], duplicate_rows=duplicate_rows(db),
                crashed=crashed, seconds=time.time() - started,
            )
        finally:
            if stack is not None:
                stack.stop()
            gate.shutdown()
            s3.stop()
            rds.stop()
            with contextlib.suppress(Exception):
                pg.stop()
    if finished:
        for _ in range(3):  # the postmaster may still be removing its files after pg_ctl returned
            shutil.rmtree(work, ignore_errors=True)
            if not work.exists():
                break
            time.sleep(1)
    else:
        say(f"chaos: logs and data kept in {work}")
