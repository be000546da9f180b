"""Corrupt, hostile and odd uploads: every one ends `rejected` with a specific reason (bytes in
quarantine) or `received`; nothing is lost, nothing is left behind, no duplicate rows."""

from __future__ import annotations

import hashlib

import pytest

from addax_common.db import ImageStatus
from addax_common.reliable_queue import QUEUE_IMAGE_INGESTED
from addax_common.storage import BUCKET_QUARANTINE, BUCKET_RAW, BUCKET_THUMBNAILS
from addax_ingestion.watcher import UploadWatcher
from tests.support.bad_inputs import basic_corpus


@pytest.fixture
def bad_files(jpeg):
    return basic_corpus(jpeg)


def test_bad_inputs_end_rejected_or_received(settings, ctx, pipeline, results, put_upload, db, bad_files,
                                             upload_files, wait_for):
    paths = {name: put_upload(name, data, account="site2") for name, (data, _s, _r) in bad_files.items()}
    watcher = UploadWatcher(settings, pipeline).start()  # the initial scan finds all of them
    try:
        wait_for(lambda: upload_files() == [] and pipeline.wait_idle(0), timeout=20, what="all uploads handled")
    finally:
        watcher.stop()

    rows = db.images()
    by_sha = {r.sha256: r for r in rows}
    expected_rejected = [n for n, (_d, s, _r) in bad_files.items() if s == "rejected"]
    expected_received = [n for n, (_d, s, _r) in bad_files.items() if s == "received"]
    expected_videos = [n for n, (_d, s, _r) in bad_files.items() if s == "video"]
    # Exact counts: one row per distinct content, nothing lost, no duplicate rows.
    assert len(rows) == len(expected_rejected) + len(expected_received) + len(expected_videos) == len(bad_files) - 1
    assert sum(r.status == ImageStatus.REJECTED for r in rows) == len(expected_rejected) == 12
    assert sum(r.status == ImageStatus.RECEIVED for r in rows) == len(expected_received) == 7
    assert sum(r.media_kind == "video" for r in rows) == len(expected_videos) == 1

    for name, (data, status, reason) in bad_files.items():
        row = by_sha[hashlib.sha256(data).hexdigest()]
        if status == "rejected":
            assert row.status == ImageStatus.REJECTED, name
            assert reason in row.error, (name, row.error)
            assert row.rejected_at is not None and row.file_size == len(data)
            assert ctx.storage.get(BUCKET_QUARANTINE, row.storage_key) == data  # kept, byte for byte
        elif status == "received":
            assert row.status == ImageStatus.RECEIVED and row.media_kind == "image", name
            assert ctx.storage.get(BUCKET_RAW, row.storage_key) == data
        elif status == "video":  # stored and listed, with a poster, not analysed: completed, never queued
            assert (row.status, row.media_kind, row.mime_type) == (ImageStatus.COMPLETED, "video", "video/mp4"), name
            assert ctx.storage.get(BUCKET_RAW, row.storage_key) == data and row.storage_key.endswith(f"{row.id}.mp4")
            assert ctx.storage.get(BUCKET_THUMBNAILS, row.thumbnail_key).startswith(b"\xff\xd8")
            assert str(row.id) not in ctx.queue(QUEUE_IMAGE_INGESTED).queued_ids()
    queued = ctx.queue(QUEUE_IMAGE_INGESTED).queued_ids()
    assert queued and {str(r.id) for r in rows if r.status == ImageStatus.RECEIVED} <= queued

    # Garbage GPS: processed, no position, the reason noted in the stored EXIF.
    for name in ("gps-zero-denominator.jpg", "gps-out-of-range.jpg"):
        row = by_sha[hashlib.sha256(bad_files[name][0]).hexdigest()]
        assert row.gps is None
        assert any(note.startswith("GPS ignored") for note in row.exif["_notes"]), row.exif
    zero = by_sha[hashlib.sha256(bad_files["gps-zero-denominator.jpg"][0]).hexdigest()]
    assert "zero denominator" in " ".join(zero.exif["_notes"])

    # Names are display-only and sanitized; storage keys never contain them.
    names = {r.original_filename for r in rows}
    assert {"evil.jpg", "Kamera_ß_ñ_日本_🦌.jpg", "bell[31mred.jpg"} <= names
    assert all("/" not in r.original_filename and "\\" not in r.original_filename for r in rows)
    assert all(len(r.original_filename) <= 255 for r in rows)
    assert all(r.storage_key.endswith((f"{r.id}.jpg", f"{r.id}.bin", f"{r.id}.mp4")) for r in rows)

    # The duplicate: one image, counted once.
    dup = by_sha[hashlib.sha256(bad_files["first.jpg"][0]).hexdigest()]
    assert dup.duplicate_uploads == 1
    assert sorted(r.outcome.value for r in results).count("duplicate") == 1
    assert len(results) == len(bad_files)
    assert not any(p.exists() for p in paths.values())


def test_oversized_upload_is_rejected_with_its_head_quarantined(settings, ctx, pipeline, put_upload, jpeg, db):
    small = settings.model_copy(update={"ingest_max_bytes": 4000})
    from addax_common.ingest.ingest import Ingestor

    ctx.settings = small
    data = jpeg(seed=5, size=(320, 240))
    assert len(data) > 4000
    path = put_upload("big.jpg", data)
    result = Ingestor(ctx).ingest_file(path)
    assert result.outcome.value == "rejected"
    [row] = db.images()
    assert row.error.startswith(f"file too large: {len(data)} bytes > maximum 4000 bytes")
    assert "first 4000 bytes" in row.error
    assert row.sha256 == hashlib.sha256(data).hexdigest()  # of the whole file
    assert ctx.storage.get(BUCKET_QUARANTINE, row.storage_key) == data[:4000]
    assert not path.exists()


def test_a_rejected_upload_is_announced_with_its_reason(ctx, put_upload, db, events):
    """The dashboard's rejected count and its cached gallery answers change on this event; without it
    they showed the old count for up to RESPONSE_CACHE_SECONDS."""
    from addax_common.ingest.ingest import Ingestor

    path = put_upload("notes.jpg", b"not a photo at all", account="site2")
    result = Ingestor(ctx).ingest_file(path)
    assert result.outcome.value == "rejected"
    [row] = db.images()
    [event] = events(1, event_type="image_rejected")
    assert event["image_id"] == str(row.id) and event["project_id"] == row.project_id is not None
    assert event["filename"] == "notes.jpg" and event["error"] == row.error
