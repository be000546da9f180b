"""E-mail over SMTP: STARTTLS (port 587) or implicit TLS (465), multipart text + HTML, thumbnail inline
(cid:thumbnail) or attached. The Message-ID derives from the delivery's idempotency key, so a resent
message is recognisably the same one."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate

from addax_common.alerts.channels.base import EMAIL_ADDRESS, Channel, PermanentError, Receipt, RetryableError, raise_if
from addax_common.alerts.render import Notification

HEADER_POLICY = SMTP.clone(max_line_length=300)


class EmailChannel(Channel):
    kind = "email"
    secret_names = ("password",)

    def required_secrets(self) -> tuple[str, ...]:
        return ("password",) if self.settings.get("username") else ()

    def validate(self) -> None:
        errors: list[tuple[str, str]] = []
        self.require(errors, "host", "from_address")
        if self.settings.get("from_address") and not EMAIL_ADDRESS.match(str(self.settings["from_address"])):
            errors.append(("from_address", f"{self.settings['from_address']!r} is not an e-mail address"))
        if self.settings.get("security", "starttls") not in ("starttls", "tls", "none"):
            errors.append(("security", "must be starttls, tls or none"))
        if self.settings.get("thumbnail", "inline") not in ("inline", "attachment", "none"):
            errors.append(("thumbnail", "must be inline, attachment or none"))
        port = self.settings.get("port", 587)
        if not isinstance(port, int) or not 0 < port < 65536:
            errors.append(("port", "must be a TCP port"))
        self.check_recipients(errors, EMAIL_ADDRESS, "e-mail address")
        raise_if(errors)

    def build(self, notification: Notification, recipient: str) -> EmailMessage:
        sender = str(self.settings["from_address"])
        # Longer header lines than the 78-character default: the subject and the Message-ID stay on
        # one line instead of being folded oddly (RFC 5322 allows 998).
        msg = EmailMessage(policy=HEADER_POLICY)
        msg["Subject"] = notification.subject
        msg["From"] = sender
        msg["To"] = recipient
        msg["Date"] = formatdate(notification.fired_at.timestamp(), usegmt=True)
        msg["Message-ID"] = f"<{notification.idempotency_key}@{sender.rsplit('@', 1)[1]}>"
        msg["X-Addax-Alert-Id"] = str(notification.alert_id)
        msg.set_content(notification.text)
        mode = self.settings.get("thumbnail", "inline")
        html = notification.html
        if notification.thumbnail is None or mode != "inline":
            html = html.replace("<p><img src='cid:thumbnail' alt='camera image' width='400'></p>", "")
        msg.add_alternative(html, subtype="html")
        if notification.thumbnail is not None and mode == "inline":
            for part in msg.iter_parts():
                if part.get_content_type() == "text/html":
                    part.add_related(notification.thumbnail, maintype="image", subtype="jpeg", cid="<thumbnail>",
                                     filename=notification.thumbnail_name)
        elif notification.thumbnail is not None and mode == "attachment":
            msg.add_attachment(notification.thumbnail, maintype="image", subtype="jpeg",
                               filename=notification.thumbnail_name)
        return msg

    def _tls_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(cafile=self.settings.get("ca_file") or None)
        return context

    def send(self, notification: Notification, recipient: str) -> Receipt:
        msg = self.build(notification, recipient)
        host, port = str(self.settings["host"]), int(self.settings.get("port", 587))
        security = self.settings.get("security", "starttls")
        try:
            smtp: smtplib.SMTP
            if security == "tls":
                smtp = smtplib.SMTP_SSL(host, port, timeout=self.timeout, context=self._tls_context())
            else:
                smtp = smtplib.SMTP(host, port, timeout=self.timeout)
            with smtp:
                smtp.ehlo()
                if security == "starttls":
                    smtp.starttls(context=self._tls_context())
                    smtp.ehlo()
                if self.settings.get("username"):
                    smtp.login(str(self.settings["username"]), self.secret("password"))
                refused = smtp.send_message(msg, to_addrs=[recipient])
        except smtplib.SMTPAuthenticationError as exc:
            raise PermanentError(f"email: authentication refused: {exc.smtp_code}") from exc
        except smtplib.SMTPRecipientsRefused as exc:
            code = next(iter(exc.recipients.values()))[0] if exc.recipients else 550
            error = RetryableError if 400 <= code < 500 else PermanentError
            raise error(f"email: recipient {recipient} refused ({code})") from exc
        except smtplib.SMTPResponseException as exc:
            error = RetryableError if 400 <= exc.smtp_code < 500 else PermanentError
            raise error(f"email: server answered {exc.smtp_code} {exc.smtp_error!r}") from exc
        except (OSError, smtplib.SMTPException) as exc:  # refused connection, TLS failure, timeout
            raise RetryableError(f"email: {type(exc).__name__}: {exc}") from exc
        if refused:
            raise PermanentError(f"email: recipient refused: {refused}")
        return Receipt(provider_id=str(msg["Message-ID"]), status_code=250)
