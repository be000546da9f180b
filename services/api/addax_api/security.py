"""Passwords (argon2 via pwdlib), access tokens (PyJWT) and role checks.

python-jose and passlib, named in the original design card, are unmaintained (passlib breaks with
current bcrypt releases; python-jose had algorithm-confusion and DoS advisories), so the API uses
PyJWT, with the algorithm pinned on decode, and pwdlib's argon2id.
"""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

import jwt
from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from addax_api.deps import get_db
from addax_api.errors import Forbidden, Unauthorized
from addax_common.db import User, UserRole
from addax_common.settings import Settings

ROLE_RANK = {UserRole.VIEWER: 1, UserRole.ANALYST: 2, UserRole.ADMIN: 3}


# --- Access tokens ------------------------------------------------------------------------------
@dataclass(frozen=True)
class AccessClaims:
    user_id: int
    role: str
    expires_at: int


def create_access_token(settings: Settings, user: User, now: float | None = None, ttl: int | None = None) -> str:
    issued = int(now if now is not None else time.time())
    payload = {
        "sub": str(user.id),
        "role": user.role.value if isinstance(user.role, UserRole) else str(user.role),
        "type": "access",
        "iat": issued,
        "exp": issued + (ttl if ttl is not None else settings.access_token_ttl_seconds),
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(payload, settings.jwt_secret, algorithm=settings.jwt_algorithm)


def decode_access_token(settings: Settings, token: str) -> AccessClaims:
    try:
        # The algorithm list is pinned: a token claiming `alg: none` or another algorithm is refused.
        payload = jwt.decode(
            token,
            settings.jwt_secret,
            algorithms=[settings.jwt_algorithm],
            options={"require": ["exp", "iat", "sub"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthorized("access token expired") from exc
    except jwt.PyJWTError as exc:
        raise Unauthorized("invalid access token") from exc
    if payload.get("type") != "access":
        raise Unauthorized("invalid access token")
    try:
        user_id = int(payload["sub"])
    except (TypeError, ValueError) as exc:
        raise Unauthorized("invalid access token") from exc
    return AccessClaims(user_id=user_id, role=str(payload.get("role", "")), expires_at=int(payload["exp"]))


# --- Refresh tokens (opaque, stored hashed) -------------------------------------------------------
def new_refresh_token() -> tuple[str, str]:
    raw = secrets.token_urlsafe(32)
    return raw, hash_refresh_token(raw)


def hash_refresh_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


# --- Dependencies -------------------------------------------------------------------------------
bearer_scheme = HTTPBearer(auto_error=False, description="Access token from POST /api/auth/login or /refresh")


Credentials = Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)]


def token_claims(request: Request, credentials: HTTPAuthorizationCredentials | None) -> AccessClaims:
    """The verified claims of the request's bearer token (401 when there is none or it is not valid)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("not authenticated")
    return decode_access_token(request.app.state.settings, credentials.credentials)


def active_user(user: User | None) -> User:
    """The token's user if it still exists and is active (401 otherwise)."""
    # The role comes from the database, not the token, so a demotion or deactivation is immediate.
    if user is None or not user.is_active:
        raise Unauthorized("user is inactive or no longer exists")
    return user


def signed_in(request: Request, user: User | None) -> User:
    """The token's user if it still exists and is active; remembered as the request's actor."""
    user = active_user(user)
    request.state.user_id = user.id
    request.state.user = user  # the actor of the unit of work (uow.py)
    return user


def get_current_user(request: Request, credentials: Credentials, db: Annotated[Session, Depends(get_db)]) -> User:
    return signed_in(request, db.get(User, token_claims(request, credentials).user_id))


def has_role(user: User, minimum: UserRole) -> bool:
    return ROLE_RANK[UserRole(user.role)] >= ROLE_RANK[minimum]


def require_role(minimum: UserRole) -> Callable[[User], Awaitable[User]]:
    """A dependency that lets through active users whose role is `minimum` or higher (admin > analyst > viewer)."""

    async def dependency(user: Annotated[User, Depends(get_current_user)]) -> User:  # no I/O: no thread hop
        if not has_role(user, minimum):
            raise Forbidden(f"this action requires the {minimum.value} role")
        return user

    dependency.required_role = minimum  # type: ignore[attr-defined]
    return dependency


# Every route declares its role with one of these (route-matrix test: services/api/tests/test_route_matrix.py).
ViewerUser = Annotated[User, Depends(require_role(UserRole.VIEWER))]
AnalystUser = Annotated[User, Depends(require_role(UserRole.ANALYST))]
AdminUser = Annotated[User, Depends(require_role(UserRole.ADMIN))]
