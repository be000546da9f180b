"""WhatsApp through Meta's Cloud API: `POST /{version}/{phone_number_id}/messages` with a bearer token.

Outside a 24-hour customer-service window WhatsApp only delivers approved templates, so a channel can
name a `template` (its body gets one parameter: the alert's headline); otherwise a text message goes."""

from __future__ import annotations

from addax_common.alerts.channels.base import PHONE_NUMBER, Channel, Receipt, check_url, json_or_empty, raise_if
from addax_common.alerts.render import Notification

GRAPH_API = "https://graph.facebook.com"


class WhatsAppChannel(Channel):
    kind = "whatsapp"
    secret_names = ("access_token",)

    def validate(self) -> None:
        errors: list[tuple[str, str]] = []
        check_url(errors, "base_url", self.settings.get("base_url", GRAPH_API))
        self.require(errors, "phone_number_id")
        if not str(self.settings.get("api_version", "v21.0")).startswith("v"):
            errors.append(("api_version", "looks like v21.0"))
        self.check_recipients(errors, PHONE_NUMBER, "phone number")
        raise_if(errors)

    def send(self, notification: Notification, recipient: str) -> Receipt:
        base = str(self.settings.get("base_url", GRAPH_API)).rstrip("/")
        url = f"{base}/{self.settings.get('api_version', 'v21.0')}/{self.settings['phone_number_id']}/messages"
        body: dict[str, object] = {"messaging_product": "whatsapp", "recipient_type": "individual",
                                   "to": recipient.lstrip("+")}
        template = self.settings.get("template")
        if template:
            body["type"] = "template"
            body["template"] = {
                "name": template, "language": {"code": self.settings.get("template_language", "en")},
                "components": [{"type": "body", "parameters": [{"type": "text", "text": notification.subject[:1000]}]}],
            }
        else:
            body["type"] = "text"
            body["text"] = {"preview_url": False, "body": notification.text[:4096]}
        response = self.post(url, json=body, headers={"Authorization": f"Bearer {self.secret('access_token')}"})
        answer = json_or_empty(response)
        messages = answer.get("messages") or [{}]
        return Receipt(provider_id=messages[0].get("id"), status_code=response.status_code, detail=answer)
