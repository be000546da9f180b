"""Authentication: login, access tokens (expired, tampered, alg=none, wrong key), refresh rotation
with reuse detection, logout, throttling, and the production password hasher."""

from __future__ import annotations

import base64
import json
import time
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from sqlalchemy import select, update

from addax_api import security
from addax_api.auth.router import REFRESH_COOKIE
from addax_common.db import AuditLog, ProjectMember, RefreshToken, User

ADMIN_EMAIL = "admin@example.org"  # as api_settings in conftest.py
ADMIN_PASSWORD = "admin-password-1"
PASSWORD = "correct-horse-battery"


def login(client, email=ADMIN_EMAIL, password=ADMIN_PASSWORD):
    return client.post("/api/auth/login", json={"email": email, "password": password})


def test_login_returns_token_user_and_refresh_cookie(client, api_settings):
    response = login(client)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == api_settings.access_token_ttl_seconds
    assert body["user"]["email"] == ADMIN_EMAIL and body["user"]["role"] == "admin"
    assert set(body["user"]) == {"id", "email", "full_name", "role", "is_active", "created_at", "last_login_at"}
    assert body["user"]["last_login_at"] is not None
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{REFRESH_COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict") and "Path=/api/auth" in cookie
    me = client.get("/api/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200 and me.json()["email"] == ADMIN_EMAIL


def test_refresh_cookie_is_secure_when_configured(api_settings, api_ctx):
    from fastapi.testclient import TestClient

    from addax_api.main import create_app

    app = create_app(api_settings.model_copy(update={"cookie_secure": True}), ctx=api_ctx)
    with TestClient(app, base_url="https://testserver") as client:
        response = login(client)
        assert response.status_code == 200
        assert "Secure" in response.headers["set-cookie"]
        assert response.headers["strict-transport-security"].startswith("max-age=")


def test_email_is_case_insensitive_and_wrong_password_rejected(client):
    assert login(client, ADMIN_EMAIL.upper()).status_code == 200
    bad = login(client, password="wrong-password")
    assert bad.status_code == 401
    assert bad.json() == {"detail": "invalid e-mail or password"}
    unknown = login(client, "nobody@example.org")
    assert unknown.status_code == 401 and unknown.json() == bad.json()


def test_inactive_user_cannot_log_in_or_use_token(client, make_user, api_settings):
    user = make_user("gone@example.org", "viewer", active=False)
    assert login(client, "gone@example.org", PASSWORD).status_code == 401
    token = security.create_access_token(api_settings, user)
    assert client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def _token(settings, user_id=1, **overrides):
    now = int(time.time())
    payload = {"sub": str(user_id), "role": "admin", "type": "access", "iat": now, "exp": now + 600, **overrides}
    return payload


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


@pytest.mark.parametrize("case", ["expired", "tampered", "alg_none", "wrong_key", "wrong_type", "garbage", "no_exp", "hs512"])
def test_bad_access_tokens_are_rejected(client, users, api_settings, case):
    settings = api_settings
    admin_id = users.admin.id
    if case == "expired":
        token = security.create_access_token(settings, users.admin.user, now=time.time() - 3600, ttl=60)
    elif case == "tampered":
        # A viewer's valid token with the payload edited to claim the admin's id.
        header, _, signature = users.viewer.token.split(".")
        token = f"{header}.{_b64(_token(settings, admin_id))}.{signature}"
    elif case == "alg_none":
        token = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_token(settings, admin_id))}."
    elif case == "wrong_key":
        token = jwt.encode(_token(settings, admin_id), "another-secret-that-is-long-enough-for-hs256", algorithm="HS256")
    elif case == "wrong_type":
        token = jwt.encode(_token(settings, admin_id, type="refresh"), settings.jwt_secret, algorithm="HS256")
    elif case == "no_exp":
        payload = _token(settings, admin_id)
        payload.pop("exp")
        token = jwt.encode(payload, settings.jwt_secret, algorithm="HS256")
    elif case == "hs512":
        token = jwt.encode(_token(settings, admin_id), settings.jwt_secret, algorithm="HS512")
    else:
        token = "not-a-jwt"
    response = client.get("/api/users", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401, response.text
    assert response.headers["www-authenticate"] == "Bearer"
    assert set(response.json()) == {"detail"}
    if case == "expired":
        assert response.json()["detail"] == "access token expired"


def test_missing_or_malformed_authorization_header(client, users):
    assert client.get("/api/auth/me").status_code == 401
    assert client.get("/api/auth/me", headers={"Authorization": users.admin.token}).status_code == 401
    assert client.get("/api/auth/me", headers={"Authorization": f"Basic {users.admin.token}"}).status_code == 401


def test_role_comes_from_database_not_token(client, users, api_ctx):
    with api_ctx.sessions() as db:
        db.execute(update(User).where(User.id == users.analyst.id).values(role="viewer"))
        db.execute(update(ProjectMember).where(ProjectMember.user_id == users.analyst.id).values(role="viewer"))
        db.commit()
    response = client.post("/api/projects/default/images/review", json={"image_ids": [], "status": "approved"}, headers=users.analyst.headers)
    assert response.status_code == 403


def test_refresh_rotates_token_and_reuse_revokes_family(client, api_ctx):
    first = login(client)
    cookie_1 = first.cookies[REFRESH_COOKIE]
    second = client.post("/api/auth/refresh")
    assert second.status_code == 200, second.text
    cookie_2 = second.cookies[REFRESH_COOKIE]
    assert cookie_2 != cookie_1
    assert second.json()["access_token"] != first.json()["access_token"]
    assert second.json()["user"]["email"] == ADMIN_EMAIL

    # Replaying the rotated (already used) token: refused, and the whole family is revoked.
    client.cookies.clear()
    replay = client.post("/api/auth/refresh", cookies={REFRESH_COOKIE: cookie_1})
    assert replay.status_code == 401
    assert "already used" in replay.json()["detail"]
    assert f'{REFRESH_COOKIE}=""' in replay.headers["set-cookie"] or "Max-Age=0" in replay.headers["set-cookie"]
    client.cookies.clear()
    legit = client.post("/api/auth/refresh", cookies={REFRESH_COOKIE: cookie_2})
    assert legit.status_code == 401
    with api_ctx.sessions() as db:
        tokens = db.scalars(select(RefreshToken)).all()
        assert len(tokens) == 2 and all(t.revoked_at is not None for t in tokens)
        # Stored hashed: the raw cookie value is nowhere in the table.
        assert {t.token_hash for t in tokens}.isdisjoint({cookie_1, cookie_2})
        assert db.scalars(select(AuditLog.action).where(AuditLog.action == "auth.refresh_reuse")).all()


def test_other_login_families_survive_reuse_detection(client):
    login(client)
    other = client.cookies[REFRESH_COOKIE]
    client.cookies.clear()
    first = login(client).cookies[REFRESH_COOKIE]
    client.post("/api/auth/refresh")
    client.cookies.clear()
    assert client.post("/api/auth/refresh", cookies={REFRESH_COOKIE: first}).status_code == 401
    client.cookies.clear()
    assert client.post("/api/auth/refresh", cookies={REFRESH_COOKIE: other}).status_code == 200


def test_refresh_without_or_with_unknown_or_expired_cookie(client, api_ctx):
    assert client.post("/api/auth/refresh").status_code == 401
    assert client.post("/api/auth/refresh", cookies={REFRESH_COOKIE: "made-up"}).status_code == 401
    login(client)
    with api_ctx.sessions() as db:
        db.execute(update(RefreshToken).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
        db.commit()
    response = client.post("/api/auth/refresh")
    assert response.status_code == 401 and response.json()["detail"] == "refresh token expired"


def test_logout_revokes_refresh_token(client, api_ctx):
    login(client)
    cookie = client.cookies[REFRESH_COOKIE]
    response = client.post("/api/auth/logout")
    assert response.status_code == 204
    assert "Max-Age=0" in response.headers["set-cookie"] or 'addax_refresh=""' in response.headers["set-cookie"]
    client.cookies.clear()
    assert client.post("/api/auth/refresh", cookies={REFRESH_COOKIE: cookie}).status_code == 401
    with api_ctx.sessions() as db:
        assert db.scalars(select(AuditLog).where(AuditLog.action == "auth.logout")).one().user_email == ADMIN_EMAIL
    # Logging out without a cookie is harmless.
    client.cookies.clear()
    assert client.post("/api/auth/logout").status_code == 204


def test_deactivated_user_cannot_refresh(client, api_ctx, make_user):
    make_user("temp@example.org", "viewer")
    login(client, "temp@example.org", PASSWORD)
    with api_ctx.sessions() as db:
        db.execute(update(User).where(User.email == "temp@example.org").values(is_active=False))
        db.commit()
    assert client.post("/api/auth/refresh").status_code == 401


def test_login_throttled_per_account(client, api_settings):
    for _ in range(api_settings.login_max_attempts):
        assert login(client, password="wrong-password").status_code == 401
    locked = login(client)  # the right password, but the account is locked for now
    assert locked.status_code == 429
    assert 0 < int(locked.headers["retry-after"]) <= api_settings.login_lockout_seconds
    assert login(client, "someone-else@example.org", "whatever").status_code == 401


def test_locked_out_attempts_are_audited(client, api_ctx, api_settings):
    for _ in range(api_settings.login_max_attempts):
        login(client, password="wrong-password")
    for _ in range(2):
        assert login(client).status_code == 429
    with api_ctx.sessions() as db:
        entries = db.scalars(select(AuditLog).where(AuditLog.action == "auth.login_locked").order_by(AuditLog.id)).all()
        assert len(entries) == 2
        assert {e.user_email for e in entries} == {ADMIN_EMAIL}
        assert entries[0].user_id is not None and entries[0].resource_id == str(entries[0].user_id)
        assert entries[0].details["scope"] == "account"
        assert 0 < entries[0].details["retry_after"] <= api_settings.login_lockout_seconds
        # No password and no login: a locked attempt never reaches the password check.
        assert "password" not in str(entries[0].details)


def test_login_throttled_per_ip(client, api_settings):
    from addax_api.auth.throttle import IP_FACTOR

    attempts = api_settings.login_max_attempts * IP_FACTOR
    for i in range(attempts):
        assert login(client, f"user{i}@example.org", "wrong-password").status_code == 401
    assert login(client, "fresh@example.org", "wrong-password").status_code == 429


def test_successful_login_resets_account_counter(client, api_settings):
    for _ in range(api_settings.login_max_attempts - 1):
        login(client, password="wrong-password")
    assert login(client).status_code == 200
    for _ in range(api_settings.login_max_attempts - 1):
        assert login(client, password="wrong-password").status_code == 401
    assert login(client).status_code == 200


def test_login_is_audited(client, api_ctx):
    login(client)
    login(client, password="nope-nope")
    with api_ctx.sessions() as db:
        actions = db.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()
    assert actions[-2:] == ["auth.login", "auth.login_failed"]


def test_constants_match_fixtures(creds):
    assert creds == {"admin_email": ADMIN_EMAIL, "admin_password": ADMIN_PASSWORD, "password": PASSWORD}


def test_production_hasher_is_argon2id():
    hashed = PasswordHashProduction.hash("s3cret-password")
    assert hashed.startswith("$argon2id$")
    assert PasswordHashProduction.verify("s3cret-password", hashed)


from addax_api.security import password_hasher as PasswordHashProduction  # noqa: E402  (before monkeypatching)
