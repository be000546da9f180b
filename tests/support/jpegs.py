"""Small unique JPEGs with the EXIF a test asks for (ingestion tests and the bad-input corpus)."""

from __future__ import annotations

import io
import random
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
