"""Every route, walked with no token, a server admin, each role of project A, and a member of project B
only, against the declared allow/deny matrix.

The table below is the specification; the test fails when a route exists that the table does not
name (so a new route must declare its role here) or the other way round. Project routes are called
for project A (`alpha`): a member of project B only must get 404 (the project's existence is not
revealed), a member of A with too low a role 403, and everyone allowed neither 401, 403 nor the
"project not found" 404."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from fastapi.routing import APIRoute, APIWebSocketRoute
from sqlalchemy import select
from starlette.websockets import WebSocketDisconnect

from addax_api.security import create_access_token
from addax_common.db import Project, ProjectMember, User, UserRole

PROJECT_ROLES = ("viewer", "analyst", "admin")
RANK = {"viewer": 1, "analyst": 2, "admin": 3}
IMAGE = str(uuid.uuid4())
A, B = "alpha", "bravo"

# (method, path template) -> who may call it:
#   "public"       anyone, no token needed
#   "signed-in"    any active user
#   "server-admin" users with the server-wide admin role
#   "project:ROLE" members of the path's project with ROLE or higher (server admins too)
#   "upload-key"   an upload key of a project (X-Api-Key), no user token: every caller here gets 401
MATRIX: dict[tuple[str, str], str] = {
    ("POST", "/api/auth/login"): "public",
    ("POST", "/api/auth/refresh"): "public",
    ("POST", "/api/auth/logout"): "public",
    ("GET", "/api/auth/me"): "signed-in",
    ("GET", "/api/users"): "server-admin",
    ("POST", "/api/users"): "server-admin",
    ("GET", "/api/users/{user_id}"): "server-admin",
    ("PATCH", "/api/users/{user_id}"): "server-admin",
    ("DELETE", "/api/users/{user_id}"): "server-admin",
    ("GET", "/api/ftp-accounts"): "server-admin",
    ("POST", "/api/ftp-accounts"): "server-admin",
    ("GET", "/api/ftp-accounts/{account_id}"): "server-admin",
    ("PATCH", "/api/ftp-accounts/{account_id}"): "server-admin",
    ("DELETE", "/api/ftp-accounts/{account_id}"): "server-admin",
    ("GET", "/api/audit-logs"): "server-admin",
    ("GET", "/api/projects"): "signed-in",
    ("POST", "/api/projects"): "server-admin",
    ("GET", "/api/projects/{slug}"): "project:viewer",
    ("PATCH", "/api/projects/{slug}"): "project:admin",
    ("POST", "/api/projects/{slug}/archive"): "project:admin",
    ("POST", "/api/projects/{slug}/unarchive"): "project:admin",
    ("GET", "/api/projects/{slug}/members"): "project:admin",
    ("POST", "/api/projects/{slug}/members"): "project:admin",
    ("PATCH", "/api/projects/{slug}/members/{user_id}"): "project:admin",
    ("DELETE", "/api/projects/{slug}/members/{user_id}"): "project:admin",
    ("GET", "/api/projects/{slug}/audit-logs"): "project:admin",
    ("GET", "/api/projects/{slug}/images"): "project:viewer",
    ("GET", "/api/projects/{slug}/images/status-counts"): "project:viewer",
    ("POST", "/api/projects/{slug}/images/review"): "project:analyst",
    ("GET", "/api/projects/{slug}/images/{image_id}"): "project:viewer",
    ("POST", "/api/projects/{slug}/images/{image_id}/review"): "project:analyst",
    ("POST", "/api/projects/{slug}/images/{image_id}/approve"): "project:analyst",
    ("POST", "/api/projects/{slug}/images/species"): "project:analyst",
    ("PUT", "/api/projects/{slug}/images/{image_id}/detections/{detection_id}/species"): "project:analyst",
    ("DELETE", "/api/projects/{slug}/images/{image_id}/detections/{detection_id}/species"): "project:analyst",
    ("POST", "/api/projects/{slug}/images/{image_id}/retry"): "project:admin",
    ("GET", "/api/projects/{slug}/sequences/{sequence_id}"): "project:viewer",
    ("POST", "/api/projects/{slug}/sequences/{sequence_id}/review"): "project:analyst",
    ("GET", "/api/projects/{slug}/species"): "project:viewer",
    ("GET", "/api/projects/{slug}/species-labels"): "project:viewer",
    ("POST", "/api/projects/{slug}/species-labels"): "project:admin",
    ("GET", "/api/projects/{slug}/cameras"): "project:viewer",
    ("POST", "/api/projects/{slug}/cameras"): "project:admin",
    ("GET", "/api/projects/{slug}/cameras/{camera_id}"): "project:viewer",
    ("PUT", "/api/projects/{slug}/cameras/{camera_id}"): "project:admin",
    ("POST", "/api/projects/{slug}/cameras/{camera_id}/assign"): "project:admin",
    ("GET", "/api/cameras/unassigned"): "server-admin",
    ("GET", "/api/projects/{slug}/deployments"): "project:viewer",
    ("POST", "/api/projects/{slug}/deployments"): "project:admin",
    ("GET", "/api/projects/{slug}/deployments/{deployment_id}"): "project:viewer",
    ("PUT", "/api/projects/{slug}/deployments/{deployment_id}"): "project:admin",
    ("DELETE", "/api/projects/{slug}/deployments/{deployment_id}"): "project:admin",
    ("GET", "/api/projects/{slug}/exports/camtrap-dp"): "project:viewer",
    ("GET", "/api/projects/{slug}/exports/megadetector"): "project:viewer",
    ("GET", "/api/projects/{slug}/exports/csv"): "project:viewer",
    ("GET", "/api/projects/{slug}/exports/xlsx"): "project:viewer",
    ("POST", "/api/projects/{slug}/imports"): "project:admin",
    ("GET", "/api/projects/{slug}/stats/species"): "project:viewer",
    ("GET", "/api/projects/{slug}/stats/timeline"): "project:viewer",
    ("GET", "/api/projects/{slug}/stats/cameras"): "project:viewer",
    ("GET", "/api/projects/{slug}/stats/summary"): "project:viewer",
    ("GET", "/api/projects/{slug}/stats/trap-days"): "project:viewer",
    ("GET", "/api/projects/{slug}/stats/rai"): "project:viewer",
    ("GET", "/api/projects/{slug}/stats/activity"): "project:viewer",
    ("GET", "/api/projects/{slug}/stats/accumulation"): "project:viewer",
    ("GET", "/api/projects/{slug}/stats/occupancy"): "project:viewer",
    ("GET", "/api/projects/{slug}/alerts/groups"): "project:viewer",
    ("GET", "/api/projects/{slug}/alerts/rules"): "project:viewer",
    ("POST", "/api/projects/{slug}/alerts/rules"): "project:admin",
    ("GET", "/api/projects/{slug}/alerts/rules/{rule_id}"): "project:viewer",
    ("PATCH", "/api/projects/{slug}/alerts/rules/{rule_id}"): "project:admin",
    ("DELETE", "/api/projects/{slug}/alerts/rules/{rule_id}"): "project:admin",
    ("GET", "/api/projects/{slug}/alerts/channels"): "project:admin",  # they hold recipients
    ("POST", "/api/projects/{slug}/alerts/channels"): "project:admin",
    ("GET", "/api/projects/{slug}/alerts/channels/{channel_id}"): "project:admin",
    ("PATCH", "/api/projects/{slug}/alerts/channels/{channel_id}"): "project:admin",
    ("DELETE", "/api/projects/{slug}/alerts/channels/{channel_id}"): "project:admin",
    ("POST", "/api/projects/{slug}/alerts/channels/{channel_id}/test"): "project:admin",
    ("GET", "/api/projects/{slug}/alerts/history"): "project:viewer",
    ("GET", "/api/projects/{slug}/alerts/history/{alert_id}"): "project:viewer",
    ("GET", "/api/admin/alerts/rules"): "server-admin",
    ("POST", "/api/admin/alerts/rules"): "server-admin",
    ("GET", "/api/admin/alerts/rules/{rule_id}"): "server-admin",
    ("PATCH", "/api/admin/alerts/rules/{rule_id}"): "server-admin",
    ("DELETE", "/api/admin/alerts/rules/{rule_id}"): "server-admin",
    ("GET", "/api/admin/alerts/channels"): "server-admin",
    ("POST", "/api/admin/alerts/channels"): "server-admin",
    ("GET", "/api/admin/alerts/channels/{channel_id}"): "server-admin",
    ("PATCH", "/api/admin/alerts/channels/{channel_id}"): "server-admin",
    ("DELETE", "/api/admin/alerts/channels/{channel_id}"): "server-admin",
    ("POST", "/api/admin/alerts/channels/{channel_id}/test"): "server-admin",
    ("GET", "/api/projects/{slug}/upload-keys"): "project:admin",
    ("POST", "/api/projects/{slug}/upload-keys"): "project:admin",
    ("DELETE", "/api/projects/{slug}/upload-keys/{key_id}"): "project:admin",
    ("POST", "/api/projects/{slug}/uploads/check"): "project:analyst",
    ("POST", "/api/projects/{slug}/uploads"): "project:analyst",
    ("GET", "/api/projects/{slug}/uploads/{upload_id}"): "project:analyst",
    ("PATCH", "/api/projects/{slug}/uploads/{upload_id}"): "project:analyst",
    ("DELETE", "/api/projects/{slug}/uploads/{upload_id}"): "project:analyst",
    # Devices and addax-upload: an upload key, never a user's token (so every caller here gets 401).
    ("POST", "/api/upload/images"): "upload-key",
    ("GET", "/api/upload/images/{image_id}"): "upload-key",
    ("POST", "/api/upload/check"): "upload-key",
    ("POST", "/api/upload/tus"): "upload-key",
    ("GET", "/api/upload/tus/{upload_id}"): "upload-key",
    ("PATCH", "/api/upload/tus/{upload_id}"): "upload-key",
    ("DELETE", "/api/upload/tus/{upload_id}"): "upload-key",
    ("GET", "/api/media/{bucket}/{key:path}"): "public",  # authorised by its HMAC signature instead
    ("GET", "/api/models"): "server-admin",
    ("PUT", "/api/models/settings"): "server-admin",
    ("GET", "/api/models/reprocess-jobs"): "server-admin",
    ("POST", "/api/projects/{slug}/reprocess"): "project:admin",
    ("GET", "/api/projects/{slug}/reprocess"): "project:admin",
    ("GET", "/api/projects/{slug}/reprocess/{job_id}"): "project:admin",
    ("GET", "/api/config"): "public",  # the login page may need it; only what browsers see anyway
    ("GET", "/api/health"): "public",
    ("GET", "/metrics"): "public",
    ("WEBSOCKET", "/api/updates"): "signed-in",
}

# What a public route answers to a request without valid input, whoever asks.
PUBLIC_EXPECTED = {
    ("POST", "/api/auth/login"): 422,  # empty body
    ("POST", "/api/auth/refresh"): 401,  # no cookie
    ("POST", "/api/auth/logout"): 204,
    ("GET", "/api/media/{bucket}/{key:path}"): 403,  # bad signature
    ("GET", "/api/config"): 200,
    ("GET", "/api/health"): 200,
    ("GET", "/metrics"): 200,
}


@dataclass
class Caller:
    name: str
    headers: dict[str, str]
    project_role: str | None = None  # role in project A
    server_admin: bool = False
    member_of_b_only: bool = False


@pytest.fixture
def callers(client, api_ctx, api_settings, make_user, creds) -> list[Caller]:
    """No token; the server admin; a member of A with each role (server role viewer); a member of B only."""
    with api_ctx.sessions() as db:
        alpha, bravo = Project(slug=A, name="Alpha"), Project(slug=B, name="Bravo")
        db.add_all([alpha, bravo])
        db.commit()
        ids = {A: alpha.id, B: bravo.id}
        admin = db.scalars(select(User).where(User.email == creds["admin_email"])).one()
    token = lambda u: {"Authorization": f"Bearer {create_access_token(api_settings, u)}"}  # noqa: E731
    result = [Caller("anonymous", {}), Caller("server admin", token(admin), server_admin=True)]
    for role in PROJECT_ROLES:
        user = make_user(f"a-{role}@example.org", UserRole.VIEWER, project=None)
        _join(api_ctx, ids[A], user, role)
        result.append(Caller(f"{role} of A", token(user), project_role=role))
    outsider = make_user("b-admin@example.org", UserRole.VIEWER, project=None)
    _join(api_ctx, ids[B], outsider, "admin")
    result.append(Caller("admin of B only", token(outsider), member_of_b_only=True))
    return result


def _join(api_ctx, project_id: int, user: User, role: str) -> None:
    with api_ctx.sessions() as db:
        db.add(ProjectMember(project_id=project_id, user_id=user.id, role=UserRole(role)))
        db.commit()


def concrete(path: str) -> str:
    return (
        path.replace("{slug}", A)
        .replace("{user_id}", "999999")
        .replace("{image_id}", IMAGE)
        .replace("{detection_id}", "999999")
        .replace("{camera_id}", "999999")
        .replace("{deployment_id}", "999999")
        .replace("{account_id}", "999999")
        .replace("{rule_id}", "999999")
        .replace("{channel_id}", "999999")
        .replace("{alert_id}", "999999")
        .replace("{key_id}", "999999")
        .replace("{upload_id}", IMAGE)
        .replace("{job_id}", "999999")
        .replace("{bucket}", "thumbnails")
        .replace("{key:path}", f"{IMAGE}.jpg")
    )


def app_routes(app) -> set[tuple[str, str]]:
    """(method, full path) of every route, including those of included routers."""
    try:
        from fastapi.routing import iter_route_contexts

        contexts = [(c.original_route, c.path, c.methods) for c in iter_route_contexts(app.routes)]
    except ImportError:  # FastAPI before included-router contexts: routes are already flat
        contexts = [(r, r.path, getattr(r, "methods", None)) for r in app.routes]
    found = set()
    for original, path, methods in contexts:
        if isinstance(original, APIRoute):
            for method in set(methods) - {"HEAD", "OPTIONS"}:
                found.add((method, path))
        elif isinstance(original, APIWebSocketRoute):
            found.add(("WEBSOCKET", path))
        else:
            found.add(("OTHER", path))
    return found


def test_matrix_names_every_route(app):
    # FastAPI's own documentation routes (public by design) are the only others.
    routes = {r for r in app_routes(app) if r[1] not in ("/api/docs", "/api/openapi.json")}
    assert routes == set(MATRIX), (
        f"routes missing from the matrix: {sorted(routes - set(MATRIX))}; "
        f"stale matrix rows: {sorted(set(MATRIX) - routes)}"
    )


def call(client, method: str, path: str, headers: dict[str, str]):
    url = concrete(path)
    if method == "GET":
        url += ("&" if "?" in url else "?") + "expires=1&signature=00" if "/api/media/" in path else ""
        return client.get(url, headers=headers)
    # A valid JSON document (`{}`): body validation runs after the role check, so an allowed caller
    # gets 404/409/422 here, never 401/403.
    return client.request(method, url, json={}, headers=headers)


HTTP_ROUTES = sorted(k for k in MATRIX if k[0] != "WEBSOCKET")


def expected(required: str, caller: Caller) -> str:
    """"allowed", "public", or the status code a denied caller must get."""
    if required == "public":
        return "public"
    if caller.name == "anonymous" or required == "upload-key":
        return "401"
    if required == "signed-in" or caller.server_admin:
        return "allowed"
    if required == "server-admin":
        return "403"
    if caller.member_of_b_only:
        return "404"
    role = required.split(":", 1)[1]
    return "allowed" if RANK[caller.project_role] >= RANK[role] else "403"


@pytest.mark.parametrize("method,path", HTTP_ROUTES, ids=[f"{m} {p}" for m, p in HTTP_ROUTES])
def test_route_roles(client, callers, method, path):
    required = MATRIX[(method, path)]
    for caller in callers:
        response = call(client, method, path, caller.headers)
        status = response.status_code
        who = caller.name
        assert status < 500, f"{who}: {method} {path} -> {status} {response.text}"
        assert set(response.json()) == {"detail"} if status >= 400 else True
        want = expected(required, caller)
        if want == "public":
            assert status == PUBLIC_EXPECTED[(method, path)], f"{who}: {method} {path} -> {status}"
        elif want == "allowed":
            assert status not in (401, 403), f"{who}: {method} {path} -> {status} {response.text}"
            # Exports answer with a file (zip, CSV, ...); "project not found" is always JSON.
            if response.headers.get("content-type", "").startswith("application/json"):
                assert response.json() != {"detail": "project not found"}, f"{who}: {method} {path}"
        else:
            assert status == int(want), f"{who}: {method} {path} -> {status} (expected {want}) {response.text}"
            if want == "404":
                assert response.json() == {"detail": "project not found"}
            if want == "403" and required.startswith("project:"):
                assert required.split(":")[1] in response.json()["detail"]


def test_unknown_project_answers_like_a_foreign_one(client, callers):
    outsider = next(c for c in callers if c.member_of_b_only)
    for slug in (A, "no-such-project"):
        response = client.get(f"/api/projects/{slug}/images", headers=outsider.headers)
        assert (response.status_code, response.json()) == (404, {"detail": "project not found"})


def test_inactive_user_is_denied_everywhere(client, users, make_user, api_settings):
    inactive = make_user("inactive-admin@example.org", "admin", active=False)
    headers = {"Authorization": f"Bearer {create_access_token(api_settings, inactive)}"}
    for method, path in HTTP_ROUTES:
        if MATRIX[(method, path)] != "public":
            assert call(client, method, path, headers).status_code == 401, f"{method} {path}"


@pytest.mark.parametrize("who", ["anonymous", "viewer", "analyst", "admin"])
def test_websocket_roles(client, users, who):
    url = "/api/updates" if who == "anonymous" else f"/api/updates?token={users[who].token}"
    with client.websocket_connect(url) as ws:
        if who == "anonymous":
            with pytest.raises(WebSocketDisconnect) as closed:
                ws.receive_json()
            assert closed.value.code == 4401
        else:
            assert ws.receive_json() == {"type": "connected", "user_id": users[who].id}
