"""A ZIP archive written as a stream of byte chunks, with the standard library only.

`zipfile` writes to a file object it cannot seek in by putting each member's sizes and CRC in a data
descriptor after the member (and ZIP64 records when needed), so nothing is ever rewound and the archive
can go out to the client while it is being written. Only the central directory (a few hundred bytes
per member) stays in memory until the end.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import IO

CHUNK = 256 * 1024


class _Sink(io.RawIOBase):
    """Collects what zipfile writes until the caller drains it; it can tell, never seek."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []
        self._size = 0
        self.offset = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        block = bytes(data)
        self._chunks.append(block)
        self._size += len(block)
        self.offset += len(block)
        return len(block)

    def tell(self) -> int:
        return self.offset

    def flush(self) -> None:
        return None

    @property
    def buffered(self) -> int:
        return self._size

    def drain(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks, self._size = [], 0
        return data


class ZipStream:
    """`with z.member(name) as fh: fh.write(...)`; call `z.take()` between writes to get what is ready."""

    def __init__(self, when: datetime) -> None:
        self._sink = _Sink()
        self._zip = zipfile.ZipFile(self._sink, "w", allowZip64=True)
        self._date_time = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)

    @contextmanager
    def member(self, name: str, compress: bool = True) -> Iterator[IO[bytes]]:
        info = zipfile.ZipInfo(name, date_time=self._date_time)
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        with self._zip.open(info, "w", force_zip64=True) as handle:
            yield handle

    def add(self, name: str, data: bytes, compress: bool = False) -> None:
        with self.member(name, compress) as handle:
            handle.write(data)

    def ready(self) -> bool:
        return self._sink.buffered >= CHUNK

    def take(self) -> bytes:
        return self._sink.drain()

    def finish(self) -> bytes:
        self._zip.close()
        return self._sink.drain()
