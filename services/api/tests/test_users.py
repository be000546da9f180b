"""User management (admin) and the audit log."""

from __future__ import annotations

from sqlalchemy import select

from addax_common.db import AuditLog, RefreshToken, User


def test_create_list_get_user(client, users):
    h = users.admin.headers
    created = client.post(
        "/api/users",
        json={"email": "New.Person@Example.org", "password": "long-enough-pw", "role": "analyst", "full_name": "New Person"},
        headers={**h, "User-Agent": "pytest-agent"},
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["email"] == "new.person@example.org" and body["role"] == "analyst" and body["is_active"] is True
    assert "password" not in body and "password_hash" not in body
    listed = client.get("/api/users", headers=h).json()
    assert [u["email"] for u in listed] == sorted(u["email"] for u in listed)
    assert "new.person@example.org" in {u["email"] for u in listed}
    assert client.get(f"/api/users/{body['id']}", headers=h).json()["full_name"] == "New Person"
    # The new user can log in.
    login = client.post("/api/auth/login", json={"email": "new.person@example.org", "password": "long-enough-pw"})
    assert login.status_code == 200 and login.json()["user"]["role"] == "analyst"
    # Audited with who, what, when and from where.
    logs = client.get("/api/audit-logs", params={"action": "user.create", "resource_id": str(body["id"])}, headers=h).json()
    assert logs["total"] == 1
    entry = logs["items"][0]
    assert entry["user_id"] == users.admin.id and entry["user_email"] == users.admin.user.email
    assert entry["details"] == {"email": "new.person@example.org", "role": "analyst"}
    assert entry["ip_address"] == "203.0.113.7" and entry["user_agent"] == "pytest-agent"
    assert entry["created_at"]


def test_create_user_validation_and_conflict(client, users):
    h = users.admin.headers
    assert client.post("/api/users", json={"email": "x@example.org", "password": "short"}, headers=h).status_code == 422
    assert client.post("/api/users", json={"email": "not-an-email", "password": "long-enough-pw"}, headers=h).status_code == 422
    assert client.post("/api/users", json={"email": "a@example.org", "password": "long-enough-pw", "role": "root"}, headers=h).status_code == 422
    assert client.post("/api/users", json={"email": "a@example.org", "password": "long-enough-pw", "extra": 1}, headers=h).status_code == 422
    duplicate = client.post("/api/users", json={"email": "VIEWER@example.org", "password": "long-enough-pw"}, headers=h)
    assert duplicate.status_code == 409 and duplicate.json() == {"detail": "a user with this e-mail already exists"}


def test_change_role_and_deactivate(client, users, api_ctx):
    h = users.admin.headers
    response = client.patch(f"/api/users/{users.viewer.id}", json={"role": "analyst", "full_name": "Promoted"}, headers=h)
    assert response.status_code == 200 and response.json()["role"] == "analyst"
    # The server role does not open projects; the project role does, with the token the user already has.
    review = {"image_ids": [], "status": "approved"}
    assert client.post("/api/projects/default/images/review", json=review, headers=users.viewer.headers).status_code == 403
    promoted = client.patch(f"/api/projects/default/members/{users.viewer.id}", json={"role": "analyst"}, headers=h)
    assert promoted.status_code == 200 and promoted.json()["role"] == "analyst"
    assert client.post("/api/projects/default/images/review", json={"image_ids": [], "status": "approved"}, headers=users.viewer.headers).status_code == 422
    # Deactivation locks the user out at once and revokes refresh tokens.
    client.post("/api/auth/login", json={"email": "viewer@example.org", "password": "correct-horse-battery"})
    response = client.patch(f"/api/users/{users.viewer.id}", json={"is_active": False}, headers=h)
    assert response.status_code == 200 and response.json()["is_active"] is False
    assert client.get("/api/auth/me", headers=users.viewer.headers).status_code == 401
    assert client.post("/api/auth/refresh").status_code == 401
    with api_ctx.sessions() as db:
        assert all(t.revoked_at is not None for t in db.scalars(select(RefreshToken).where(RefreshToken.user_id == users.viewer.id)))
        update = db.scalars(select(AuditLog).where(AuditLog.action == "user.update").order_by(AuditLog.id)).first()
        assert update.details["changes"] == {"role": ["viewer", "analyst"], "full_name": ["viewer", "Promoted"]}


def test_password_reset_by_admin(client, users):
    h = users.admin.headers
    assert client.patch(f"/api/users/{users.viewer.id}", json={"password": "brand-new-secret"}, headers=h).status_code == 200
    assert client.post("/api/auth/login", json={"email": "viewer@example.org", "password": "brand-new-secret"}).status_code == 200
    logs = client.get("/api/audit-logs", params={"action": "user.update"}, headers=h).json()
    assert logs["items"][0]["details"]["changes"] == {"password": "changed"}
    assert "brand-new-secret" not in str(logs)


def test_admin_cannot_demote_deactivate_or_delete_self(client, users):
    h, me = users.admin.headers, users.admin.id
    assert client.patch(f"/api/users/{me}", json={"role": "viewer"}, headers=h).status_code == 409
    assert client.patch(f"/api/users/{me}", json={"is_active": False}, headers=h).status_code == 409
    assert client.delete(f"/api/users/{me}", params={"confirm": users.admin.user.email}, headers=h).status_code == 409
    # Harmless changes to oneself are fine.
    assert client.patch(f"/api/users/{me}", json={"full_name": "Me", "role": "admin"}, headers=h).status_code == 200


def test_last_active_admin_cannot_be_removed(client, users, api_ctx, make_user, api_settings):
    from addax_api.security import create_access_token

    # A second admin who is the only *active* one other than... nobody: deactivate the bootstrap admin
    # through the second admin, then the second admin is the last one and cannot be demoted by a third.
    second = make_user("second-admin@example.org", "admin")
    second_headers = {"Authorization": f"Bearer {create_access_token(api_settings, second)}"}
    assert client.patch(f"/api/users/{users.admin.id}", json={"is_active": False}, headers=second_headers).status_code == 200
    with api_ctx.sessions() as db:
        active_admins = db.scalars(select(User).where(User.role == "admin", User.is_active.is_(True))).all()
        assert [u.email for u in active_admins] == ["second-admin@example.org"]
    # The bootstrap admin is inactive now; re-activating works, and it cannot act meanwhile.
    assert client.get("/api/users", headers=users.admin.headers).status_code == 401
    # The guard itself, seen from the service: removing the only active admin is refused.
    from addax_api.audit.service import Actor
    from addax_api.errors import Conflict
    from addax_api.users import service
    from addax_api.users.schemas import UserUpdate

    with api_ctx.sessions() as db:
        try:
            service.update_user(db, Actor(None, "script"), second.id, UserUpdate(role="viewer"))
        except Conflict as exc:
            assert "last active admin" in exc.detail
        else:
            raise AssertionError("the last admin was demoted")
        try:
            service.delete_user(db, Actor(None, "script"), second.id, "second-admin@example.org")
        except Conflict as exc:
            assert "last active admin" in exc.detail
        else:
            raise AssertionError("the last admin was deleted")


def test_delete_user_requires_confirmation(client, users, api_ctx):
    h = users.admin.headers
    url = f"/api/users/{users.viewer.id}"
    assert client.delete(url, headers=h).status_code == 400
    assert client.delete(url, params={"confirm": "someone@else.org"}, headers=h).status_code == 400
    assert client.delete(url, params={"confirm": "Viewer@Example.org"}, headers=h).status_code == 204
    assert client.get(url, headers=h).status_code == 404
    assert client.delete(url, params={"confirm": "viewer@example.org"}, headers=h).status_code == 404
    logs = client.get("/api/audit-logs", params={"action": "user.delete"}, headers=h).json()["items"]
    assert logs[0]["details"] == {"email": "viewer@example.org", "role": "viewer"}


def test_audit_log_filters_and_pagination(client, users):
    h = users.admin.headers
    for i in range(3):
        client.post("/api/users", json={"email": f"p{i}@example.org", "password": "long-enough-pw"}, headers=h)
    client.patch(f"/api/users/{users.viewer.id}", json={"full_name": "V"}, headers=h)
    everything = client.get("/api/audit-logs", headers=h).json()
    # bootstrap create + 3 creates + 1 update
    assert everything["total"] == 5
    creates = client.get("/api/audit-logs", params={"action": "user.create", "user_id": users.admin.id}, headers=h).json()
    assert creates["total"] == 3
    prefix = client.get("/api/audit-logs", params={"action": "user."}, headers=h).json()
    assert prefix["total"] == 5
    page = client.get("/api/audit-logs", params={"resource_type": "user", "limit": 2, "page": 2}, headers=h).json()
    assert (page["total"], page["page"], page["limit"], page["pages"], len(page["items"])) == (5, 2, 2, 3, 2)
    # Newest first.
    assert everything["items"][0]["action"] == "user.update"
    assert client.get("/api/audit-logs", params={"date_from": "2999-01-01"}, headers=h).json()["total"] == 0
    assert client.get("/api/audit-logs", params={"date_to": "2000-01-01"}, headers=h).json()["total"] == 0
    assert client.get("/api/audit-logs", params={"date_from": "2000-01-01T00:00:00Z"}, headers=h).json()["total"] == 5
    assert client.get("/api/audit-logs", params={"date_from": "2024-02-31"}, headers=h).status_code == 422
