"""Watch the upload directory for files written by any FTPS server (ours, or vsftpd on the host).

An external server gives no "file complete" callback, so a file is picked up only once it is
*size-stable*: its size and mtime have not changed for settings.ingest_stable_seconds. Sources of
candidates:

* watchdog (inotify on Linux) events: created, moved-to, closed after writing (WATCHED_EVENTS);
* a full scan at start (files that arrived while the service was down) and then every
  settings.ingest_scan_interval_seconds, the safety net for missed events, restarts and retries.

Hidden and temporary files (``.foo``, ``foo~``, ``*.part``, ``*.tmp``, ...) are ignored, and so are
files the built-in FTPS server is still receiving (it hands those over itself when they complete).
The pipeline refuses a path that is already being ingested, so a file is never ingested twice at once.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from addax_common.ingest.filenames import is_ignored_path
from addax_common.logging import get_logger
from addax_common.settings import Settings
from addax_ingestion.pipeline import IngestPipeline

log = get_logger(__name__)

# The events that name a file worth a look: it appeared (created, or moved/renamed into place) or a
# writer closed it. The inotify subscription asks for these only: a "modified" event per write()
# (one per 16 kB TLS record of an FTPS upload) and the open/close of our own reads only repeated
# what these say, yet cost three watchdog threads ~2.5 ms of CPU per uploaded photo. A file that is
# written and not closed yet was noted when it was created, and is checked until size-stable.
WATCHED_EVENTS = (FileCreatedEvent, FileMovedEvent, FileClosedEvent)


@dataclass
class _Candidate:
    signature: tuple[int, int]  # (size, mtime_ns)
    stable_since: float  # time.monotonic() when the signature was last seen to change


class UploadWatcher:
    def __init__(self, settings: Settings, pipeline: IngestPipeline, tick_seconds: float | None = None) -> None:
        self.root = Path(settings.upload_dir).resolve()
        self.pipeline = pipeline
        self.stable_seconds = settings.ingest_stable_seconds
        self.scan_interval = settings.ingest_scan_interval_seconds
        self.tick = tick_seconds if tick_seconds is not None else max(0.05, min(0.5, self.stable_seconds / 4))
        self._candidates: dict[str, _Candidate] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._observer: BaseObserver | None = None
        self._thread: threading.Thread | None = None
        self._next_scan = 0.0

    # --- lifecycle -----------------------------------------------------------------------------------
    def start(self) -> UploadWatcher:
        self.root.mkdir(parents=True, exist_ok=True)
        self._stop.clear()
        # Observer first, then the scan: a file arriving in between is seen by at least one of them.
        observer = Observer()
        observer.schedule(_Events(self), str(self.root), recursive=True, event_filter=list(WATCHED_EVENTS))
        observer.daemon = True
        observer.start()
        self._observer = observer
        found = self.scan()
        log.info("watcher_started", upload_dir=str(self.root), files_found=found,
                 stable_seconds=self.stable_seconds, scan_interval_seconds=self.scan_interval)
        self._next_scan = time.monotonic() + self.scan_interval
        self._thread = threading.Thread(target=self._loop, name="upload-watcher", daemon=True)
        self._thread.start()
        return self

    @property
    def alive(self) -> bool:
        observer_ok = self._observer is not None and self._observer.is_alive()
        return observer_ok and self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout)
            self._observer = None
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    # --- candidates ----------------------------------------------------------------------------------
    def note(self, path: str | os.PathLike[str]) -> None:
        """A file may have changed: (re)consider it."""
        path = os.path.abspath(path)
        try:
            relative = Path(path).relative_to(self.root)
        except ValueError:
            return
        if is_ignored_path(relative):
            return
        with self._lock:
            self._candidates.setdefault(path, _Candidate((-1, -1), time.monotonic()))

    def scan(self) -> int:
        """Consider every file under the upload directory; returns how many were found."""
        found = 0
        for dirpath, dirnames, filenames in os.walk(self.root):
            # Prune hidden directories in place so os.walk does not descend into them.
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                self.note(os.path.join(dirpath, name))
                found += 1
        return found

    def check(self) -> int:
        """Hand every size-stable candidate to the pipeline; returns how many were submitted."""
        now = time.monotonic()
        with self._lock:
            items = list(self._candidates.items())
        submitted = 0
        for path, candidate in items:
            try:
                stat = os.stat(path)
            except FileNotFoundError:
                self._forget(path)
                continue
            except OSError as exc:
                log.warning("upload_stat_failed", path=path, error=str(exc))
                continue
            if not os.path.isfile(path):
                self._forget(path)
                continue
            signature = (stat.st_size, stat.st_mtime_ns)
            if signature != candidate.signature:
                candidate.signature, candidate.stable_since = signature, now
                continue
            if now - candidate.stable_since < self.stable_seconds:
                continue
            if self.pipeline.is_busy(path):
                # Being ingested, or still arriving over our own FTPS (which hands it over itself).
                self._forget(path)
                continue
            self._forget(path)
            if self.pipeline.submit(path):
                submitted += 1
        return submitted

    def _forget(self, path: str) -> None:
        with self._lock:
            self._candidates.pop(path, None)

    def pending(self) -> int:
        with self._lock:
            return len(self._candidates)

    # --- loop ----------------------------------------------------------------------------------------
    def _loop(self) -> None:
        while not self._stop.wait(self.tick):
            try:
                if time.monotonic() >= self._next_scan:
                    self.scan()
                    self._next_scan = time.monotonic() + self.scan_interval
                self.check()
                self.pipeline.resubmit_due()
            except Exception:  # the watcher must outlive any single bad file
                log.exception("watcher_tick_failed")


class _Events(FileSystemEventHandler):
    def __init__(self, watcher: UploadWatcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("deleted", "opened", "closed_no_write"):
            return
        target = getattr(event, "dest_path", "") or event.src_path
        if isinstance(target, bytes):
            target = os.fsdecode(target)
        self.watcher.note(target)
