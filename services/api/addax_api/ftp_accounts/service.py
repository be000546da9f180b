"""FTP upload accounts (admin). The ingestion FTP server picks changes up within a few seconds
(settings.ftp_accounts_cache_seconds). Passwords are stored as argon2id hashes and never returned;
every change is audited (without the password)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from addax_api.audit.service import Actor, record
from addax_api.errors import BadRequest, Conflict, NotFound, ValidationFailed
from addax_api.ftp_accounts import repository
from addax_api.ftp_accounts.schemas import FtpAccountCreate, FtpAccountOut, FtpAccountUpdate
from addax_common.db import FtpAccount
from addax_common.ftp_accounts import CLEARTEXT_WARNING
from addax_common.passwords import hash_password
from addax_common.settings import Settings

AUDITED = ("camera_name", "allow_plain_ftp", "ip_allowlist", "enabled")


def _out(db: Session, account: FtpAccount) -> FtpAccountOut:
    derived = ("cleartext_warning", "project")
    columns = {name: getattr(account, name) for name in FtpAccountOut.model_fields if name not in derived}
    return FtpAccountOut(
        **columns,
        project=repository.project_slug(db, account.project_id),
        cleartext_warning=CLEARTEXT_WARNING if account.allow_plain_ftp else None,
    )


def _project_id(db: Session, slug: str) -> int:
    """The id of an existing, active project: uploads must land somewhere people still look."""
    project = repository.project_by_slug(db, slug)
    if project is None:
        raise ValidationFailed(f"no project with the slug {slug!r}")
    if project.archived_at is not None:
        raise ValidationFailed(f"the project {slug!r} is archived; unarchive it or choose another")
    return project.id


def list_accounts(db: Session) -> list[FtpAccountOut]:
    return [_out(db, a) for a in repository.list_accounts(db)]


def get_account(db: Session, account_id: int) -> FtpAccountOut:
    account = repository.get(db, account_id)
    if account is None:
        raise NotFound("FTP account not found")
    return _out(db, account)


def create_account(db: Session, settings: Settings, actor: Actor, data: FtpAccountCreate) -> FtpAccountOut:
    # A name from FTPS_ACCOUNTS would shadow this one in the FTP server: refuse it rather than confuse.
    if data.username in {user for user, _pw, _cam in settings.ftps_account_list()}:
        raise Conflict("this account name is configured in FTPS_ACCOUNTS on the server")
    if repository.get_by_username(db, data.username) is not None:
        raise Conflict("an FTP account with this name already exists")
    project_id = _project_id(db, data.project)
    account = FtpAccount(
        project_id=project_id,
        username=data.username, password_hash=hash_password(data.password), camera_name=data.camera_name,
        allow_plain_ftp=data.allow_plain_ftp, ip_allowlist=data.ip_allowlist, enabled=data.enabled,
        created_by=actor.user_id,
    )
    db.add(account)
    try:
        db.flush()
    except IntegrityError as exc:
        db.rollback()
        raise Conflict("an FTP account with this name already exists") from exc
    record(db, actor, "ftp_account.create", "ftp_account", account.id,
           {"username": account.username, "project": data.project} | {k: getattr(account, k) for k in AUDITED},
           project_id=project_id)
    return _out(db, account)


def update_account(db: Session, actor: Actor, account_id: int, data: FtpAccountUpdate) -> FtpAccountOut:
    account = repository.get(db, account_id, for_update=True)
    if account is None:
        raise NotFound("FTP account not found")
    fields = data.model_fields_set
    for name in ("allow_plain_ftp", "ip_allowlist", "enabled"):
        if name in fields and getattr(data, name) is None:
            raise BadRequest(f"{name} cannot be null")
    changes: dict[str, object] = {}
    for name in AUDITED:
        if name in fields and getattr(data, name) != getattr(account, name):
            changes[name] = [getattr(account, name), getattr(data, name)]
            setattr(account, name, getattr(data, name))
    if "project" in fields and data.project is not None:
        project_id = _project_id(db, data.project)
        if project_id != account.project_id:
            changes["project"] = [repository.project_slug(db, account.project_id), data.project]
            account.project_id = project_id
    if "password" in fields and data.password is not None:
        changes["password"] = "changed"  # noqa: S105 - the audit log records that it changed, never the value
        account.password_hash = hash_password(data.password)
    if changes:
        account.updated_at = datetime.now(UTC)
        record(db, actor, "ftp_account.update", "ftp_account", account.id,
               {"username": account.username, "changes": changes}, project_id=account.project_id)
    db.flush()
    return _out(db, account)


def delete_account(db: Session, actor: Actor, account_id: int) -> None:
    account = repository.get(db, account_id, for_update=True)
    if account is None:
        raise NotFound("FTP account not found")
    record(db, actor, "ftp_account.delete", "ftp_account", account.id, {"username": account.username},
           project_id=account.project_id)
    db.delete(account)
    db.flush()
