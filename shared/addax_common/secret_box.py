"""Encryption at rest for small secrets (alert channel tokens and passwords): Fernet from `cryptography`.

The key comes from settings (ALERTS_SECRET_KEY, any long string: the Fernet key is derived from it with
SHA-256), so the database alone never reveals a bot token. Decrypted values live only in memory, for the
call that needs them; nothing here logs them.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken


class SecretBoxError(Exception):
    """A stored secret cannot be read with this key (the key changed, or the value is corrupt)."""


class SecretBox:
    def __init__(self, key: str) -> None:
        if not key:
            raise ValueError("an empty key cannot protect secrets")
        derived = base64.urlsafe_b64encode(hashlib.sha256(key.encode()).digest())
        self._fernet = Fernet(derived)

    def __repr__(self) -> str:  # never show the key, even in a traceback's locals
        return "SecretBox(<key hidden>)"

    def encrypt(self, secrets: dict[str, Any]) -> str:
        return self._fernet.encrypt(json.dumps(secrets, sort_keys=True).encode()).decode()

    def decrypt(self, token: str | None) -> dict[str, Any]:
        if not token:
            return {}
        try:
            value = json.loads(self._fernet.decrypt(token.encode()))
        except (InvalidToken, ValueError) as exc:
            raise SecretBoxError("stored secrets cannot be decrypted with ALERTS_SECRET_KEY") from exc
        if not isinstance(value, dict):
            raise SecretBoxError("stored secrets are not an object")
        return value
