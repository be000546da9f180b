"""Signal through the signal-cli REST API (bbernhard/signal-cli-rest-api): `POST /v2/send` with the
registered `number`, the `recipients` and the thumbnail as a base64 data-URI attachment."""

from __future__ import annotations

import base64

from addax_common.alerts.channels.base import PHONE_NUMBER, Channel, Receipt, check_url, json_or_empty, raise_if
from addax_common.alerts.render import Notification


class SignalChannel(Channel):
    kind = "signal"
    secret_names = ("api_token",)

    def required_secrets(self) -> tuple[str, ...]:
        return ()  # only a proxy in front of signal-cli asks for a token

    def validate(self) -> None:
        errors: list[tuple[str, str]] = []
        check_url(errors, "base_url", self.settings.get("base_url"))
        if not PHONE_NUMBER.match(str(self.settings.get("number", ""))):
            errors.append(("number", "the registered Signal number, e.g. +31612345678"))
        self.check_recipients(errors, PHONE_NUMBER, "phone number")
        raise_if(errors)

    def send(self, notification: Notification, recipient: str) -> Receipt:
        body: dict[str, object] = {"message": notification.text, "number": self.settings["number"],
                                   "recipients": [recipient]}
        if notification.thumbnail is not None:
            encoded = base64.b64encode(notification.thumbnail).decode()
            body["base64_attachments"] = [f"data:image/jpeg;filename={notification.thumbnail_name};base64,{encoded}"]
        headers = {}
        if self._secrets.get("api_token"):  # a reverse proxy in front of signal-cli may ask for one
            headers["Authorization"] = f"Bearer {self.secret('api_token')}"
        response = self.post(f"{str(self.settings['base_url']).rstrip('/')}/v2/send", json=body, headers=headers)
        answer = json_or_empty(response)
        return Receipt(provider_id=str(answer.get("timestamp")) if answer.get("timestamp") else None,
                       status_code=response.status_code, detail=answer)
