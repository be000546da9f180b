"""The installed models: entries of models/catalog.yaml (read by ``addax_common.model_catalog``) whose
file is in MODELS_DIR or the `models` bucket, with the hash of that file. The API hashes files, never
loads or runs them. Hashes are cached per file (directory: by size and modification time; bucket: for
HASH_CACHE_SECONDS), since real models are hundreds of megabytes."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from addax_common.model_catalog import ModelEntry
from addax_common.storage import BUCKET_MODELS, InvalidKey, Storage, StorageError

HASH_CACHE_SECONDS = 300.0


@dataclass(frozen=True)
class Found:
    entry: ModelEntry
    location: str  # directory | bucket
    size: int | None
    sha256: str | None


class Hashes:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._files: dict[Path, tuple[int, int, str]] = {}
        self._objects: dict[str, tuple[float, int, str]] = {}

    def file(self, path: Path) -> tuple[int, str] | None:
        try:
            stat = path.stat()
        except OSError:
            return None
        with self._lock:
            cached = self._files.get(path)
        if cached and cached[:2] == (stat.st_size, stat.st_mtime_ns):
            return stat.st_size, cached[2]
        digest = hashlib.sha256()
        try:
            with path.open("rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
        except OSError:
            return None
        with self._lock:
            self._files[path] = (stat.st_size, stat.st_mtime_ns, digest.hexdigest())
        return stat.st_size, digest.hexdigest()

    def obj(self, storage: Storage, key: str) -> tuple[int, str] | None:
        now = time.monotonic()
        with self._lock:
            cached = self._objects.get(key)
        if cached and now - cached[0] < HASH_CACHE_SECONDS:
            return cached[1], cached[2]
        try:
            data = storage.get(BUCKET_MODELS, key)
        except (StorageError, InvalidKey):
            return None
        result = (len(data), hashlib.sha256(data).hexdigest())
        with self._lock:
            self._objects[key] = (now, *result)
        return result


HASHES = Hashes()


def installed(entries: Sequence[ModelEntry], models_dir: Path, storage: Storage) -> list[Found]:
    found = []
    for entry in entries:
        path = models_dir / entry.file
        if path.is_file():
            hashed = HASHES.file(path)
            found.append(Found(entry, "directory", *(hashed or (None, None))))
            continue
        try:
            in_bucket = storage.exists(BUCKET_MODELS, entry.file)
        except (StorageError, InvalidKey):
            in_bucket = False
        if in_bucket:
            hashed = HASHES.obj(storage, entry.file)
            found.append(Found(entry, "bucket", *(hashed or (None, None))))
    return found


def status(expected: str | None, actual: str | None) -> Any:
    if not expected:
        return "unknown"
    return "match" if actual == expected else "mismatch"
