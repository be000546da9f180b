"""Password hashing (argon2id via pwdlib), shared by the API (user logins) and ingestion (FTP accounts
created in the dashboard)."""

from __future__ import annotations

import secrets

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

password_hasher = PasswordHash((Argon2Hasher(),))
_dummy_hash: str | None = None


def hash_password(password: str) -> str:
    return password_hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> tuple[bool, str | None]:
    """(matches, new hash when the stored one uses outdated parameters)."""
    global _dummy_hash
    if password_hash is None:
        # Unknown user: spend the same time as a real check so response times do not reveal accounts.
        _dummy_hash = _dummy_hash or password_hasher.hash(secrets.token_hex(8))
        password_hasher.verify_and_update(password, _dummy_hash)
        return False, None
    try:
        return password_hasher.verify_and_update(password, password_hash)
    except Exception:  # noqa: BLE001 - a corrupt stored hash is a failed login, not a server error
        return False, None
