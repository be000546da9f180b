"""EXIF written into synthetic camera-trap JPEGs (real tags, via piexif).

Tags written:
- 0th IFD: Make (0x010F), Model (0x0110), DateTime (0x0132), Software (0x0131),
  ImageDescription (0x010E) = the status string below (when any status is set).
- Exif IFD: DateTimeOriginal (0x9003), DateTimeDigitized (0x9004),
  BodySerialNumber (0xA431) = camera serial, UserComment (0x9286) = the status
  string again, with the 8-byte ``ASCII\\0\\0\\0`` character-code prefix EXIF requires.
- GPS IFD (when latitude/longitude given): GPSVersionID 2.3.0.0, Latitude/Ref,
  Longitude/Ref as degrees/minutes/seconds rationals, Altitude/AltitudeRef (0 =
  above sea level) as a rational in metres.

Status string convention (camera status many trail cameras stamp on images):

    BATTERY=85;TEMP=12C;SD=40

``;``-separated ``KEY=VALUE`` pairs, keys upper case, any subset and any order:
BATTERY = battery level in percent (integer 0..100); TEMP = temperature, a number
followed by the unit ``C`` or ``F`` (e.g. ``-3C``, ``12.5C``, ``54F``); SD = SD-card
fill in percent (integer 0..100).  Unknown keys must be ignored by readers.
``parse_status`` is the reference reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

import piexif

ASCII_PREFIX = b"ASCII\x00\x00\x00"


@dataclass(frozen=True)
class CameraExif:
    captured_at: datetime
    serial: str
    make: str = "AddaxSim"
    model: str = "TrailCam S1"
    latitude: float | None = None
    longitude: float | None = None
    altitude_m: float | None = None
    battery_pct: int | None = None
    temperature_c: float | None = None
    sd_fill_pct: int | None = None


def status_string(exif: CameraExif) -> str:
    parts = []
    if exif.battery_pct is not None:
        parts.append(f"BATTERY={int(exif.battery_pct)}")
    if exif.temperature_c is not None:
        parts.append(f"TEMP={exif.temperature_c:g}C")
    if exif.sd_fill_pct is not None:
        parts.append(f"SD={int(exif.sd_fill_pct)}")
    return ";".join(parts)


def parse_status(text: str) -> dict[str, float]:
    """Reference reader: {'battery_pct': 85, 'temperature_c': 12.0, 'sd_fill_pct': 40}."""
    out: dict[str, float] = {}
    for part in text.strip().strip("\x00").split(";"):
        key, sep, value = part.partition("=")
        key, value = key.strip().upper(), value.strip()
        if not sep or not value:
            continue
        try:
            if key == "BATTERY":
                out["battery_pct"] = int(value.rstrip("%"))
            elif key == "SD":
                out["sd_fill_pct"] = int(value.rstrip("%"))
            elif key == "TEMP":
                unit = value[-1].upper()
                number = float(value[:-1]) if unit in "CF" else float(value)
                out["temperature_c"] = (number - 32) * 5 / 9 if unit == "F" else number
        except ValueError:
            continue  # a malformed field is skipped, not fatal
    return out


def _rational(value: float, denominator: int = 10000) -> tuple[int, int]:
    frac = Fraction(value).limit_denominator(denominator)
    return (frac.numerator, frac.denominator)


def _dms(value: float) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    value = abs(value)
    degrees = int(value)
    minutes_f = (value - degrees) * 60
    minutes = int(minutes_f)
    seconds = (minutes_f - minutes) * 60
    return ((degrees, 1), (minutes, 1), (round(seconds * 1000), 1000))


def exif_bytes(exif: CameraExif) -> bytes:
    stamp = exif.captured_at.strftime("%Y:%m:%d %H:%M:%S").encode()
    status = status_string(exif)
    zeroth: dict[int, object] = {
        piexif.ImageIFD.Make: exif.make.encode(),
        piexif.ImageIFD.Model: exif.model.encode(),
        piexif.ImageIFD.DateTime: stamp,
        piexif.ImageIFD.Software: b"addax_models.synthetic",
    }
    ifd: dict[int, object] = {
        piexif.ExifIFD.DateTimeOriginal: stamp,
        piexif.ExifIFD.DateTimeDigitized: stamp,
        piexif.ExifIFD.BodySerialNumber: exif.serial.encode(),
    }
    if status:
        zeroth[piexif.ImageIFD.ImageDescription] = status.encode()
        ifd[piexif.ExifIFD.UserComment] = ASCII_PREFIX + status.encode()
    gps: dict[int, object] = {}
    if exif.latitude is not None and exif.longitude is not None:
        gps = {
            piexif.GPSIFD.GPSVersionID: (2, 3, 0, 0),
            piexif.GPSIFD.GPSLatitudeRef: b"N" if exif.latitude >= 0 else b"S",
            piexif.GPSIFD.GPSLatitude: _dms(exif.latitude),
            piexif.GPSIFD.GPSLongitudeRef: b"E" if exif.longitude >= 0 else b"W",
            piexif.GPSIFD.GPSLongitude: _dms(exif.longitude),
        }
        if exif.altitude_m is not None:
            gps[piexif.GPSIFD.GPSAltitudeRef] = 0 if exif.altitude_m >= 0 else 1
            gps[piexif.GPSIFD.GPSAltitude] = _rational(abs(exif.altitude_m), 100)
    data: bytes = piexif.dump({"0th": zeroth, "Exif": ifd, "GPS": gps, "1st": {}, "thumbnail": None})
    return data
