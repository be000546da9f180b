"""addax-upload FOLDER: upload every file under FOLDER (an SD card) to AddaxAI Connect.

    addax-upload /media/sdcard --url https://addax.example.org --key addax_...   (or ADDAX_URL, ADDAX_UPLOAD_KEY)

* files are hashed first; what the server already has (same sha256) is not sent again;
* uploads are resumable (tus): an interrupted run, a dropped connection or a killed process resumes
  where it stopped; the journal `.addax-upload.json` in FOLDER (or --journal) remembers the upload
  URLs and each file's result, so a second run reports every file once and sends nothing twice;
* a progress bar on stderr, then a summary: new, duplicate, rejected (with the reasons);
* exit status 0 when every file was taken, 1 when any was rejected, 2 when any could not be sent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from addax_upload.client import Client, Result, UploadError

JOURNAL = ".addax-upload.json"
DONE = {"received", "duplicate", "rejected", "report", "report_rejected"}


@dataclass
class Job:
    path: Path
    name: str  # relative to the folder, for people
    size: int
    sha256: str = ""


@dataclass
class Journal:
    """sha256 -> {"file", "url", "outcome", "status", "image_id", "reason"}, written after every change."""

    path: Path
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def load(cls, path: Path) -> Journal:
        try:
            return cls(path, json.loads(path.read_text()).get("files", {}))
        except (FileNotFoundError, ValueError):
            return cls(path)

    def update(self, sha256: str, **values: Any) -> None:
        with self.lock:
            self.entries.setdefault(sha256, {}).update(values)
            temporary = self.path.with_name(self.path.name + ".tmp")
            temporary.write_text(json.dumps({"files": self.entries}, indent=1))
            os.replace(temporary, self.path)


class Progress:
    """One line on stderr: bar, files, bytes and speed (quiet when stderr is not a terminal and --quiet)."""

    def __init__(self, total_bytes: int, total_files: int, enabled: bool) -> None:
        self.total, self.files_total, self.enabled = max(total_bytes, 1), total_files, enabled
        self.sent: dict[str, int] = {}
        self.files_done = 0
        self.started = time.monotonic()
        self.lock = threading.Lock()
        self.shown = 0.0

    def set(self, key: str, sent: int) -> None:
        with self.lock:
            self.sent[key] = sent
        self.draw()

    def file_done(self) -> None:
        with self.lock:
            self.files_done += 1
        self.draw(force=True)

    def draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.shown < 0.2:
            return
        self.shown = now
        sent = sum(self.sent.values())
        share = min(sent / self.total, 1.0)
        bar = "#" * int(share * 30)
        speed = sent / max(now - self.started, 1e-6) / 1e6
        sys.stderr.write(f"\r[{bar:<30}] {share:6.1%}  {self.files_done}/{self.files_total} files  {speed:6.1f} MB/s ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            self.draw(force=True)
            sys.stderr.write("\n")


def find_files(folder: Path, journal_path: Path) -> list[Job]:
    jobs = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith(".") or path == journal_path or name.endswith(".tmp") and name.startswith(JOURNAL):
                continue
            jobs.append(Job(path, str(path.relative_to(folder)), path.stat().st_size))
    return jobs


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def upload_one(client: Client, journal: Journal, job: Job, progress: Progress) -> Result:
    entry = journal.entries.get(job.sha256, {})
    location = entry.get("url")
    for _ in range(2):
        if location is None:
            location = client.create(job.path, job.path.name, job.sha256)
            journal.update(job.sha256, file=job.name, url=location)
        try:
            return client.send(location, job.path, lambda sent: progress.set(job.sha256, sent))
        except LookupError:
            location = None  # the server forgot the upload (expired): start it again
    raise UploadError("the server keeps forgetting this upload")


def run(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"addax-upload: {folder} is not a folder", file=sys.stderr)
        return 2
    journal = Journal.load(Path(args.journal) if args.journal else folder / JOURNAL)
    jobs = find_files(folder, journal.path)
    show = not args.quiet
    if show:
        print(f"hashing {len(jobs)} files ...", file=sys.stderr)
    for job in jobs:
        job.sha256 = sha256_of(job.path)

    client = Client(args.url, args.key, chunk_size=args.chunk_size, timeout=args.timeout)
    results: dict[str, dict[str, Any]] = {}  # job name -> result
    seen: dict[str, str] = {}  # sha256 -> the first file with it in this folder
    todo: list[Job] = []
    try:
        pending = [j for j in jobs if journal.entries.get(j.sha256, {}).get("outcome") not in DONE]
        known = client.check(sorted({j.sha256 for j in pending})) if pending else {}
        for job in jobs:
            entry = journal.entries.get(job.sha256, {})
            if job.sha256 in seen:
                results[job.name] = {"outcome": "duplicate", "reason": f"same content as {seen[job.sha256]}"}
                continue
            seen[job.sha256] = job.name
            if entry.get("outcome") in DONE:
                results[job.name] = {k: entry.get(k) for k in ("outcome", "status", "image_id", "reason")}
            elif job.sha256 in known and not entry.get("url"):
                info = known[job.sha256]
                outcome = "rejected" if info.get("status") == "rejected" else "duplicate"
                reason = "rejected before (same content)" if outcome == "rejected" else "already on the server"
                results[job.name] = {"outcome": outcome, "status": info.get("status"), "image_id": info.get("image_id"),
                                     "reason": reason}
                journal.update(job.sha256, file=job.name, **results[job.name])
            else:
                todo.append(job)

        progress = Progress(sum(j.size for j in todo), len(todo), show)
        with ThreadPoolExecutor(max_workers=max(1, args.parallel)) as pool:
            futures = {pool.submit(upload_one, client, journal, job, progress): job for job in todo}
            for future in as_completed(futures):
                job = futures[future]
                try:
                    result = future.result()
                    record = {"outcome": result.outcome, "status": result.status, "image_id": result.image_id,
                              "reason": result.reason}
                    journal.update(job.sha256, file=job.name, **record)
                except Exception as exc:  # noqa: BLE001 - one file's failure is reported, the rest go on
                    record = {"outcome": "failed", "reason": str(exc)}
                results[job.name] = record
                progress.file_done()
        progress.close()
    finally:
        client.close()
    return report(jobs, results, args)


def report(jobs: list[Job], results: dict[str, dict[str, Any]], args: argparse.Namespace) -> int:
    counts = {"new": 0, "duplicate": 0, "rejected": 0, "failed": 0}
    for job in jobs:
        outcome = results[job.name]["outcome"]
        kind = {"received": "new", "report": "new", "duplicate": "duplicate", "rejected": "rejected",
                "report_rejected": "rejected"}.get(outcome, "failed")
        counts[kind] += 1
    if args.json:
        print(json.dumps({"summary": counts, "files": [{"file": j.name, **results[j.name]} for j in jobs]}))
    else:
        print(f"{len(jobs)} files: {counts['new']} new, {counts['duplicate']} duplicate, "
              f"{counts['rejected']} rejected, {counts['failed']} failed")
        for job in jobs:
            result = results[job.name]
            if result["outcome"] in ("rejected", "report_rejected", "failed"):
                print(f"  {result['outcome']}: {job.name}: {result.get('reason')}")
    if counts["failed"]:
        return 2
    return 1 if counts["rejected"] else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="addax-upload", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="the folder to upload (recursively)")
    parser.add_argument("--url", default=os.environ.get("ADDAX_URL", "http://127.0.0.1:8000"),
                        help="the server (ADDAX_URL)")
    parser.add_argument("--key", default=os.environ.get("ADDAX_UPLOAD_KEY"),
                        help="an upload key of the project, created in the dashboard (ADDAX_UPLOAD_KEY)")
    parser.add_argument("--parallel", type=int, default=4, help="files sent at once (4)")
    parser.add_argument("--chunk-size", type=int, default=4 << 20, help="bytes per request (4 MiB)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a request may take")
    parser.add_argument("--journal", help=f"where to keep the resume journal (FOLDER/{JOURNAL})")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    if not args.key:
        parser.error("an upload key is required: --key or ADDAX_UPLOAD_KEY")
    try:
        return run(args)
    except UploadError as exc:
        print(f"addax-upload: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\naddax-upload: interrupted; run it again to resume", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
