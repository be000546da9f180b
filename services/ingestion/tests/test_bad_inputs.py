"""Corrupt, hostile and odd uploads: every one ends `rejected` with a specific reason (bytes in
quarantine) or `received`; nothing is lost, nothing is left behind, no duplicate rows."""

from __future__ import annotations

import hashlib
import io
import struct

import pytest
from PIL import Image as PILImage

from addax_common.db import ImageStatus
from addax_common.storage import BUCKET_QUARANTINE, BUCKET_RAW
from addax_ingestion.watcher import UploadWatcher


def with_dimensions(jpeg_bytes: bytes, width: int, height: int) -> bytes:
    """A cheap decompression bomb: a small JPEG whose SOF header claims width x height."""
    data = bytearray(jpeg_bytes)
    index = 2
    while index < len(data):
        marker, length = data[index + 1], struct.unpack(">H", data[index + 2 : index + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            struct.pack_into(">HH", data, index + 5, height, width)
            return bytes(data)
        index += 2 + length
    raise ValueError("no SOF marker")


def padded(head: bytes, size: int = 4096) -> bytes:
    return head + bytes(range(256)) * (size // 256)


def bad_gps(kind: str) -> dict:
    if kind == "zero-denominator":
        return {1: b"N", 2: ((52, 0), (5, 0), (0, 0)), 3: b"E", 4: ((5, 1), (48, 1), (0, 1))}
    if kind == "out-of-range":
        return {1: b"N", 2: ((200, 1), (0, 1), (0, 1)), 3: b"E", 4: ((5, 1), (48, 1), (0, 1))}
    raise ValueError(kind)


@pytest.fixture
def bad_files(jpeg):
    small = jpeg(seed=99, size=(64, 64))
    full = jpeg(seed=98, size=(320, 240))
    png = io.BytesIO()
    PILImage.new("RGB", (64, 64), "green").save(png, "PNG")
    duplicate = jpeg(seed=97)
    # name -> (bytes, expected status, expected reason fragment)
    return {
        "empty.jpg": (b"", "rejected", "empty file (0 bytes)"),
        "truncated.jpg": (full[: len(full) // 2], "rejected", "truncated JPEG"),
        "notes.jpg": (b"This is not an image, it is a text file.\n" * 50, "rejected", "found text file"),
        "really-a-png.jpg": (padded(png.getvalue()), "rejected", "found PNG image"),
        "IMG_0001.HEIC.jpg": (padded(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), "rejected",
                              "found HEIC/HEIF image (ftyp brand 'heic')"),
        "clip.jpg": (padded(b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"), "rejected",
                     "found MP4 video (ftyp brand 'isom')"),
        "clip.avi": (padded(b"RIFF\x00\x10\x00\x00AVI LIST"), "rejected", "found AVI video"),
        "bomb-30000.jpg": (with_dimensions(small, 30000, 30000), "rejected", "decompression bomb"),
        "bomb-9000.jpg": (with_dimensions(small, 9000, 9000), "rejected",
                          "decompression bomb: 9000x9000 = 81000000 pixels > limit 60000000"),
        "tiny.jpg": (_tiny_jpeg(), "rejected", "file too small"),
        "garbage-after-soi.jpg": (padded(b"\xff\xd8\xff\xe0garbage"), "rejected", "corrupt JPEG"),
        "gps-zero-denominator.jpg": (jpeg(seed=1, gps=bad_gps("zero-denominator")), "received", None),
        "gps-out-of-range.jpg": (jpeg(seed=2, gps=bad_gps("out-of-range")), "received", None),
        "C:\\DCIM\\..\\..\\evil.jpg": (jpeg(seed=3), "received", None),  # a legal file name on Linux
        "Kamera_ß_ñ_日本_🦌.jpg": (jpeg(seed=4), "received", None),
        "bell\x07\x1b[31mred.jpg": (jpeg(seed=5), "received", None),
        "L" * 240 + ".jpg": (jpeg(seed=6), "received", None),
        "first.jpg": (duplicate, "received", None),
        "again.jpg": (duplicate, "duplicate", None),
    }


def _tiny_jpeg() -> bytes:
    out = io.BytesIO()
    PILImage.new("L", (16, 16), 128).save(out, "JPEG", quality=50)
    data = out.getvalue()
    assert len(data) < 1024
    return data


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
    # Exact counts: one row per distinct content, nothing lost, no duplicate rows.
    assert len(rows) == len(expected_rejected) + len(expected_received) == len(bad_files) - 1
    assert sum(r.status == ImageStatus.REJECTED for r in rows) == len(expected_rejected) == 11
    assert sum(r.status == ImageStatus.RECEIVED for r in rows) == len(expected_received) == 7

    for name, (data, status, reason) in bad_files.items():
        row = by_sha[hashlib.sha256(data).hexdigest()]
        if status == "rejected":
            assert row.status == ImageStatus.REJECTED, name
            assert reason in row.error, (name, row.error)
            assert row.rejected_at is not None and row.file_size == len(data)
            assert ctx.storage.get(BUCKET_QUARANTINE, row.storage_key) == data  # kept, byte for byte
        elif status == "received":
            assert row.status == ImageStatus.RECEIVED, name
            assert ctx.storage.get(BUCKET_RAW, row.storage_key) == data

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
    assert all(r.storage_key.endswith((f"{r.id}.jpg", f"{r.id}.bin")) for r in rows)

    # The duplicate: one image, counted once.
    dup = by_sha[hashlib.sha256(bad_files["first.jpg"][0]).hexdigest()]
    assert dup.duplicate_uploads == 1
    assert sorted(r.outcome.value for r in results).count("duplicate") == 1
    assert len(results) == len(bad_files)
    assert not any(p.exists() for p in paths.values())


def test_oversized_upload_is_rejected_with_its_head_quarantined(settings, ctx, pipeline, put_upload, jpeg, db):
    small = settings.model_copy(update={"ingest_max_bytes": 4000})
    from addax_ingestion.ingest import Ingestor

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
