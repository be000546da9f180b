"""The bad-input corpus: corrupt, hostile and odd uploads with the outcome each must get.

`basic_corpus()` holds the 19 kinds ingestion tests write straight into the upload directory
(services/ingestion/tests/test_bad_inputs.py); `image_corpus()` adds the image kinds issue 13 asks for
(CMYK, 16-bit, progressive, EXIF orientation, dates); tests/test_bad_inputs_ftps.py sends them all over
real FTPS together with the protocol-level kinds.
"""

from __future__ import annotations

import io
import random
import struct
from collections.abc import Callable
from dataclasses import dataclass

import piexif
from PIL import Image as PILImage

from addax_models.palette import SPECIES
from addax_models.synthetic import make_scene, random_animals
from tests.support.jpegs import make_jpeg


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


def basic_corpus(jpeg: Callable[..., bytes] = make_jpeg) -> dict[str, tuple[bytes, str, str | None]]:
    """The first 19 kinds (issue 4): name -> (bytes, expected status, expected reason fragment)."""
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


def _save(image: PILImage.Image, fmt: str = "JPEG", **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def _noise(seed: int, size: tuple[int, int], mode: str = "RGB") -> PILImage.Image:
    bands = len(mode) if mode in ("RGB", "CMYK") else 1
    return PILImage.frombytes(mode, size, random.Random(seed).randbytes(size[0] * size[1] * bands))


def _exif(orientation: int | None = None, stamp: bytes | None = b"2026:05:04 03:02:01") -> bytes:
    zeroth = {piexif.ImageIFD.Orientation: orientation} if orientation else {}
    exif = {piexif.ExifIFD.DateTimeOriginal: stamp} if stamp is not None else {}
    return piexif.dump({"0th": zeroth, "Exif": exif, "GPS": {}, "1st": {}, "thumbnail": None})


@dataclass
class RotatedScene:
    """A scene stored sideways with an EXIF orientation, and where its animals are when displayed."""

    jpeg: bytes
    orientation: int
    display_size: tuple[int, int]
    boxes: list[tuple[float, float, float, float]]  # normalized x, y, w, h in display orientation


def rotated_scene(orientation: int, seed: int, size: tuple[int, int] = (640, 360)) -> RotatedScene:
    """The pixels are stored turned so that applying the EXIF `orientation` (6 or 8) shows the scene upright."""
    rng = random.Random(seed)
    scene = make_scene(seed, *size, animals=random_animals(rng, 1, size[0] / size[1], labels=SPECIES))
    upright = PILImage.open(io.BytesIO(scene.jpeg)).convert("RGB")
    # ImageOps.exif_transpose turns orientation 6 with ROTATE_270 and 8 with ROTATE_90: store the inverse.
    stored = upright.transpose(PILImage.Transpose.ROTATE_90 if orientation == 6 else PILImage.Transpose.ROTATE_270)
    boxes = [o.bbox for o in scene.objects]
    return RotatedScene(_save(stored, exif=_exif(orientation), quality=90), orientation, upright.size, boxes)


def image_corpus() -> dict[str, tuple[bytes, str, str | None]]:
    """Image kinds beyond the first 19 (issue 13): name -> (bytes, expected status, reason fragment)."""
    sixteen = PILImage.frombytes("I;16", (64, 64), bytes(range(256)) * 32)
    return {
        "cmyk.jpg": (_save(_noise(41, (320, 240), "CMYK"), exif=_exif()), "received", None),
        "night-ir-greyscale.jpg": (_save(_noise(42, (320, 240), "L"), exif=_exif()), "received", None),
        "sixteen-bit.jpg": (padded(_save(sixteen, "TIFF")), "rejected", "not a JPEG camera image: found TIFF"),
        "progressive.jpg": (_save(_noise(43, (320, 240)), exif=_exif(), progressive=True), "received", None),
        "rotated-6.jpg": (rotated_scene(6, 44).jpeg, "received", None),
        "rotated-8.jpg": (rotated_scene(8, 45).jpeg, "received", None),
        "no-date.jpg": (_save(_noise(46, (320, 240))), "received", None),
        "future-2099.jpg": (_save(_noise(47, (320, 240)), exif=_exif(stamp=b"2099:01:01 00:00:00")), "received", None),
        "garbage-date.jpg": (_save(_noise(48, (320, 240)), exif=_exif(stamp=b"99:99:99 \xff\xfe garbage")), "received", None),
    }
