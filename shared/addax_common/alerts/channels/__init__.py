"""Alert channels: one small class per destination kind behind `Channel.send(notification, recipient)`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from addax_common.alerts.channels.base import Channel, ChannelError, PermanentError, Receipt, RetryableError
from addax_common.alerts.channels.earthranger import EarthRangerChannel
from addax_common.alerts.channels.email import EmailChannel
from addax_common.alerts.channels.signal import SignalChannel
from addax_common.alerts.channels.telegram import TelegramChannel
from addax_common.alerts.channels.webhook import WebhookChannel
from addax_common.alerts.channels.whatsapp import WhatsAppChannel
from addax_common.alerts.errors import AlertValidationError

CHANNELS: dict[str, type[Channel]] = {
    cls.kind: cls
    for cls in (EmailChannel, SignalChannel, WhatsAppChannel, TelegramChannel, EarthRangerChannel, WebhookChannel)
}


def make_channel(kind: str, settings: Mapping[str, Any], secrets: Mapping[str, Any], timeout: float = 15.0) -> Channel:
    """A channel object; raises AlertValidationError for an unknown kind or settings that cannot work."""
    try:
        cls = CHANNELS[kind]
    except KeyError:
        raise AlertValidationError([("kind", f"unknown channel kind {kind!r}; known: {sorted(CHANNELS)}")]) from None
    return cls(settings, secrets, timeout)


__all__ = ["CHANNELS", "Channel", "ChannelError", "PermanentError", "Receipt", "RetryableError", "make_channel"]
