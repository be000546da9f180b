"""EXIF of a camera-trap JPEG: capture time, GPS, make/model/serial, camera status. Never raises.

Camera EXIF is written by cheap firmware and is often wrong; every field is parsed defensively and a
field that makes no sense is dropped with a note (``ExifInfo.notes``, stored in ``images.exif`` under
``"_notes"`` and logged) instead of failing the image.

Capture time
    ``DateTimeOriginal`` (falling back to ``DateTimeDigitized``, then ``DateTime``), with
    ``SubSecTimeOriginal`` and ``OffsetTimeOriginal`` (EXIF 2.31) when present. Camera traps almost
    never write an offset: their clock is set to local time by hand. Without an offset the time is
    interpreted in the camera's configured time zone (``cameras.config["timezone"]``, an IANA name,
    or ``cameras.config["utc_offset"]`` like ``"+01:00"``) and, when none is configured, **as UTC**.
    The assumption is recorded in ``images.exif["_capture_time"]`` so a later correction can find
    the images it affects. The wall-clock time itself is kept (``images.exif_local_time``): once the
    image is placed in a deployment, the deployment's time zone replaces this assumption.

Camera status
    The convention of ``addax_models.camera_exif`` (what many trail cameras stamp on images):
    ``BATTERY=85;TEMP=12C;SD=40`` in ``ImageDescription`` and/or ``UserComment`` -- ``;``-separated
    ``KEY=VALUE`` pairs, any order, keys case-insensitive; BATTERY and SD in percent (a trailing ``%``
    is accepted), TEMP a number with unit ``C`` or ``F``; unknown keys are ignored.

Reconyx HyperFire 2
    Its maker note (``RECONYXH2`` header) holds the serial number, the ambient temperature, the
    battery voltage and the user label; they are read at fixed offsets (layout as documented by
    ExifTool's Reconyx module) when the header matches, and ignored otherwise.
"""

from __future__ import annotations

import math
import re
import struct
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from io import BytesIO
from typing import Any

from PIL import Image
from PIL.ExifTags import GPSTAGS, TAGS
from PIL.TiffImagePlugin import IFDRational

from addax_common.camera_time import parse_utc_offset

MAX_TEXT = 256
MAX_RAW_TAGS = 200

# Tag numbers (EXIF 2.32). IFD0 and the Exif sub-IFD:
TAG_MAKE = 0x010F
TAG_MODEL = 0x0110
TAG_DATETIME = 0x0132
TAG_DESCRIPTION = 0x010E
TAG_EXIF_IFD = 0x8769
TAG_GPS_IFD = 0x8825
TAG_INTEROP_IFD = 0xA005
TAG_DATETIME_ORIGINAL = 0x9003
TAG_DATETIME_DIGITIZED = 0x9004
TAG_SUBSEC_ORIGINAL = 0x9291
TAG_OFFSET_TIME = 0x9010
TAG_OFFSET_TIME_ORIGINAL = 0x9011
TAG_OFFSET_TIME_DIGITIZED = 0x9012
TAG_USER_COMMENT = 0x9286
TAG_BODY_SERIAL = 0xA431
TAG_MAKER_NOTE = 0x927C
# GPS sub-IFD:
GPS_LATITUDE_REF, GPS_LATITUDE, GPS_LONGITUDE_REF, GPS_LONGITUDE, GPS_ALTITUDE_REF, GPS_ALTITUDE = 1, 2, 3, 4, 5, 6

_DATETIME = re.compile(r"^\s*(\d{4})[:\-/.](\d{1,2})[:\-/.](\d{1,2})[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?")
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


@dataclass
class ExifInfo:
    captured_local: datetime | None = None  # naive = camera-local time without offset; aware = had an offset
    captured_source: str | None = None  # which tag it came from
    make: str | None = None
    model: str | None = None
    serial: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    altitude_m: float | None = None
    battery_percent: float | None = None
    temperature_c: float | None = None
    sd_used_percent: float | None = None
    status_raw: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def has_gps(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def has_status(self) -> bool:
        return any(v is not None for v in (self.battery_percent, self.temperature_c, self.sd_used_percent))

    def captured_at(self, camera_tz: tzinfo | None = None) -> datetime | None:
        """Capture time as an aware UTC datetime (see the module doc for the time-zone assumption)."""
        if self.captured_local is None:
            return None
        if self.captured_local.tzinfo is not None:
            return self.captured_local.astimezone(UTC)
        return self.captured_local.replace(tzinfo=camera_tz or UTC).astimezone(UTC)

    @property
    def wall_clock(self) -> datetime | None:
        """The EXIF time as the camera's clock showed it, when EXIF gave no UTC offset (else None):
        the time a deployment's time zone is applied to (addax_common/deployments.py)."""
        if self.captured_local is None or self.captured_local.tzinfo is not None:
            return None
        return self.captured_local

    def capture_time_basis(self, camera_tz: tzinfo | None) -> str | None:
        if self.captured_local is None:
            return None
        if self.captured_local.tzinfo is not None:
            return "offset from EXIF"
        return f"camera time zone {camera_tz}" if camera_tz else "no offset in EXIF: camera clock assumed UTC"

    def to_json(self, camera_tz: tzinfo | None = None) -> dict[str, Any]:
        """The JSON-safe dict stored in images.exif: raw tags plus what ingestion concluded from them."""
        out = dict(self.raw)
        basis = self.capture_time_basis(camera_tz)
        if basis:
            out["_capture_time"] = basis
        if self.status_raw:
            out["_camera_status"] = self.status_raw
        if self.notes:
            out["_notes"] = list(self.notes)
        return out


# --- reading ------------------------------------------------------------------------------------------
def read_exif(data: bytes) -> ExifInfo:
    info = ExifInfo()
    try:
        zeroth, exif, gps = _load_ifds(data)
    except Exception as exc:  # noqa: BLE001 - any garbage: EXIF is optional, the image is not
        info.notes.append(f"EXIF unreadable: {type(exc).__name__}: {str(exc)[:120]}")
        return info

    info.raw = _json_safe_tags({"0th": zeroth, "Exif": exif, "GPS": gps})
    info.make = _clean_text(zeroth.get(TAG_MAKE), 120)
    info.model = _clean_text(zeroth.get(TAG_MODEL), 120)
    info.serial = _clean_serial(exif.get(TAG_BODY_SERIAL))

    _read_capture_time(info, zeroth, exif)
    _read_gps(info, gps)
    _read_status(info, zeroth, exif)
    _read_reconyx(info, exif.get(TAG_MAKER_NOTE))
    return info


def _read_capture_time(info: ExifInfo, zeroth: dict[int, Any], exif: dict[int, Any]) -> None:
    candidates = (
        ("DateTimeOriginal", exif.get(TAG_DATETIME_ORIGINAL), exif.get(TAG_OFFSET_TIME_ORIGINAL), exif.get(TAG_SUBSEC_ORIGINAL)),
        ("DateTimeDigitized", exif.get(TAG_DATETIME_DIGITIZED), exif.get(TAG_OFFSET_TIME_DIGITIZED), None),
        ("DateTime", zeroth.get(TAG_DATETIME), exif.get(TAG_OFFSET_TIME), None),
    )
    for name, value, offset, subsec in candidates:
        if value is None:
            continue
        text = _clean_text(value, 64)
        parsed = _parse_datetime(text) if text else None
        if parsed is None:
            info.notes.append(f"{name} ignored: not a valid date/time ({text!r})")
            continue
        if not 1990 <= parsed.year <= datetime.now(UTC).year + 1:
            info.notes.append(f"{name} ignored: implausible year {parsed.year}")
            continue
        digits = re.sub(r"\D", "", _clean_text(subsec, 16) or "")
        if digits:
            parsed = parsed.replace(microsecond=int(digits[:6].ljust(6, "0")))
        tz = parse_utc_offset(_clean_text(offset, 16) or "")
        if tz is not None:
            parsed = parsed.replace(tzinfo=tz)
        info.captured_local = parsed
        info.captured_source = name
        if name != "DateTimeOriginal":
            info.notes.append(f"capture time taken from {name} (no usable DateTimeOriginal)")
        return


def _parse_datetime(text: str) -> datetime | None:
    match = _DATETIME.match(text)
    if not match:
        return None
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def _load_ifds(data: bytes) -> tuple[dict[int, Any], dict[int, Any], dict[int, Any]]:
    """IFD0, Exif and GPS sub-IFDs as {tag: value}, rationals as (numerator, denominator).

    Pillow's parser, not piexif's: piexif builds ``struct`` formats from the entry's count field, so
    one crafted count (2**32) makes it allocate gigabytes and spin for seconds (found by the fuzz
    test); Pillow reads at most the bytes that are really there and skips a tag that lies.
    """
    with Image.open(BytesIO(data)) as img:  # parses the headers only, no pixel decoding
        exif = img.getexif()
        zeroth = {tag: _normalize(value) for tag, value in exif.items()}
        sub = {tag: _normalize(value) for tag, value in exif.get_ifd(TAG_EXIF_IFD).items()} if TAG_EXIF_IFD in exif else {}
        gps = {tag: _normalize(value) for tag, value in exif.get_ifd(TAG_GPS_IFD).items()} if TAG_GPS_IFD in exif else {}
    return zeroth, sub, gps


def _normalize(value: Any, depth: int = 0) -> Any:
    if isinstance(value, IFDRational):
        return (value.numerator, value.denominator)
    if isinstance(value, tuple) and depth < 3:
        return tuple(_normalize(v, depth + 1) for v in value[:256])
    return value


# --- GPS ---------------------------------------------------------------------------------------------
class _BadGps(ValueError):
    pass


def _read_gps(info: ExifInfo, gps: dict[int, Any]) -> None:
    lat_value, lon_value = gps.get(GPS_LATITUDE), gps.get(GPS_LONGITUDE)
    if lat_value is None and lon_value is None:
        return
    try:
        if lat_value is None or lon_value is None:
            raise _BadGps("latitude or longitude missing")
        lat = _dms(lat_value, "GPSLatitude") * _hemisphere(gps.get(GPS_LATITUDE_REF), "NS", "GPSLatitudeRef")
        lon = _dms(lon_value, "GPSLongitude") * _hemisphere(gps.get(GPS_LONGITUDE_REF), "EW", "GPSLongitudeRef")
        if not -90 <= lat <= 90 or not -180 <= lon <= 180:
            raise _BadGps(f"out of range ({lat:.6f}, {lon:.6f})")
        if lat == 0 and lon == 0:
            raise _BadGps("0,0 (camera had no GPS fix)")
    except _BadGps as exc:
        info.notes.append(f"GPS ignored: {exc}")
        return
    except Exception as exc:  # noqa: BLE001 - any other shape of garbage
        info.notes.append(f"GPS ignored: malformed ({type(exc).__name__})")
        return
    info.latitude, info.longitude = round(lat, 7), round(lon, 7)

    altitude = gps.get(GPS_ALTITUDE)
    if altitude is not None:
        try:
            metres = _rational(altitude, "GPSAltitude")
            ref = gps.get(GPS_ALTITUDE_REF, 0)
            if isinstance(ref, bytes):
                ref = ref[0] if ref else 0
            metres = -metres if ref == 1 else metres
            if not -500 <= metres <= 9000:
                raise _BadGps(f"altitude {metres:.0f} m out of range")
            info.altitude_m = round(metres, 2)
        except Exception as exc:  # noqa: BLE001
            info.notes.append(f"GPS altitude ignored: {exc}")


def _rational(value: Any, name: str) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, (tuple, list)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        if value[1] == 0:
            raise _BadGps(f"zero denominator in {name}")
        number = value[0] / value[1]
    else:
        raise _BadGps(f"{name} is not a rational ({str(value)[:40]})")
    if not math.isfinite(number) or number < 0:
        raise _BadGps(f"{name} has an invalid value ({number})")
    return number


def _dms(value: Any, name: str) -> float:
    if not isinstance(value, (tuple, list)) or not 1 <= len(value) <= 3:
        raise _BadGps(f"{name} is not degrees/minutes/seconds ({str(value)[:60]})")
    parts = [_rational(part, name) for part in value] + [0.0, 0.0]
    degrees, minutes, seconds = parts[:3]
    if minutes >= 60 or seconds >= 60.5:
        raise _BadGps(f"{name} minutes/seconds out of range ({minutes}, {seconds})")
    return degrees + minutes / 60 + seconds / 3600


def _hemisphere(ref: Any, letters: str, name: str) -> int:
    text = _clean_text(ref, 4) or ""
    if text[:1].upper() == letters[0]:
        return 1
    if text[:1].upper() == letters[1]:
        return -1
    # A missing reference makes the sign a guess; a wrong hemisphere is worse than no position.
    raise _BadGps(f"{name} missing or invalid ({text!r})")


# --- camera status -----------------------------------------------------------------------------------
def parse_status_string(text: str) -> dict[str, float]:
    """``BATTERY=85;TEMP=12C;SD=40`` -> {"battery_percent": 85, "temperature_c": 12.0, "sd_used_percent": 40}."""
    out: dict[str, float] = {}
    for part in text.replace("\x00", "").split(";"):
        key, sep, value = part.partition("=")
        key, value = key.strip().upper(), value.strip()
        if not sep or not value:
            continue
        number_match = _NUMBER.search(value)
        if not number_match:
            continue
        number = float(number_match.group().replace(",", "."))
        if key in ("BATTERY", "BATT", "BAT"):
            if 0 <= number <= 100:
                out["battery_percent"] = number
        elif key in ("SD", "SDCARD", "SD_FILL"):
            if 0 <= number <= 100:
                out["sd_used_percent"] = number
        elif key in ("TEMP", "TEMPERATURE"):
            unit = value[number_match.end():].strip().lstrip("°").upper()[:1]
            celsius = (number - 32) * 5 / 9 if unit == "F" else number
            if -60 <= celsius <= 90:
                out["temperature_c"] = round(celsius, 2)
    return out


def _read_status(info: ExifInfo, zeroth: dict[int, Any], exif: dict[int, Any]) -> None:
    sources = (("ImageDescription", _clean_text(zeroth.get(TAG_DESCRIPTION), 512)),
               ("UserComment", _user_comment(exif.get(TAG_USER_COMMENT))))
    for name, text in sources:
        if not text or "=" not in text:
            continue
        values = parse_status_string(text)
        if not values:
            continue
        info.battery_percent = values.get("battery_percent", info.battery_percent)
        info.temperature_c = values.get("temperature_c", info.temperature_c)
        info.sd_used_percent = values.get("sd_used_percent", info.sd_used_percent)
        info.status_raw = {"source": name, "text": text[:MAX_TEXT], **values}
        return


def _user_comment(value: Any) -> str | None:
    if not isinstance(value, bytes) or not value:
        return _clean_text(value, 512)
    prefix, body = value[:8], value[8:]
    if prefix.startswith(b"UNICODE"):
        for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
            try:
                text = body.decode(encoding)
            except UnicodeDecodeError:
                continue
            if text.isprintable() or "=" in text:
                return _clean_text(text, 512)
        return None
    if prefix.startswith((b"ASCII", b"\x00\x00\x00\x00\x00\x00\x00\x00", b"JIS")):
        return _clean_text(body, 512)
    return _clean_text(value, 512)  # no character-code prefix at all (non-conforming, but common)


# --- Reconyx HyperFire 2 maker note --------------------------------------------------------------------
def _read_reconyx(info: ExifInfo, note: Any) -> None:
    if not isinstance(note, bytes) or not note.startswith(b"RECONYXH2") or len(note) < 0x9C:
        return
    try:
        temp_c = struct.unpack_from("<h", note, 0x50)[0]
        battery_mv = struct.unpack_from("<H", note, 0x62)[0]
        label = _clean_text(note[0x68:0x7E].split(b"\x00", 1)[0], 22)
        serial = _clean_serial(note[0x7E:0x9C].decode("utf-16-le", errors="ignore").split("\x00", 1)[0])
    except (struct.error, ValueError):
        return
    reconyx: dict[str, Any] = {}
    if serial:
        reconyx["serial"] = serial
        info.serial = info.serial or serial
    if label:
        reconyx["user_label"] = label
    if -40 <= temp_c <= 70:
        reconyx["temperature_c"] = temp_c
        if info.temperature_c is None:
            info.temperature_c = float(temp_c)
            info.status_raw = info.status_raw or {"source": "Reconyx maker note"}
            info.status_raw["temperature_c"] = float(temp_c)
    if 1000 <= battery_mv <= 30000:
        reconyx["battery_voltage"] = battery_mv / 1000
        if info.status_raw.get("source") == "Reconyx maker note":
            info.status_raw["battery_voltage"] = battery_mv / 1000
    if reconyx:
        info.raw["_reconyx"] = reconyx


# --- JSON-safe raw tags ------------------------------------------------------------------------------
def _json_safe_tags(ifds: dict[str, dict[int, Any]]) -> dict[str, Any]:
    """Flat {tag name: value} of IFD0, Exif and GPS; text cleaned, binary blobs (MakerNote...) skipped."""
    out: dict[str, Any] = {}
    for ifd_name, ifd in ifds.items():
        names = GPSTAGS if ifd_name == "GPS" else TAGS
        for tag, value in ifd.items():
            if len(out) >= MAX_RAW_TAGS:
                return out
            if ifd_name != "GPS" and tag in (TAG_EXIF_IFD, TAG_GPS_IFD, TAG_INTEROP_IFD, TAG_MAKER_NOTE):
                continue
            name = names.get(tag) or f"{ifd_name}:0x{tag:04X}"
            converted: Any
            if ifd_name == "Exif" and tag == TAG_USER_COMMENT:
                converted = _user_comment(value)
            elif isinstance(value, bytes):
                # UNDEFINED-typed: binary, unless it happens to be short printable text ("0220").
                converted = _clean_text(value, MAX_TEXT) if _printable(value) else None
            else:
                converted = _json_value(value)
            if converted is not None and converted != "" and converted != []:
                out[name] = converted
    return out


def _printable(value: bytes) -> bool:
    stripped = value.rstrip(b"\x00")
    return 0 < len(stripped) <= MAX_TEXT and all(32 <= b < 127 for b in stripped)


def _json_value(value: Any, depth: int = 0) -> Any:
    if depth > 3:
        return None
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return value if -(2**53) < value < 2**53 else str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return _clean_text(value, MAX_TEXT)
    if isinstance(value, bytes):
        return None
    if isinstance(value, (tuple, list)):
        items = [_json_value(v, depth + 1) for v in value[:64]]
        return [v for v in items if v is not None]
    return _clean_text(str(value), MAX_TEXT)


def _clean_text(value: Any, limit: int) -> str | None:
    """Text from a tag: bytes decoded, NULs and control characters removed (PostgreSQL JSONB rejects \\u0000)."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.split(b"\x00", 1)[0]  # ASCII tags are NUL-terminated; what follows is padding
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            value = value.decode("latin-1")
    elif isinstance(value, str):
        value = value.split("\x00", 1)[0]
    else:
        value = str(value)
    text = "".join(ch for ch in value if ch.isprintable() or ch == " ").strip()
    return text[:limit] if text else None


def _clean_serial(value: Any) -> str | None:
    text = _clean_text(value, 120)
    if not text:
        return None
    text = text.strip()
    # A serial is an identifier: refuse placeholders firmware writes when it has none.
    if len(text) < 3 or set(text) <= {"0", " ", "-", "F", "f"} or text.lower() in ("none", "unknown", "n/a"):
        return None
    return text
