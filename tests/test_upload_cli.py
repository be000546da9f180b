"""addax-upload against the real API process: a 200-file upload whose connections are cut twice in
the middle of a chunk ends with 200 images and no duplicates; a run killed half-way and run again
reports every file exactly once and sends nothing twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from addax_api.uploads.service import hash_key
from addax_common.db import Image, UploadKey
from addax_common.db.projects import DEFAULT_PROJECT_SLUG, Project
from tests.support.jpegs import make_jpeg
from tests.support.proxy import CuttingProxy
from tests.support.servers import REPO
from tests.support.stack import Stack, wait_until

KEY = "addax_test-key-0123456789abcdefghijkl"


@pytest.fixture
def api(settings, ctx, tmp_path):
    stack = Stack(settings.model_copy(update={"rate_limit_per_minute": 0}), tmp_path / "logs").start("api")
    with ctx.sessions() as db:
        project_id = db.scalar(select(Project.id).where(Project.slug == DEFAULT_PROJECT_SLUG))
        db.add(UploadKey(project_id=project_id, name="test", prefix=KEY[:12], key_hash=hash_key(KEY)))
        db.commit()
    yield stack
    stack.stop()


def photos(folder: Path, count: int, size=(480, 360), start: int = 0) -> list[Path]:
    paths = []
    for i in range(start, start + count):
        sub = folder / f"DCIM/{100 + i % 3}RECNX"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"RCNX{i:04d}.JPG"
        path.write_bytes(make_jpeg(seed=1000 + i, size=size))
        paths.append(path)
    return paths


def cli(folder: Path, url: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "addax_upload", str(folder), "--url", url, "--key", KEY, "--json", "--quiet", *extra]


def counts(ctx) -> tuple[int, int]:
    with ctx.sessions() as db:
        images = db.scalar(select(func.count()).select_from(Image))
        duplicates = db.scalar(select(func.coalesce(func.sum(Image.duplicate_uploads), 0)))
    return images, duplicates


def test_200_files_with_connections_cut_twice_mid_chunk_end_as_200_images(api, ctx, tmp_path):
    folder = tmp_path / "card"
    files = photos(folder, 200)
    total = sum(p.stat().st_size for p in files)
    proxy = CuttingProxy(api.settings.api_port, cut_after=[int(total * 0.3), int(total * 0.65)])
    try:
        run = subprocess.run(cli(folder, f"http://127.0.0.1:{proxy.port}", "--chunk-size", "65536", "--parallel", "3"),
                             cwd=REPO, capture_output=True, text=True, timeout=300)
    finally:
        proxy.close()
    assert proxy.cut == 2, "the proxy did not cut two connections"
    assert run.returncode == 0, run.stderr[-3000:]
    summary = json.loads(run.stdout)
    assert summary["summary"] == {"new": 200, "duplicate": 0, "rejected": 0, "failed": 0}
    assert counts(ctx) == (200, 0)  # every file once, no upload counted twice
    with ctx.sessions() as db:
        doors = set(db.scalars(select(Image.upload_door)))
    assert doors == {"cli"}
    assert not any(Path(api.settings.upload_staging_dir).glob("*.part"))


def test_cli_killed_and_run_again_reports_every_file_once(api, ctx, tmp_path):
    folder = tmp_path / "card"
    files = photos(folder, 40, size=(640, 480))
    (folder / "DCIM" / "notes.jpg").write_bytes(b"not a photo at all\n" * 100)  # rejected with its reason
    (folder / "DCIM" / "copy.JPG").write_bytes(files[0].read_bytes())  # the same photo twice on the card
    command = cli(folder, api.api_url, "--chunk-size", "8192", "--parallel", "1")
    first = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_until(lambda: counts(ctx)[0] >= 8, timeout=120, interval=0.05, what="8 images in")
    os.kill(first.pid, signal.SIGKILL)
    first.wait(10)
    killed_at = counts(ctx)[0]
    assert 8 <= killed_at < 42

    second = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
    failed = [f for f in json.loads(second.stdout or "{\"files\": []}")["files"] if f["outcome"] == "failed"]
    assert second.returncode == 1, (failed, second.stderr[-3000:])  # one file rejected
    report = json.loads(second.stdout)
    names = [f["file"] for f in report["files"]]
    assert len(names) == len(set(names)) == 42  # every file once
    assert report["summary"] == {"new": 40, "duplicate": 1, "rejected": 1, "failed": 0}
    rejected = next(f for f in report["files"] if f["file"] == "DCIM/notes.jpg")
    assert "not a JPEG camera image: found text file" in rejected["reason"]
    assert counts(ctx) == (41, 0)  # 40 photos + the rejected file; nothing sent twice
    time.sleep(0)

    third = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert json.loads(third.stdout)["summary"] == report["summary"] and counts(ctx) == (41, 0)
