"""A camera's clock zone from its config, as ingestion (EXIF capture time) and alerts (time windows,
local time in messages) both read it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_OFFSET = re.compile(r"^\s*([+-])(\d{2}):?(\d{2})\s*$")


def parse_utc_offset(text: str) -> tzinfo | None:
    """"+01:00" / "-0530" as a fixed zone; None when malformed or beyond +-14:00."""
    match = _OFFSET.match(text or "")
    if not match:
        return None
    sign, hours, minutes = match.groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes))
    if delta > timedelta(hours=14):
        return None
    return timezone(-delta if sign == "-" else delta)


def camera_timezone(config: Mapping[str, Any] | None) -> tzinfo | None:
    """The camera's clock zone from cameras.config ("timezone": IANA name, or "utc_offset": "+01:00")."""
    if not config:
        return None
    name = config.get("timezone")
    if isinstance(name, str) and name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    offset = config.get("utc_offset")
    if isinstance(offset, str):
        return parse_utc_offset(offset)
    return None
