"""A tus 1.0 client for the server's /api/upload/tus (creation, resume by HEAD, checksum per chunk)."""

from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import httpx

TUS = {"Tus-Resumable": "1.0.0"}
RETRYABLE = (httpx.TransportError, httpx.RemoteProtocolError)


class UploadError(Exception):
    """The server refused the upload in a way that retrying cannot fix."""


@dataclass
class Result:
    outcome: str  # received, duplicate, rejected, report, report_rejected
    status: str | None
    image_id: str | None
    reason: str | None = None


class Client:
    def __init__(self, url: str, key: str | None, chunk_size: int = 4 << 20, timeout: float = 60.0,
                 retries: int = 8, tus_path: str = "/api/upload/tus", headers: dict[str, str] | None = None) -> None:
        """`key`: an upload key (X-Api-Key); or `headers` and `tus_path` for another door of the same protocol
        (the web upload's /api/projects/<slug>/uploads with a user's bearer token: the benchmark)."""
        self.base = url.rstrip("/") + "/"
        self.chunk_size = chunk_size
        self.retries = retries
        self.tus_path = tus_path
        auth = headers if headers is not None else {"X-Api-Key": key or ""}
        self.http = httpx.Client(headers={**auth, "User-Agent": "addax-upload"}, timeout=timeout)

    def close(self) -> None:
        self.http.close()

    def url(self, path: str) -> str:
        return urljoin(self.base, path.lstrip("/"))

    # --- requests with retries ----------------------------------------------------------------------
    def _request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        delay = 0.5
        for attempt in range(self.retries + 1):
            try:
                response = self.http.request(method, url, **kwargs)
            except RETRYABLE:
                if attempt == self.retries:
                    raise
            else:
                if response.status_code not in (423, 429, 502, 503, 504):
                    return response
                if attempt == self.retries:
                    return response
                wait = response.headers.get("retry-after")
                if wait and wait.isdigit():
                    delay = max(delay, min(float(wait), 60.0))
            time.sleep(delay)
            delay = min(delay * 2, 30.0)
        raise AssertionError("unreachable")

    def check(self, hashes: list[str]) -> dict[str, dict[str, Any]]:
        known: dict[str, dict[str, Any]] = {}
        for start in range(0, len(hashes), 1000):
            response = self._request("POST", self.url("/api/upload/check"), json={"sha256": hashes[start:start + 1000]})
            _raise_for(response)
            known |= {item["sha256"]: item for item in response.json()["known"]}
        return known

    # --- one file ---------------------------------------------------------------------------------------
    def create(self, path: Path, name: str, sha256: str) -> str:
        size = path.stat().st_size
        metadata = ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in
                            (("filename", name), ("sha256", sha256)))
        response = self._request("POST", self.url(self.tus_path),
                                 headers=TUS | {"Upload-Length": str(size), "Upload-Metadata": metadata})
        _raise_for(response)
        return response.headers["location"]

    def offset(self, location: str) -> int | None:
        """The server's offset of an upload; None when the server no longer knows it."""
        response = self._request("HEAD", self.url(location), headers=TUS)
        if response.status_code == 404:
            return None
        _raise_for(response)
        return int(response.headers["upload-offset"])

    def send(self, location: str, path: Path, progress: Callable[[int], None]) -> Result:
        """Send the file from the server's offset on, resuming after dropped connections."""
        size = path.stat().st_size
        attempts = 0
        while True:
            offset = self.offset(location)
            if offset is None:
                raise LookupError(location)
            progress(offset)
            try:
                with open(path, "rb") as fh:
                    fh.seek(offset)
                    while True:
                        # At the end an empty PATCH: it hands a complete upload to ingestion if that did not
                        # happen yet (the server was busy), or answers the result it already has.
                        chunk = fh.read(self.chunk_size) if offset < size else b""
                        checksum = base64.b64encode(hashlib.sha256(chunk).digest()).decode()
                        response = self.http.patch(self.url(location), content=chunk, headers=TUS | {
                            "Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream",
                            "Upload-Checksum": f"sha256 {checksum}"})
                        if response.status_code in (409, 423, 460, 503) and "changed" not in response.text:
                            break  # someone else's offset, locked, damaged chunk, or busy: ask HEAD and go on
                        _raise_for(response)
                        offset = int(response.headers["upload-offset"])
                        progress(offset)
                        if offset >= size:
                            return self.result(location, response)
            except RETRYABLE:
                pass  # the connection dropped mid-chunk: HEAD tells what arrived
            attempts += 1
            if attempts > self.retries * 4:
                raise UploadError("gave up after repeated interruptions")
            time.sleep(min(0.2 * attempts, 5.0))

    def result(self, location: str, response: httpx.Response | None = None) -> Result:
        if response is not None and response.headers.get("upload-outcome") not in (None, "rejected",
                                                                                    "report_rejected"):
            return Result(response.headers["upload-outcome"], response.headers.get("upload-image-status"),
                          response.headers.get("upload-image-id"))
        answer = self._request("GET", self.url(location))
        _raise_for(answer)
        result = answer.json().get("result")
        if result is None:
            raise UploadError("the server has the whole file but no result yet")
        return Result(result["outcome"], result.get("status"), result.get("image_id"), result.get("reason"))


def _raise_for(response: httpx.Response) -> None:
    if response.status_code < 400:
        return
    try:
        detail = response.json().get("detail")
    except ValueError:
        detail = response.text[:300]
    raise UploadError(f"HTTP {response.status_code}: {detail}")
