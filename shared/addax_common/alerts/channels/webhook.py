"""Generic webhook: the alert as JSON, signed with HMAC-SHA256 over "<timestamp>.<body>".

Headers: `X-Addax-Timestamp` (unix seconds; receivers reject old ones against replay),
`X-Addax-Signature: sha256=<hex>`, `Idempotency-Key` (the same for a resent delivery)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

from addax_common.alerts.channels.base import Channel, Receipt, check_url, json_or_empty, raise_if
from addax_common.alerts.render import Notification


def signature(secret: str, timestamp: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


class WebhookChannel(Channel):
    kind = "webhook"
    has_recipients = False
    secret_names = ("signing_secret",)

    def validate(self) -> None:
        errors: list[tuple[str, str]] = []
        check_url(errors, "url", self.settings.get("url"))
        raise_if(errors)

    def send(self, notification: Notification, recipient: str) -> Receipt:  # noqa: ARG002 - one destination
        payload = {"type": "alert_fired", "subject": notification.subject, "text": notification.text,
                   "alert": notification.data}
        body = json.dumps(payload, sort_keys=True, default=str).encode()
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            "X-Addax-Timestamp": timestamp,
            "X-Addax-Signature": signature(self.secret("signing_secret"), timestamp, body),
            "Idempotency-Key": notification.idempotency_key,
        }
        response = self.post(str(self.settings["url"]), content=body, headers=headers)
        # The receiver's JSON answer (if any) is kept: "send test" shows it, deliveries store it.
        return Receipt(status_code=response.status_code, detail=json_or_empty(response))
