"""The one interface every channel implements: `send(notification, recipient) -> Receipt`.

A channel raises RetryableError when trying again later may work (timeouts, 5xx, 429, a refused
connection) and PermanentError when it cannot (bad credentials, a refused recipient, a 4xx answer);
the delivery loop turns those into backoff or `failed` with the reason.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import urlsplit

import httpx

from addax_common.alerts.errors import AlertValidationError
from addax_common.alerts.render import Notification

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
_PHONE = re.compile(r"^\+?[0-9]{6,16}$")


class ChannelError(Exception):
    """A delivery attempt failed; `str(error)` is the reason stored on the delivery."""


class RetryableError(ChannelError):
    pass


class PermanentError(ChannelError):
    pass


@dataclass(frozen=True)
class Receipt:
    """What the receiver answered: its message id where it gives one, and the status."""

    provider_id: str | None = None
    status_code: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)


class Channel(ABC):
    kind: ClassVar[str]
    # Channels with one fixed destination (EarthRanger, webhook) get one delivery with recipient "".
    has_recipients: ClassVar[bool] = True
    # The secrets this kind reads (write-only in the API, encrypted at rest); all required unless
    # `required_secrets` says otherwise.
    secret_names: ClassVar[tuple[str, ...]] = ()

    def __init__(self, settings: Mapping[str, Any], secrets: Mapping[str, Any], timeout: float = 15.0) -> None:
        self.settings = dict(settings)
        self._secrets = dict(secrets)
        self.timeout = timeout
        self.validate()

    def __repr__(self) -> str:  # secrets never reach a log line or a traceback
        return f"{type(self).__name__}(settings={self.settings!r})"

    @abstractmethod
    def validate(self) -> None:
        """Raise AlertValidationError for settings that cannot work (malformed URL, e-mail, number)."""

    @abstractmethod
    def send(self, notification: Notification, recipient: str) -> Receipt: ...

    def required_secrets(self) -> tuple[str, ...]:
        return self.secret_names

    def check_secrets(self) -> None:
        """Raise AlertValidationError for unknown or missing secrets, or a secret put in `settings`
        (settings are returned by the API; secrets never are). The API checks this before storing."""
        known = ", ".join(self.secret_names) or "none"
        errors = [(f"secrets.{name}", f"not a secret of a {self.kind} channel (known: {known})")
                  for name in self._secrets if name not in self.secret_names]
        errors += [(f"secrets.{name}", "is required") for name in self.required_secrets() if not self._secrets.get(name)]
        errors += [(f"settings.{name}", "is a secret: send it in `secrets`") for name in self.secret_names
                   if name in self.settings]
        raise_if(errors)

    def recipients(self) -> list[str]:
        if not self.has_recipients:
            return [""]
        return [str(r) for r in self.settings.get("recipients", [])]

    # --- helpers for the subclasses --------------------------------------------------------------
    def secret(self, name: str) -> str:
        value = self._secrets.get(name)
        if not value:
            raise PermanentError(f"channel secret {name!r} is not set")
        return str(value)

    def require(self, errors: list[tuple[str, str]], *names: str) -> None:
        errors.extend((name, "is required") for name in names if not self.settings.get(name))

    def check_recipients(self, errors: list[tuple[str, str]], pattern: re.Pattern[str], what: str) -> None:
        recipients = self.settings.get("recipients")
        if not isinstance(recipients, list) or not recipients:
            errors.append(("recipients", f"give at least one {what}"))
            return
        errors.extend(("recipients", f"{r!r} is not a valid {what}") for r in recipients
                      if not isinstance(r, str) or not pattern.match(r))

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        """POST with the channel's timeout; transport errors and 5xx/429 are retryable, other 4xx permanent."""
        try:
            response = httpx.post(url, timeout=self.timeout, **kwargs)
        except httpx.TimeoutException as exc:
            raise RetryableError(f"{self.kind}: timed out after {self.timeout:g}s") from exc
        except httpx.TransportError as exc:
            raise RetryableError(f"{self.kind}: {type(exc).__name__}: {exc}") from exc
        if response.status_code >= 500 or response.status_code in (408, 425, 429):
            raise RetryableError(f"{self.kind}: HTTP {response.status_code}: {response.text[:300]}")
        if response.status_code >= 400:
            raise PermanentError(f"{self.kind}: HTTP {response.status_code}: {response.text[:300]}")
        return response


def raise_if(errors: list[tuple[str, str]]) -> None:
    if errors:
        raise AlertValidationError(errors)


def check_url(errors: list[tuple[str, str]], name: str, value: object) -> None:
    if not isinstance(value, str) or not value:
        errors.append((name, "is required"))
        return
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(ch.isspace() for ch in value):
        errors.append((name, f"{value!r} is not an http(s) URL"))


EMAIL_ADDRESS = _EMAIL
PHONE_NUMBER = _PHONE


def json_or_empty(response: httpx.Response) -> dict[str, Any]:
    try:
        value = response.json()
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {"answer": value}
