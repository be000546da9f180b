"""Who may log in to the built-in FTP server: accounts from the FTPS_ACCOUNTS setting, then accounts
created in the dashboard (table ``ftp_accounts``), re-read at most every
``settings.ftp_accounts_cache_seconds`` so a new account works within seconds, without a restart.

A setting account with the same name as a dashboard account wins (the setting is what the operator
deployed). If the database is unreachable the last list read stays in use.
"""

from __future__ import annotations

import hmac
import threading
import time
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from addax_common.db import FtpAccount
from addax_common.ftp_accounts import IpNetwork, is_valid_account_name, parse_networks
from addax_common.logging import get_logger
from addax_common.passwords import verify_password
from addax_common.settings import Settings

log = get_logger(__name__)

# TLS accounts: change dir, list, make dir, store, rename (some cameras upload under a temporary name).
TLS_PERMISSIONS = "elmwf"
# Accounts allowed to use plain FTP, whose password may have been read on the way: upload only. Change
# dir, make dir and store, all inside the account's own folder; no listing, download, delete, append
# or rename. The same in their TLS sessions (simpler to reason about than two permission sets).
PLAIN_FTP_PERMISSIONS = "emw"


@dataclass(frozen=True)
class Account:
    username: str
    camera: str | None
    allow_plain_ftp: bool
    ip_allowlist: tuple[IpNetwork, ...]
    source: str  # settings | dashboard
    password: str | None = None  # settings accounts
    password_hash: str | None = None  # dashboard accounts (argon2id)

    @property
    def permissions(self) -> str:
        return PLAIN_FTP_PERMISSIONS if self.allow_plain_ftp else TLS_PERMISSIONS

    def password_matches(self, password: str) -> bool:
        if self.password is not None:
            return hmac.compare_digest(password.encode(), self.password.encode())
        return verify_password(password, self.password_hash)[0]


class AccountDirectory:
    def __init__(self, settings: Settings, sessions: sessionmaker[Session] | None = None) -> None:
        self.sessions = sessions
        self.cache_seconds = settings.ftp_accounts_cache_seconds
        self.static: dict[str, Account] = {}
        for entry in settings.ftps_account_entries():
            if not is_valid_account_name(entry.username):
                raise ValueError(f"FTPS account name {entry.username!r} cannot be a directory name")
            self.static[entry.username] = Account(entry.username, entry.camera, entry.allow_plain_ftp,
                                                  entry.ip_allowlist, "settings", password=entry.password)
        self._dashboard: dict[str, Account] = {}
        self._read_at = float("-inf")
        self._lock = threading.Lock()

    def get(self, username: str) -> Account | None:
        return self.static.get(username) or self.dashboard_accounts().get(username)

    def dashboard_accounts(self) -> dict[str, Account]:
        sessions = self.sessions
        if sessions is None:
            return {}
        with self._lock:
            if time.monotonic() - self._read_at >= self.cache_seconds:
                try:
                    self._dashboard = self._read(sessions)
                except Exception as exc:  # noqa: BLE001 - keep serving with the last list
                    log.warning("ftp_accounts_read_failed", error=str(exc))
                self._read_at = time.monotonic()
            return self._dashboard

    @staticmethod
    def _read(sessions: sessionmaker[Session]) -> dict[str, Account]:
        accounts = {}
        with sessions() as session:
            for row in session.scalars(select(FtpAccount).where(FtpAccount.enabled.is_(True))):
                try:
                    networks = parse_networks(row.ip_allowlist or [])
                except ValueError as exc:
                    log.warning("ftp_account_allowlist_invalid", account=row.username, error=str(exc))
                    continue  # refuse the account rather than let it in from anywhere
                if is_valid_account_name(row.username):
                    accounts[row.username] = Account(row.username, row.camera_name, row.allow_plain_ftp, networks,
                                                     "dashboard", password_hash=row.password_hash)
        return accounts
