"""The built single-page app (services/frontend/dist), served by the API in local mode.

Files are looked up in a map of what the build produced, so no filesystem path is ever built from
the request. Unknown non-API paths get index.html (client-side routes); unknown files under
assets/ get a 404 rather than HTML with the wrong type. In compose, nginx serves the app instead.
"""

from __future__ import annotations

import os
from pathlib import Path

from starlette.responses import FileResponse, Response

NOT_SPA = ("/api", "/metrics")


class Frontend:
    def __init__(self, dist_dir: Path) -> None:
        self.dist = Path(dist_dir).resolve()
        self.index = self.dist / "index.html"
        self._files: dict[str, Path] = {}
        self._stamp: float | None = None

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
        self._files, self._stamp = files, stamp

    def response_for(self, url_path: str) -> Response | None:
        if any(url_path == p or url_path.startswith(p + "/") for p in NOT_SPA):
            return None
        self._refresh()
        if not self._files:
            return None
        relative = url_path.lstrip("/")
        found = self._files.get(relative)
        if found is not None and relative != "index.html":
            immutable = relative.startswith("assets/")
            cache = "public, max-age=31536000, immutable" if immutable else "no-cache"
            return FileResponse(found, headers={"Cache-Control": cache})
        if relative.startswith("assets/"):
            return None
        return FileResponse(self._files["index.html"], headers={"Cache-Control": "no-cache"}) if "index.html" in self._files else None
