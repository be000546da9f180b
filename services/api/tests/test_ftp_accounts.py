"""FTP upload accounts (admin): create, list, update, delete; passwords write-only; audited."""

from __future__ import annotations

from sqlalchemy import select

from addax_common.db import FtpAccount
from addax_common.passwords import verify_password


def test_create_list_update_delete_ftp_account(client, users, api_ctx):
    h = users.admin.headers
    created = client.post("/api/ftp-accounts", headers=h, json={
        "username": "field-07", "password": "camera-pass-0007", "camera_name": "Field 07",
        "allow_plain_ftp": True, "ip_allowlist": ["192.0.2.0/24", "198.51.100.7"]})
    assert created.status_code == 201, created.text
    body = created.json()
    assert "password" not in body and "password_hash" not in body
    assert body["allow_plain_ftp"] is True and body["enabled"] is True
    assert "unencrypted" in body["cleartext_warning"]
    assert body["ip_allowlist"] == ["192.0.2.0/24", "198.51.100.7/32"]
    with api_ctx.sessions() as db:
        row = db.scalar(select(FtpAccount).where(FtpAccount.username == "field-07"))
        assert row.password_hash.startswith("$") and "camera-pass-0007" not in row.password_hash
        assert verify_password("camera-pass-0007", row.password_hash)[0]
        assert row.created_by == users.admin.id

    listed = client.get("/api/ftp-accounts", headers=h).json()
    assert [a["username"] for a in listed] == ["field-07"] and "password_hash" not in listed[0]

    changed = client.patch(f"/api/ftp-accounts/{body['id']}", headers=h,
                           json={"allow_plain_ftp": False, "ip_allowlist": [], "password": "another-pass-0008"})
    assert changed.status_code == 200, changed.text
    assert changed.json()["allow_plain_ftp"] is False and changed.json()["cleartext_warning"] is None
    assert changed.json()["ip_allowlist"] == []

    logs = client.get("/api/audit-logs", params={"resource_id": str(body["id"])}, headers=h).json()["items"]
    actions = {entry["action"]: entry["details"] for entry in logs}
    assert actions["ftp_account.create"]["allow_plain_ftp"] is True
    assert actions["ftp_account.update"]["changes"]["password"] == "changed"
    assert actions["ftp_account.update"]["changes"]["allow_plain_ftp"] == [True, False]
    assert "another-pass-0008" not in str(logs) and "camera-pass-0007" not in str(logs)

    assert client.delete(f"/api/ftp-accounts/{body['id']}", headers=h).status_code == 204
    assert client.get(f"/api/ftp-accounts/{body['id']}", headers=h).status_code == 404
    logs = client.get("/api/audit-logs", params={"action": "ftp_account.delete"}, headers=h).json()
    assert logs["total"] == 1


def test_ftp_account_validation(client, users, api_settings):
    h = users.admin.headers
    good = {"username": "cam-12", "password": "camera-pass-0012"}
    for bad in ({**good, "username": "../etc"}, {**good, "username": ".hidden"}, {**good, "password": "short"},
                {**good, "ip_allowlist": ["not-a-network"]}, {**good, "extra": 1},
                {**good, "password": "has space in it"}):
        response = client.post("/api/ftp-accounts", headers=h, json=bad)
        assert response.status_code == 422, (bad, response.text)
    assert client.post("/api/ftp-accounts", headers=h, json=good).status_code == 201
    duplicate = client.post("/api/ftp-accounts", headers=h, json=good)
    assert duplicate.status_code == 409 and "already exists" in duplicate.json()["detail"]
    setting_user = api_settings.ftps_account_list()[0][0]
    shadowed = client.post("/api/ftp-accounts", headers=h, json={**good, "username": setting_user})
    assert shadowed.status_code == 409 and "FTPS_ACCOUNTS" in shadowed.json()["detail"]
    account_id = client.get("/api/ftp-accounts", headers=h).json()[0]["id"]
    assert client.patch(f"/api/ftp-accounts/{account_id}", headers=h, json={"enabled": None}).status_code == 400
    assert client.patch("/api/ftp-accounts/999999", headers=h, json={"enabled": False}).status_code == 404
