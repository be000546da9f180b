"""Validate a Camtrap DP package with frictionless, offline.

frictionless fetches the package's profile, the table schemas and the JSON Schemas the profile
`$ref`s through `system.http_session`. Here that session answers from files on this machine and
refuses everything else, and sockets are closed for the duration, so a validation that reached for the
network fails instead of passing by download:

* the Camtrap DP 1.0.2 profile and table schemas -> the copies the product vendors
  (addax_common/data/camtrap_dp), i.e. exactly the files an export names;
* https://specs.frictionlessdata.io/schemas/data-package.json (the profile builds on it) -> the Data
  Package profile frictionless itself validates with (`Package.metadata_profile`);
* http://json.schemastore.org/geojson.json (`spatial`) -> the GeoJSON schema frictionless ships.
"""

from __future__ import annotations

import io
import json
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import requests
from requests.adapters import BaseAdapter
from urllib3.response import HTTPResponse

from addax_api.exports import camtrap

DATA_PACKAGE = "https://specs.frictionlessdata.io/schemas/data-package.json"
GEOJSON = "http://json.schemastore.org/geojson.json"


def offline_documents() -> dict[str, bytes]:
    import frictionless

    docs = {url: json.dumps(camtrap.vendored(name)).encode() for url, name in camtrap.SCHEMA_FILES.items()}
    docs[DATA_PACKAGE] = json.dumps(frictionless.Package.metadata_profile).encode()
    geojson = resources.files("frictionless").joinpath("assets", "profiles", "geojson.json").read_bytes()
    docs[GEOJSON] = geojson
    docs[GEOJSON.replace("http://", "https://")] = geojson
    return docs


class LocalDocuments(BaseAdapter):
    def __init__(self, documents: dict[str, bytes]) -> None:
        super().__init__()
        self.documents = documents
        self.served: list[str] = []

    def send(self, request: Any, **_options: Any) -> requests.Response:
        url = request.url.split("#")[0]
        if url not in self.documents:
            raise AssertionError(f"frictionless asked the network for {url}")
        self.served.append(url)
        response = requests.Response()
        response.status_code = 200
        response.url = url
        response.request = request
        response.raw = HTTPResponse(body=io.BytesIO(self.documents[url]), preload_content=False, status=200)
        return response

    def close(self) -> None:
        return None


@contextmanager
def no_network() -> Iterator[None]:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"network used: {args[1:] if len(args) > 1 else args}")

    original_connect, original_create = socket.socket.connect, socket.create_connection
    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]
    try:
        yield
    finally:
        socket.socket.connect = original_connect  # type: ignore[method-assign]
        socket.create_connection = original_create


def validate_package(folder: Path) -> tuple[Any, list[str]]:
    """(frictionless report, URLs served locally) for the package in `folder` (datapackage.json + CSVs)."""
    import frictionless

    adapter = LocalDocuments(offline_documents())
    session = requests.Session()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    with no_network(), frictionless.system.use_context(http_session=session):
        report = frictionless.validate(str(folder / "datapackage.json"), basepath=str(folder))
    return report, adapter.served
