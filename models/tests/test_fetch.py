"""fetch against a local HTTP server and file:// URLs only (tests never touch the network)."""

from __future__ import annotations

import hashlib
import http.server
import socket
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
import yaml

from addax_common.model_catalog import ModelEntry, Source
from addax_models import fetch as fetch_mod
from addax_models.catalog import load_catalog
from addax_models.fetch import FetchError, fetch

PAYLOAD = b"not really weights\n" * 1000
GOOD_SHA = hashlib.sha256(PAYLOAD).hexdigest()
BAD_SHA = "0" * 64


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "www"
    root.mkdir()
    (root / "model.pt").write_bytes(PAYLOAD)
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *_args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/model.pt"
    server.shutdown()
    server.server_close()


def _entry(url: str, sha: str | None) -> ModelEntry:
    return ModelEntry(
        name="test-model",
        version="1",
        demo=False,
        task="detection",
        format="pt",
        file="model.pt",
        sha256=sha,
        input_size=640,
        labels=("animal",),
        license="MIT",
        source=Source("url", url),
    )


def test_download_with_matching_sha(served: str, tmp_path: Path) -> None:
    path = fetch(_entry(served, GOOD_SHA), tmp_path / "dest")
    assert path.read_bytes() == PAYLOAD
    assert not list((tmp_path / "dest").glob("*.part"))


def test_sha_mismatch_discards_the_file(served: str, tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    with pytest.raises(FetchError, match="sha256 mismatch"):
        fetch(_entry(served, BAD_SHA), dest)
    assert list(dest.iterdir()) == []


def test_existing_file_with_wrong_hash_is_downloaded_again(served: str, tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "model.pt").write_bytes(b"stale")
    assert fetch(_entry(served, GOOD_SHA), dest).read_bytes() == PAYLOAD


def test_file_url_sha_mismatch(tmp_path: Path) -> None:
    source = tmp_path / "model.pt"
    source.write_bytes(PAYLOAD)
    with pytest.raises(FetchError, match="sha256 mismatch"):
        fetch(_entry(source.as_uri(), BAD_SHA), tmp_path / "dest")
    assert fetch(_entry(source.as_uri(), None), tmp_path / "dest").read_bytes() == PAYLOAD


def test_offline_gives_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on: connection refused, like no network
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="offline") as err:
        fetch(_entry(f"http://127.0.0.1:{port}/model.pt", None), tmp_path / "dest")
    assert "copy it to" in str(err.value)
    assert not (tmp_path / "dest" / "model.pt").exists()


def test_cli_reports_errors_with_exit_code(served: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = tmp_path / "catalog.yaml"
    entry = {
        "name": "test-model",
        "version": "1",
        "demo": False,
        "task": "detection",
        "format": "pt",
        "file": "model.pt",
        "sha256": BAD_SHA,
        "input_size": 640,
        "labels": ["animal"],
        "license": "MIT",
        "source": {"url": served},
    }
    catalog.write_text(yaml.safe_dump({"version": 1, "models": [entry]}))
    assert fetch_mod.main(["test-model", "--dest", str(tmp_path / "d"), "--catalog", str(catalog)]) == 1
    assert "sha256 mismatch" in capsys.readouterr().err
    entry["sha256"] = GOOD_SHA
    catalog.write_text(yaml.safe_dump({"version": 1, "models": [entry]}))
    assert fetch_mod.main(["test-model", "--dest", str(tmp_path / "d"), "--catalog", str(catalog)]) == 0
    assert GOOD_SHA in capsys.readouterr().out


def test_build_source_builds_the_demo_model(tmp_path: Path) -> None:
    path = fetch(load_catalog().get("demo-classifier"), tmp_path)
    assert path.name == "demo-classifier.onnx" and path.stat().st_size > 0


def test_bucket_source_is_explained(tmp_path: Path) -> None:
    entry = _entry("https://unused", None)
    entry = ModelEntry(**{**entry.__dict__, "source": Source("bucket", "detectors/x.onnx")})
    with pytest.raises(FetchError, match="'models' bucket"):
        fetch(entry, tmp_path)
