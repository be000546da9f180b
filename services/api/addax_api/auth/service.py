"""Login, refresh-token rotation with reuse detection, logout.

A login starts a token *family*. Each refresh marks the presented token used and issues the next one
in the same family. Presenting a token that was already used means it was copied: the whole family
is revoked and the user must log in again (OAuth 2.0 Security BCP, refresh token rotation).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from addax_api.audit.service import Actor, record
from addax_api.auth import repository
from addax_api.auth.schemas import TokenResponse
from addax_api.auth.throttle import LoginLocked, LoginThrottle
from addax_api.errors import Unauthorized
from addax_api.security import create_access_token, hash_refresh_token, new_refresh_token, verify_password
from addax_api.users import repository as users
from addax_api.users.schemas import UserOut
from addax_common.db import User
from addax_common.logging import get_logger
from addax_common.settings import Settings

log = get_logger(__name__)


@dataclass
class IssuedTokens:
    """What the router needs after a successful login or refresh."""

    response: TokenResponse
    refresh_token: str


def _issue(db: Session, settings: Settings, user: User, family: uuid.UUID, actor: Actor, now: datetime) -> IssuedTokens:
    raw, digest = new_refresh_token()
    repository.add_refresh_token(
        db,
        user_id=user.id,
        token_hash=digest,
        family_id=family,
        expires_at=now + timedelta(seconds=settings.refresh_token_ttl_seconds),
        user_agent=actor.user_agent,
        ip_address=actor.ip,
    )
    access = create_access_token(settings, user, now=now.timestamp())
    response = TokenResponse(
        access_token=access, expires_in=settings.access_token_ttl_seconds, user=UserOut.model_validate(user)
    )
    return IssuedTokens(response=response, refresh_token=raw)


def login(db: Session, settings: Settings, throttle: LoginThrottle, actor: Actor, email: str, password: str) -> IssuedTokens:
    email = email.strip().lower()
    try:
        throttle.check(email, actor.ip)
    except LoginLocked as locked:
        # Audited, so an admin sees an account under attack (or a user locked out) in the log.
        user = users.get_by_email(db, email)
        record(
            db,
            Actor(user_id=user.id if user else None, email=email[:320], ip=actor.ip, user_agent=actor.user_agent),
            "auth.login_locked",
            "user",
            user.id if user else None,
            {"scope": locked.scope, "retry_after": locked.retry_after},
        )
        db.commit()
        raise
    user = users.get_by_email(db, email)
    ok, new_hash = verify_password(password, user.password_hash if user else None)
    if not ok or user is None or not user.is_active:
        throttle.record_failure(email, actor.ip)
        record(
            db,
            Actor(user_id=user.id if user else None, email=email[:320], ip=actor.ip, user_agent=actor.user_agent),
            "auth.login_failed",
            "user",
            user.id if user else None,
            {"reason": "inactive" if user is not None and ok else "bad_credentials"},
        )
        db.commit()
        # One message for every cause, so a caller cannot learn which accounts exist or are inactive.
        raise Unauthorized("invalid e-mail or password")
    throttle.reset_account(email)
    now = datetime.now(UTC)
    if new_hash:
        user.password_hash = new_hash
    user.last_login_at = now
    session = _issue(db, settings, user, uuid.uuid4(), actor, now)
    record(db, Actor(user.id, user.email, actor.ip, actor.user_agent), "auth.login", "user", user.id)
    return session


def refresh(db: Session, settings: Settings, actor: Actor, raw: str | None) -> IssuedTokens:
    if not raw:
        raise Unauthorized("no refresh token")
    token = repository.find_refresh_token(db, hash_refresh_token(raw))
    if token is None:
        raise Unauthorized("invalid refresh token")
    now = datetime.now(UTC)
    if token.used_at is not None:
        revoked = repository.revoke_family(db, token.family_id, now)
        record(
            db,
            Actor(token.user_id, None, actor.ip, actor.user_agent),
            "auth.refresh_reuse",
            "user",
            token.user_id,
            {"family_id": str(token.family_id), "revoked": revoked},
        )
        db.commit()
        log.warning("refresh_token_reuse", user_id=token.user_id, family_id=str(token.family_id))
        raise Unauthorized("refresh token was already used; all sessions of this login are revoked")
    if token.revoked_at is not None:
        raise Unauthorized("refresh token revoked")
    if token.expires_at <= now:
        raise Unauthorized("refresh token expired")
    user = users.get(db, token.user_id)
    if user is None or not user.is_active:
        repository.revoke_family(db, token.family_id, now)
        db.commit()
        raise Unauthorized("user is inactive or no longer exists")
    token.used_at = now
    return _issue(db, settings, user, token.family_id, actor, now)


def logout(db: Session, actor: Actor, raw: str | None) -> None:
    if not raw:
        return
    token = repository.find_refresh_token(db, hash_refresh_token(raw))
    if token is None:
        return
    repository.revoke_family(db, token.family_id, datetime.now(UTC))
    user = users.get(db, token.user_id)
    record(
        db, Actor(token.user_id, user.email if user else None, actor.ip, actor.user_agent), "auth.logout", "user", token.user_id
    )
