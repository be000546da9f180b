"""Telegram Bot API: `sendPhoto` (multipart: chat_id, caption, photo) or `sendMessage` without a photo.
The bot token is part of the URL (`/bot<token>/...`), so it is a secret and never logged."""

from __future__ import annotations

import re

from addax_common.alerts.channels.base import Channel, PermanentError, Receipt, check_url, json_or_empty, raise_if
from addax_common.alerts.render import Notification

BOT_API = "https://api.telegram.org"
CHAT_ID = re.compile(r"^(-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$")
CAPTION_LIMIT = 1024  # Telegram's caption limit, in characters


class TelegramChannel(Channel):
    kind = "telegram"
    secret_names = ("bot_token",)

    def validate(self) -> None:
        errors: list[tuple[str, str]] = []
        check_url(errors, "base_url", self.settings.get("base_url", BOT_API))
        self.check_recipients(errors, CHAT_ID, "chat id (a number or @channelname)")
        raise_if(errors)

    def send(self, notification: Notification, recipient: str) -> Receipt:
        base = f"{str(self.settings.get('base_url', BOT_API)).rstrip('/')}/bot{self.secret('bot_token')}"
        try:
            if notification.thumbnail is not None:
                response = self.post(
                    f"{base}/sendPhoto",
                    data={"chat_id": recipient, "caption": notification.text[:CAPTION_LIMIT]},
                    files={"photo": (notification.thumbnail_name, notification.thumbnail, "image/jpeg")},
                )
            else:
                response = self.post(f"{base}/sendMessage", json={"chat_id": recipient, "text": notification.text})
        except PermanentError as exc:  # keep the token out of the stored reason
            raise PermanentError(str(exc).replace(self.secret("bot_token"), "<token>")) from None
        answer = json_or_empty(response)
        if not answer.get("ok", False):
            raise PermanentError(f"telegram: {answer.get('description', 'answer without ok')}")
        result = answer.get("result") or {}
        return Receipt(provider_id=str(result.get("message_id")), status_code=response.status_code,
                       detail={"ok": True})
