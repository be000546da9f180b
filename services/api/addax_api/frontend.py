"""The built single-page app (services/frontend/dist), served by the API in local mode.

Files are looked up in a map of what the build produced, so no filesystem path is ever built from
the request. Unknown non-API paths get index.html (client-side routes); unknown files under
assets/ get a 404 rather than HTML with the wrong type. In compose, nginx serves the app instead.

Caching and compression match nginx in production: hashed files under assets/ are immutable for a
year, everything else (index.html first) is revalidated. A text file is sent brotli- or
gzip-compressed when the browser accepts it: the `.br`/`.gz` sibling written at build time
(scripts/compress-dist.mjs), else gzip made once in memory and kept until the next build.
"""

from __future__ import annotations

import gzip
import mimetypes
import os
from pathlib import Path

from starlette.responses import FileResponse, Response

NOT_SPA = ("/api", "/metrics")
IMMUTABLE = "public, max-age=31536000, immutable"
# Worth compressing (nginx's gzip_types and gzip_min_length); images and fonts already are.
COMPRESSIBLE = (".html", ".js", ".mjs", ".css", ".json", ".svg", ".txt", ".map", ".webmanifest", ".xml")
MIN_COMPRESS_BYTES = 1024
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))


def accepted_encodings(header: str) -> set[str]:
    """The content codings of an Accept-Encoding header, without those refused with q=0."""
    accepted = set()
    for part in header.lower().split(","):
        coding, _, params = part.strip().partition(";")
        q = params.strip().removeprefix("q=") if params.strip().startswith("q=") else "1"
        try:
            if float(q) > 0:
                accepted.add(coding.strip())
        except ValueError:
            continue
    return accepted


class Frontend:
    def __init__(self, dist_dir: Path) -> None:
        self.dist = Path(dist_dir).resolve()
        self.index = self.dist / "index.html"
        self._files: dict[str, Path] = {}
        self._stamp: float | None = None
        self._gzipped: dict[str, bytes] = {}

    @classmethod
    def load(cls, dist_dir: Path) -> Frontend | None:
        frontend = cls(dist_dir)
        return frontend if frontend.index.is_file() else None

    def _refresh(self) -> None:
        try:
            stamp = self.index.stat().st_mtime
        except OSError:
            self._files, self._stamp = {}, None
            return
        if stamp == self._stamp:
            return
        files: dict[str, Path] = {}
        for root, _dirs, names in os.walk(self.dist):
            for name in names:
                path = Path(root) / name
                if path.is_file() and not path.is_symlink():
                    files[path.relative_to(self.dist).as_posix()] = path
        self._files, self._stamp, self._gzipped = files, stamp, {}

    def _send(self, relative: str, cache: str, accept_encoding: str) -> Response:
        path = self._files[relative]
        headers = {"Cache-Control": cache}
        if not relative.endswith(COMPRESSIBLE):
            return FileResponse(path, headers=headers)
        headers["Vary"] = "Accept-Encoding"
        media_type = mimetypes.guess_type(relative)[0] or "application/octet-stream"
        accepted = accepted_encodings(accept_encoding)
        for coding, suffix in PRECOMPRESSED:
            packed = self._files.get(relative + suffix)
            if coding in accepted and packed is not None:
                return FileResponse(packed, media_type=media_type, headers={**headers, "Content-Encoding": coding})
        if "gzip" in accepted and path.stat().st_size >= MIN_COMPRESS_BYTES:
            body = self._gzipped.get(relative)
            if body is None:
                body = self._gzipped[relative] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            return Response(body, media_type=media_type, headers={**headers, "Content-Encoding": "gzip"})
        return FileResponse(path, headers=headers)

    def response_for(self, url_path: str, accept_encoding: str = "") -> Response | None:
        if any(url_path == p or url_path.startswith(p + "/") for p in NOT_SPA):
            return None
        self._refresh()
        if not self._files:
            return None
        relative = url_path.lstrip("/")
        found = self._files.get(relative)
        if found is not None and relative != "index.html":
            return self._send(relative, IMMUTABLE if relative.startswith("assets/") else "no-cache", accept_encoding)
        if relative.startswith("assets/"):
            return None
        return self._send("index.html", "no-cache", accept_encoding) if "index.html" in self._files else None
