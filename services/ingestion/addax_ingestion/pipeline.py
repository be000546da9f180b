"""The hand-off between transports (FTPS callback, directory watcher) and the ingest core.

* A small thread pool runs `Ingestor.ingest_file`, so the FTPS IO loop and the watcher never block on
  the database or storage.
* A path is never ingested twice at once: `submit` refuses a path that is in progress, or that the
  built-in FTPS server is still receiving. A path offered while in progress (a camera re-used the
  file name for a new upload) is run once more after the current ingest.
* A file whose ingest said RETRY (storage/database down) is retried with exponential backoff
  (settings.queue_backoff_seconds doubling, at most BACKOFF_MAX_SECONDS); until it is due, `submit`
  refuses it, so the periodic scan does not hammer a dead dependency.
* An unexpected exception (a bug, not a dependency) is retried the same way; after
  MAX_CRASHES_PER_FILE the file is rejected with the error as its reason, so one bad file cannot
  loop forever and nothing is dropped silently.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from addax_common.ingest.ingest import Ingestor, IngestResult, Outcome
from addax_common.logging import get_logger

log = get_logger(__name__)

BACKOFF_MAX_SECONDS = 300.0
MAX_CRASHES_PER_FILE = 3


@dataclass
class _Retry:
    attempts: int
    due: float  # time.monotonic()
    account: str | None
    crashes: int = 0


class IngestPipeline:
    def __init__(
        self,
        ingestor: Ingestor,
        workers: int = 2,
        backoff_seconds: float | None = None,
        on_result: Callable[[IngestResult], None] | None = None,
    ) -> None:
        self.ingestor = ingestor
        self.backoff_seconds = backoff_seconds if backoff_seconds is not None else ingestor.settings.queue_backoff_seconds
        self.on_result = on_result
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ingest")
        self._cond = threading.Condition()
        self._active: set[str] = set()
        self._receiving: dict[str, int] = {}
        self._retry: dict[str, _Retry] = {}
        # Paths offered again while being ingested (a camera re-used the name): run once more after.
        self._again: dict[str, str | None] = {}
        self._closed = False

    @staticmethod
    def key(path: Path | str) -> str:
        return os.path.abspath(path)

    # --- submission ------------------------------------------------------------------------------
    def _claim(self, key: str, force: bool, account: str | None = None) -> bool:
        with self._cond:
            if self._closed or key in self._receiving:
                return False
            if key in self._active:
                self._again[key] = account
                return False
            retry = self._retry.get(key)
            if retry and not force and retry.due > time.monotonic():
                return False
            self._active.add(key)
            return True

    def submit(self, path: Path | str, account: str | None = None, *, force: bool = False) -> Future[IngestResult | None] | None:
        """Queue a complete file for ingestion; None when it is busy, in backoff, or we are stopping."""
        key = self.key(path)
        if not self._claim(key, force, account):
            return None
        try:
            return self._executor.submit(self._run, key, Path(path), account)
        except RuntimeError:  # executor shut down between the check and the submit
            with self._cond:
                self._active.discard(key)
                self._cond.notify_all()
            return None

    def _run(self, key: str, path: Path, account: str | None) -> IngestResult:
        crashed = False
        try:
            result = self.ingestor.ingest_file(path, account)
        except Exception as exc:  # a bug must not kill the worker thread or lose the file
            log.exception("ingest_crashed", path=str(path))
            crashed = True
            result = IngestResult(Outcome.RETRY, path, reason=f"{type(exc).__name__}: {exc}")
        with self._cond:
            self._active.discard(key)
            again = key in self._again
            again_account = self._again.pop(key, None)
            if result.outcome is Outcome.RETRY:
                previous = self._retry.get(key)
                attempts = (previous.attempts if previous else 0) + 1
                crashes = (previous.crashes if previous else 0) + int(crashed)
                delay = min(self.backoff_seconds * 2 ** (attempts - 1), BACKOFF_MAX_SECONDS)
                self._retry[key] = _Retry(attempts, time.monotonic() + delay, account, crashes)
            else:
                self._retry.pop(key, None)
            self._cond.notify_all()
        if crashed and self._retry[key].crashes >= MAX_CRASHES_PER_FILE:
            result = self._give_up(key, path, account, result.reason or "unexpected error")
        if self.on_result:
            try:
                self.on_result(result)
            except Exception:
                log.exception("on_result_failed")
        if again and os.path.exists(key):
            # Offered again while we worked on it: if the path now holds a new upload, ingest that too
            # (if it is the same file it is gone by now; if it is in backoff, submit refuses).
            self.submit(key, again_account)
        return result

    def _give_up(self, key: str, path: Path, account: str | None, reason: str) -> IngestResult:
        try:
            result = self.ingestor.reject_file(path, account, f"ingestion error: {reason}")
        except Exception:  # keep the file; the backoff keeps retrying at its slow pace
            log.exception("ingest_give_up_failed", path=str(path))
            return IngestResult(Outcome.RETRY, path, reason=reason)
        with self._cond:
            if result.outcome is not Outcome.RETRY:
                self._retry.pop(key, None)
        return result

    # --- retries -----------------------------------------------------------------------------------
    def resubmit_due(self) -> int:
        """Submit every file whose backoff has elapsed (called periodically by the watcher)."""
        now = time.monotonic()
        with self._cond:
            due = [(key, r.account) for key, r in self._retry.items() if r.due <= now and key not in self._active]
        submitted = 0
        for key, account in due:
            if not os.path.exists(key):
                with self._cond:
                    self._retry.pop(key, None)
                continue
            if self.submit(key, account):
                submitted += 1
        return submitted

    def retry_pending(self) -> dict[str, int]:
        with self._cond:
            return {key: r.attempts for key, r in self._retry.items()}

    # --- FTPS transfers in progress ------------------------------------------------------------------
    def mark_receiving(self, path: Path | str) -> None:
        with self._cond:
            key = self.key(path)
            self._receiving[key] = self._receiving.get(key, 0) + 1

    def done_receiving(self, path: Path | str) -> None:
        with self._cond:
            key = self.key(path)
            count = self._receiving.get(key, 0) - 1
            if count > 0:
                self._receiving[key] = count
            else:
                self._receiving.pop(key, None)

    def is_busy(self, path: Path | str) -> bool:
        key = self.key(path)
        with self._cond:
            return key in self._active or key in self._receiving

    # --- lifecycle -----------------------------------------------------------------------------------
    def wait_idle(self, timeout: float = 30.0) -> bool:
        """True once nothing is in progress (tests; graceful shutdown)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._active:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(remaining)
        return True

    def shutdown(self, wait: bool = True) -> None:
        """Stop taking work; with wait, let the ingests already started finish (they are short)."""
        with self._cond:
            self._closed = True
        self._executor.shutdown(wait=wait, cancel_futures=not wait)
