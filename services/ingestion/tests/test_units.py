"""Pure functions: file names, content sniffing, EXIF robustness."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone

import pytest

from addax_common.camera_time import camera_timezone
from addax_common.ingest.exif import read_exif
from addax_common.ingest.filenames import is_ignored_name, sanitize_filename
from addax_common.ingest.validate import sniff, validate_image


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("../../x.jpg", "x.jpg"),
        ("..\\..\\windows\\system32\\x.jpg", "x.jpg"),
        ("/etc/passwd", "passwd"),
        ("CAM01_0001.JPG", "CAM01_0001.JPG"),
        ("bell\x07\x00name\u202e.jpg", "bellname.jpg"),  # controls, NUL and a bidi override removed
        ("Ka\u0308mera.jpg", "Kämera.jpg"),  # NFC
        ("  spaced \t name .jpg ", "spaced name .jpg"),
        ("", "unnamed"),
        ("..", "unnamed"),
        ("\x1b\x1b", "unnamed"),
    ],
)
def test_sanitize_filename(raw, shown):
    assert sanitize_filename(raw) == shown


def test_sanitize_long_names_keep_the_extension():
    shown = sanitize_filename("A" * 1000 + ".jpeg")
    assert len(shown) <= 255 and shown.endswith("….jpeg")
    assert len(sanitize_filename("B" * 1000)) == 255


@pytest.mark.parametrize("name", [".x.jpg", "x.jpg~", "x.jpg.part", "x.JPG.TMP", "x.filepart", "~$x.jpg", "Thumbs.db"])
def test_temp_and_hidden_names_are_ignored(name):
    assert is_ignored_name(name)


@pytest.mark.parametrize("name", ["x.jpg", "DailyReport.txt", "IMG_0001.JPG", "part.jpg"])
def test_normal_names_are_not_ignored(name):
    assert not is_ignored_name(name)


@pytest.mark.parametrize(
    "head, kind",
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "png"),
        (b"\x00\x00\x00\x18ftypheic", "heic"),
        (b"\x00\x00\x00\x18ftypmif1", "heic"),
        (b"\x00\x00\x00\x18ftypavif", "avif"),
        (b"\x00\x00\x00\x18ftypisom", "mp4"),
        (b"\x00\x00\x00\x14ftypqt  ", "mov"),
        (b"RIFF\x00\x00\x00\x00AVI LIST", "avi"),
        (b"\x1aE\xdf\xa3\x01\x00\x00", "mkv"),
        (b"GIF89a\x01\x00", "gif"),
        (b"II*\x00\x08\x00\x00\x00", "tiff"),
        (b"%PDF-1.7\n", "pdf"),
        (b"PK\x03\x04\x14\x00", "zip"),
        (b"Battery: 80%\nTemp: 12C\n", "text"),
        (b"", "empty"),
        (b"\x00\x01\x02\x03\x04\x05\x06\x07", "unknown"),
    ],
)
def test_sniff(head, kind):
    assert sniff(head).kind == kind


def test_validate_accepts_a_jpeg(jpeg):
    data = jpeg(seed=1)
    result = validate_image(data, size=len(data), min_bytes=1024, max_bytes=10**7, max_pixels=10**7)
    assert result.ok and (result.width, result.height) == (160, 120) and result.reason is None


def test_capture_time_offset_and_fallbacks(jpeg):
    stamp = datetime(2024, 3, 4, 5, 6, 7)
    with_offset = read_exif(jpeg(seed=1, captured_at=stamp, offset="+02:00"))
    assert with_offset.captured_at() == datetime(2024, 3, 4, 3, 6, 7, tzinfo=UTC)
    assert with_offset.capture_time_basis(None) == "offset from EXIF"

    local = read_exif(jpeg(seed=1, captured_at=stamp))
    assert local.captured_at() == stamp.replace(tzinfo=UTC)
    assert local.captured_at(timezone(timedelta(hours=-5))) == datetime(2024, 3, 4, 10, 6, 7, tzinfo=UTC)

    assert camera_timezone({"utc_offset": "-05:00"}) == timezone(timedelta(hours=-5))
    assert camera_timezone({"timezone": "Not/AZone"}) is None
    assert camera_timezone({}) is None


def test_invalid_capture_times_are_noted_not_fatal(jpeg):
    import piexif

    for bad in (b"0000:00:00 00:00:00", b"2024:13:45 99:99:99", b"garbage", b"1970:01:01 00:00:00"):
        data = jpeg(seed=2)
        exif = piexif.dump({"0th": {}, "Exif": {piexif.ExifIFD.DateTimeOriginal: bad}, "GPS": {}, "1st": {}})
        import io

        from PIL import Image

        buf = io.BytesIO()
        Image.open(io.BytesIO(data)).save(buf, "JPEG", exif=exif)
        info = read_exif(buf.getvalue())
        assert info.captured_local is None
        assert any("DateTimeOriginal ignored" in n for n in info.notes)


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow warns about each corrupt tag it skips
def test_exif_parser_survives_corruption(jpeg):
    """Random byte flips inside the EXIF segment must never raise, and the output stays JSON-safe."""
    import json

    base = bytearray(jpeg(seed=3, captured_at=datetime(2024, 1, 2, 3, 4, 5), make="Acme", serial="SN-1",
                          description="BATTERY=50;TEMP=3C;SD=9",
                          gps={1: b"N", 2: ((52, 1), (4, 1), (45, 1)), 3: b"E", 4: ((5, 1), (48, 1), (59, 1))}))
    app1 = base.index(b"Exif\x00\x00")
    rng = random.Random(7)
    for _ in range(300):
        data = bytearray(base)
        for _ in range(rng.randint(1, 12)):
            data[app1 + rng.randrange(6, 400)] = rng.randrange(256)
        info = read_exif(bytes(data))
        json.dumps(info.to_json(), allow_nan=False)
        assert "\x00" not in json.dumps(info.to_json())
    assert read_exif(b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00MM\x00*garbage").notes


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_exif_count_bomb_is_cheap():
    """An IFD entry claiming 2**28 SHORT values must not make the parser build or unpack them
    (piexif does: a 256 MB struct format string and seconds of CPU per image)."""
    import io
    import struct
    import time

    import piexif
    from PIL import Image

    exif = piexif.dump({"0th": {0x010F: b"Acme", 0x0110: b"M", 0x0128: 2}, "Exif": {}, "GPS": {}, "1st": {}})
    buf = io.BytesIO()
    Image.new("RGB", (32, 32)).save(buf, "JPEG", exif=exif)
    data = bytearray(buf.getvalue())
    tiff = data.index(b"Exif\x00\x00") + 6
    fmt = "<" if data[tiff : tiff + 2] == b"II" else ">"
    ifd0 = tiff + struct.unpack_from(fmt + "L", data, tiff + 4)[0]
    for i in range(struct.unpack_from(fmt + "H", data, ifd0)[0]):
        entry = ifd0 + 2 + 12 * i
        if struct.unpack_from(fmt + "H", data, entry)[0] == 0x0128:  # ResolutionUnit, SHORT
            struct.pack_into(fmt + "L", data, entry + 4, 0x10000000)
    started = time.perf_counter()
    info = read_exif(bytes(data))
    assert time.perf_counter() - started < 0.5
    assert (info.make, info.model) == ("Acme", "M")
