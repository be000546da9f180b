"""Camera daily report files (``*.txt``, e.g. ``DailyReport_20240501.txt``) -> one camera status reading.

Cellular trail cameras send a small text file once a day. Vendors differ, so the parser is tolerant:

* one reading per line, ``Key: Value`` or ``Key = Value`` (or ``Key<TAB>Value``); a line may also
  carry several ``KEY=VALUE`` pairs separated by ``;`` (the EXIF status convention
  ``BATTERY=85;TEMP=12C;SD=40``);
* keys are compared case-insensitively with spaces, ``_`` ``-`` ``.`` ``/`` removed; synonyms:

  ==============  =====================================================================
  battery         Battery, Battery Level, Batt, Bat, Power          ``85%`` or ``85``
                  (a value in volts, ``6.2V``, is kept in ``raw`` only: no percent)
  temperature     Temperature, Temp, Ambient Temperature            ``12C``, ``12 °C``, ``54F``
  sd              SD, SD Card, SD Usage, SD Used, Storage, Memory   ``40%``, ``12.5GB/32GB``,
                  ``SD Free`` / ``Free Space`` are inverted         ``12.5 of 32 GB``
  images          Images, Pictures, Photos, Image Count, Shots, Total Pictures
  signal          Signal, Signal Strength, Signal Quality, CSQ      ``80%``, ``4/5``, CSQ ``0..31``
  serial          Serial, Serial Number, SN, S/N, IMEI, Camera Serial
  camera          Camera, Camera Name, Camera ID, Name, Device Name, Site
  date / time     Date, Time, Date/Time, Timestamp, Report Time     ISO 8601, ``2024-05-01 06:00:00``,
                                                                    ``2024/05/01 06:00``, ``01.05.2024 06:00``
  ==============  =====================================================================

* anything else is kept (as text) in ``raw`` and otherwise ignored; values out of range are dropped.

A file with none of battery/temperature/sd/images/signal is not a report (``ParsedReport.is_report``
is False): ingestion keeps it in quarantine instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

MAX_REPORT_BYTES = 64 * 1024
MAX_RAW_ENTRIES = 60

REPORT_SUFFIXES = (".txt",)

_KEYS = {
    "battery": {"battery", "batterylevel", "batt", "bat", "power", "batterypercent"},
    "temperature": {"temperature", "temp", "ambienttemperature", "ambienttemp"},
    "sd": {"sd", "sdcard", "sdusage", "sdused", "storage", "memory", "sdfill", "sdcardusage", "sdcardused"},
    "sd_free": {"sdfree", "freespace", "sdcardfree", "freememory", "sdremaining"},
    "images": {"images", "pictures", "photos", "imagecount", "shots", "totalpictures", "picturecount", "photoson sd"},
    "signal": {"signal", "signalstrength", "signalquality", "csq", "rssi"},
    "serial": {"serial", "serialnumber", "sn", "imei", "cameraserial", "serialno"},
    "camera": {"camera", "cameraname", "cameraid", "name", "devicename", "site"},
    "datetime": {"datetime", "timestamp", "reporttime", "reportdate", "time stamp", "datetimeoriginal"},
    "date": {"date", "day"},
    "time": {"time"},
}
_LOOKUP = {alias.replace(" ", ""): canonical for canonical, aliases in _KEYS.items() for alias in aliases}
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")
_FRACTION = re.compile(r"([-+]?\d+(?:[.,]\d+)?)\s*\w*\s*(?:/|of)\s*(\d+(?:[.,]\d+)?)", re.IGNORECASE)
_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y:%m:%d %H:%M:%S",
    "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y",
)


@dataclass
class ParsedReport:
    battery_percent: float | None = None
    temperature_c: float | None = None
    sd_used_percent: float | None = None
    signal_quality: float | None = None
    images_on_sd: int | None = None
    serial: str | None = None
    camera_name: str | None = None
    reported_local: datetime | None = None  # naive = camera clock without offset (same assumption as EXIF)
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def is_report(self) -> bool:
        return any(
            v is not None
            for v in (self.battery_percent, self.temperature_c, self.sd_used_percent, self.signal_quality, self.images_on_sd)
        )


def is_report_name(name: str) -> bool:
    return name.lower().endswith(REPORT_SUFFIXES)


def parse_report(data: bytes) -> ParsedReport:
    report = ParsedReport()
    text = data[:MAX_REPORT_BYTES].decode("utf-8", errors="replace").lstrip("\ufeff").replace("\x00", "")
    date_part = time_part = None
    for line in text.splitlines():
        for key, value in _pairs(line):
            if len(report.raw) < MAX_RAW_ENTRIES:
                report.raw[key[:60]] = value[:200]
            normalized = re.sub(r"[\s_\-./]", "", key.lower())
            canonical = _LOOKUP.get(normalized)
            if canonical is None:
                continue
            if canonical == "date":
                date_part = value
            elif canonical == "time":
                time_part = value
            elif canonical == "datetime":
                report.reported_local = _parse_datetime(value) or report.reported_local
            else:
                _apply(report, canonical, normalized, value)
    if report.reported_local is None and date_part:
        report.reported_local = _parse_datetime(f"{date_part} {time_part or ''}".strip()) or _parse_datetime(date_part)
    return report


def _pairs(line: str) -> list[tuple[str, str]]:
    line = line.strip()
    if not line or line.startswith("#"):
        return []
    chunks = [c for c in line.split(";") if c.strip()] if ";" in line and line.count("=") > 1 else [line]
    pairs = []
    for chunk in chunks:
        match = re.match(r"^\s*([^:=\t]{1,60}?)\s*(?::|=|\t)\s*(.*)$", chunk)
        if match and match.group(2).strip():
            pairs.append((match.group(1).strip(), match.group(2).strip()))
    return pairs


def _number(value: str) -> float | None:
    match = _NUMBER.search(value)
    return float(match.group().replace(",", ".")) if match else None


def _apply(report: ParsedReport, canonical: str, key: str, value: str) -> None:
    lower = value.lower()
    if canonical == "battery":
        number = _number(value)
        if number is None or re.search(r"\d\s*(v|volt)", lower) or "mv" in lower:
            return  # a voltage: kept in raw, no percent without knowing the battery type
        if 0 <= number <= 100:
            report.battery_percent = number
    elif canonical == "temperature":
        match = _NUMBER.search(value)
        if not match:
            return
        number = float(match.group().replace(",", "."))
        unit = value[match.end():].strip().lstrip("°º").lstrip().upper()[:1]
        celsius = (number - 32) * 5 / 9 if unit == "F" else number
        if -60 <= celsius <= 90:
            report.temperature_c = round(celsius, 2)
    elif canonical in ("sd", "sd_free"):
        percent = _percent(value)
        if percent is not None:
            report.sd_used_percent = round(100 - percent if canonical == "sd_free" else percent, 2)
    elif canonical == "signal":
        if "dbm" in lower:
            return  # dBm needs the modem's scale: kept in raw only
        number = _number(value)
        if key == "csq":
            # CSQ is the modem's own 0..31 scale (99 = unknown).
            if number is not None and 0 <= number <= 31:
                report.signal_quality = round(number / 31 * 100, 1)
            return
        percent = _percent(value)
        if percent is not None:
            report.signal_quality = percent
    elif canonical == "images":
        number = _number(value)
        if number is not None and number >= 0 and number == int(number):
            report.images_on_sd = int(number)
    elif canonical == "serial":
        serial = value.strip()[:120]
        report.serial = serial if len(serial) >= 3 else None
    elif canonical == "camera":
        report.camera_name = value.strip()[:120] or None


def _percent(value: str) -> float | None:
    """``40%`` / ``40`` -> 40; ``12.5GB/32GB`` / ``12.5 of 32 GB`` / ``4/5`` -> fraction x 100."""
    fraction = _FRACTION.search(value)
    if fraction:
        used, total = (float(g.replace(",", ".")) for g in fraction.groups())
        if total > 0 and 0 <= used <= total:
            return round(used / total * 100, 2)
        return None
    number = _number(value)
    if number is not None and 0 <= number <= 100:
        return number
    return None


def _parse_datetime(value: str) -> datetime | None:
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed
    except ValueError:
        pass
    text = re.sub(r"\s+", " ", text.replace("T", " "))
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None
