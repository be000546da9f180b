"""The upload-directory watcher: files written by another FTPS server (plain file writes)."""

from __future__ import annotations

import hashlib
import os
import time

from addax_common.db import ImageStatus
from addax_common.storage import BUCKET_RAW
from addax_ingestion.watcher import UploadWatcher


def test_slow_writer_is_picked_up_once_when_complete(settings, ctx, pipeline, results, upload_dir, jpeg, db, wait_for):
    before = jpeg(seed=1)
    (upload_dir / "site2").mkdir()
    (upload_dir / "site2" / "while-down.jpg").write_bytes(before)  # arrived while the service was down

    # Generous stability window against a writer that pauses 0.1 s: robust on a loaded machine.
    settings = settings.model_copy(update={"ingest_stable_seconds": 0.6})
    watcher = UploadWatcher(settings, pipeline).start()
    try:
        [early] = wait_for(lambda: db.images(), what="initial scan to ingest the file present at start")
        assert early.sha256 == hashlib.sha256(before).hexdigest() and early.ftps_account == "site2"

        # vsftpd-style: the file is created, then grows chunk by chunk, slower than the watcher's tick
        # but with pauses shorter than ingest_stable_seconds.
        data = jpeg(seed=2, size=(640, 480))
        target = upload_dir / "site2" / "slow.jpg"
        chunks = [data[i : i + len(data) // 8 + 1] for i in range(0, len(data), len(data) // 8 + 1)]
        with open(target, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
                fh.flush()
                time.sleep(0.1)
                assert len(db.images()) == 1, "picked up before the upload was complete"
        rows = wait_for(lambda: len(db.images()) == 2 and db.images(), what="slow file ingested")
        slow = next(r for r in rows if r.original_filename == "slow.jpg")
        assert slow.status == ImageStatus.RECEIVED
        assert slow.sha256 == hashlib.sha256(data).hexdigest()
        assert ctx.storage.get(BUCKET_RAW, slow.storage_key) == data
        wait_for(lambda: not target.exists(), what="upload removed")

        # Temporary and hidden files are never touched; a rename to the final name is picked up.
        part = upload_dir / "site2" / "renamed.jpg.part"
        hidden = upload_dir / "site2" / ".hidden.jpg"
        part.write_bytes(jpeg(seed=3))
        hidden.write_bytes(jpeg(seed=4))
        time.sleep(settings.ingest_stable_seconds + 0.5)
        assert part.exists() and hidden.exists() and len(db.images()) == 2
        os.rename(part, upload_dir / "site2" / "renamed.jpg")
        wait_for(lambda: len(db.images()) == 3, what="renamed file ingested")
        assert hidden.exists()

        # Once each: three ingests, no repeats (the watcher saw many events per file).
        time.sleep(settings.ingest_stable_seconds + 0.3)
        assert sorted(r.outcome.value for r in results) == ["received"] * 3
        assert len({r.path for r in results}) == 3
    finally:
        watcher.stop()


def test_a_file_written_in_many_chunks_is_noted_a_few_times_not_once_per_write(settings, pipeline, upload_dir, jpeg, wait_for):
    """The inotify subscription leaves out per-write "modified" events (and the opens and closes of
    reads): a file written in 64 chunks is noted on creation and on its close, not 64 times."""
    watcher = UploadWatcher(settings, pipeline)
    noted: list[str] = []
    note = watcher.note
    watcher.note = lambda path: (noted.append(os.fspath(path)), note(path))[1]  # type: ignore[method-assign]
    watcher.start()
    try:
        data = jpeg(seed=6)
        target = upload_dir / "chunked.jpg"
        with open(target, "wb") as fh:
            for i in range(0, len(data), len(data) // 64 + 1):
                fh.write(data[i : i + len(data) // 64 + 1])
                fh.flush()
        wait_for(lambda: not target.exists(), what="the chunked file ingested and removed")
        mine = [p for p in noted if p.endswith("chunked.jpg")]
        assert 1 <= len(mine) <= 3, mine
    finally:
        watcher.stop()


def test_periodic_scan_catches_missed_events(settings, pipeline, upload_dir, jpeg, db, wait_for):
    watcher = UploadWatcher(settings, pipeline).start()
    watcher._observer.stop()  # simulate lost inotify events (e.g. queue overflow): only the scan is left
    watcher._observer.join()
    try:
        (upload_dir / "late.jpg").write_bytes(jpeg(seed=5))
        [row] = wait_for(lambda: db.images(), timeout=settings.ingest_scan_interval_seconds + 5,
                         what="the periodic scan to find the file")
        assert row.original_filename == "late.jpg" and row.ftps_account is None
    finally:
        watcher._observer = None
        watcher.stop()


def test_concurrent_submissions_of_one_path_ingest_it_once(settings, ingestor, results, put_upload, jpeg, db):
    """The in-progress set: the FTPS callback, the watcher and the scan may all offer the same file."""
    import threading

    from addax_ingestion.pipeline import IngestPipeline

    gate = threading.Event()
    original = ingestor.ingest_file

    def slow_ingest(path, account=None):
        gate.wait(5)
        return original(path, account)

    ingestor.ingest_file = slow_ingest
    pipe = IngestPipeline(ingestor, workers=4, on_result=results.append)
    try:
        path = put_upload("one.jpg", jpeg(seed=6))
        futures = [pipe.submit(path) for _ in range(5)]
        assert sum(f is not None for f in futures) == 1
        assert pipe.is_busy(path)
        gate.set()
        assert pipe.wait_idle(10)
    finally:
        pipe.shutdown()
    assert [r.outcome.value for r in results] == ["received"]
    assert len(db.images()) == 1


def test_name_reused_while_ingesting_loses_nothing(settings, ingestor, results, put_upload, jpeg, db, wait_for):
    """A camera uploads IMG_0001.JPG again (new content) while the first one is being ingested."""
    import threading

    from addax_ingestion.pipeline import IngestPipeline

    read_done, proceed = threading.Event(), threading.Event()
    original_read = ingestor._read

    def gated_read(path, account):
        upload = original_read(path, account)
        if not proceed.is_set():
            read_done.set()
            proceed.wait(5)
        return upload

    ingestor._read = gated_read
    pipe = IngestPipeline(ingestor, workers=2, on_result=results.append)
    first, second = jpeg(seed=7), jpeg(seed=8)
    try:
        path = put_upload("IMG_0001.JPG", first)
        pipe.submit(path)
        assert read_done.wait(5)
        path.write_bytes(second)  # overwritten in place, as an FTP STOR of the same name does
        assert pipe.submit(path) is None  # busy: remembered, run again afterwards
        proceed.set()
        wait_for(lambda: len(db.images()) == 2, what="both uploads ingested")
        assert pipe.wait_idle(5)
    finally:
        pipe.shutdown()
    import hashlib

    assert {r.sha256 for r in db.images()} == {hashlib.sha256(first).hexdigest(), hashlib.sha256(second).hexdigest()}
    assert not path.exists()
