"""Test data shared by the ingestion tests and the upload doors' tests: unique JPEGs with the EXIF
asked for, and the bad-input corpus (corrupt, hostile and odd uploads with the status and reason
ingestion must give each, whichever door they come through)."""

from __future__ import annotations

import io
import random
import struct
from collections.abc import Callable
from datetime import datetime

import piexif
from PIL import Image as PILImage


def make_jpeg(
    seed: int = 0,
    size: tuple[int, int] = (160, 120),
    *,
    captured_at: datetime | None = None,
    make: str | None = None,
    model: str | None = None,
    serial: str | None = None,
    description: str | None = None,
    user_comment: bytes | None = None,
    gps: dict | None = None,
    offset: str | None = None,
    quality: int = 85,
) -> bytes:
    """A small unique JPEG (noise pixels from `seed`) with the EXIF asked for."""
    rng = random.Random(seed)
    img = PILImage.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    zeroth: dict = {}
    exif: dict = {}
    if make:
        zeroth[piexif.ImageIFD.Make] = make.encode()
    if model:
        zeroth[piexif.ImageIFD.Model] = model.encode()
    if description:
        zeroth[piexif.ImageIFD.ImageDescription] = description.encode()
    if captured_at:
        stamp = captured_at.strftime("%Y:%m:%d %H:%M:%S").encode()
        zeroth[piexif.ImageIFD.DateTime] = stamp
        exif[piexif.ExifIFD.DateTimeOriginal] = stamp
    if offset:
        exif[0x9011] = offset.encode()
    if serial:
        exif[piexif.ExifIFD.BodySerialNumber] = serial.encode()
    if user_comment is not None:
        exif[piexif.ExifIFD.UserComment] = user_comment
    buf = io.BytesIO()
    kwargs = {"quality": quality}
    if zeroth or exif or gps:
        kwargs["exif"] = piexif.dump({"0th": zeroth, "Exif": exif, "GPS": gps or {}, "1st": {}, "thumbnail": None})
    img.save(buf, "JPEG", **kwargs)
    return buf.getvalue()



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


def bad_input_corpus(jpeg: Callable[..., bytes] | None = None) -> dict[str, tuple[bytes, str, str | None]]:
    """The bad-input corpus every upload door must handle alike: name -> (bytes, expected status
    (received, rejected, duplicate), a fragment of the expected reason)."""
    jpeg = jpeg or make_jpeg
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
        # A real container is stored and listed as a video (not analysed); a text file named .mp4 is not.
        "DCIM_0001.MP4": (make_mp4(seed=1), "video", None),
        "fake-clip.mp4": (b"not a video, just text\n" * 60, "rejected", "found text file"),
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


def make_mp4(seed: int = 0, payload: int = 4096) -> bytes:
    """A minimal valid MP4 container, built by hand: ftyp, moov (with its mvhd movie header) and an
    mdat of `payload` bytes from `seed` (unique content per seed)."""
    def box(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", 8 + len(body)) + kind + body

    ftyp = box(b"ftyp", b"isom" + struct.pack(">I", 0x200) + b"isomiso2avc1mp41")
    # mvhd version 0: times, timescale 1000, duration 1000 (1 s), rate 1.0, volume 1.0, unity matrix, next track 2.
    matrix = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
    mvhd = box(b"mvhd", struct.pack(">I4I", 0, 0, 0, 1000, 1000) + struct.pack(">IH10x", 0x10000, 0x100)
               + matrix + bytes(24) + struct.pack(">I", 2))
    rng = random.Random(seed)
    return ftyp + box(b"moov", mvhd) + box(b"mdat", rng.randbytes(payload))


def _tiny_jpeg() -> bytes:
    out = io.BytesIO()
    PILImage.new("L", (16, 16), 128).save(out, "JPEG", quality=50)
    data = out.getvalue()
    assert len(data) < 1024
    return data


