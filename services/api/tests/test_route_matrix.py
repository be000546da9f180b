"""Every route, walked with no token and with each role, against the declared allow/deny matrix.

The table below is the specification; the test fails when a route exists that the table does not
name (so a new route must declare its role here) or the other way round."""

from __future__ import annotations

import uuid

import pytest
from fastapi.routing import APIRoute, APIWebSocketRoute
from starlette.websockets import WebSocketDisconnect

ROLES = ("viewer", "analyst", "admin")
RANK = {"viewer": 1, "analyst": 2, "admin": 3}
IMAGE = str(uuid.uuid4())

# (method, path template) -> minimum role, or "public"
MATRIX: dict[tuple[str, str], str] = {
    ("POST", "/api/auth/login"): "public",
    ("POST", "/api/auth/refresh"): "public",
    ("POST", "/api/auth/logout"): "public",
    ("GET", "/api/auth/me"): "viewer",
    ("GET", "/api/users"): "admin",
    ("POST", "/api/users"): "admin",
    ("GET", "/api/users/{user_id}"): "admin",
    ("PATCH", "/api/users/{user_id}"): "admin",
    ("DELETE", "/api/users/{user_id}"): "admin",
    ("GET", "/api/ftp-accounts"): "admin",
    ("POST", "/api/ftp-accounts"): "admin",
    ("GET", "/api/ftp-accounts/{account_id}"): "admin",
    ("PATCH", "/api/ftp-accounts/{account_id}"): "admin",
    ("DELETE", "/api/ftp-accounts/{account_id}"): "admin",
    ("GET", "/api/audit-logs"): "admin",
    ("GET", "/api/images"): "viewer",
    ("GET", "/api/images/status-counts"): "viewer",
    ("POST", "/api/images/review"): "analyst",
    ("GET", "/api/images/{image_id}"): "viewer",
    ("POST", "/api/images/{image_id}/review"): "analyst",
    ("POST", "/api/images/{image_id}/approve"): "analyst",
    ("PUT", "/api/images/{image_id}/detections/{detection_id}/species"): "analyst",
    ("DELETE", "/api/images/{image_id}/detections/{detection_id}/species"): "analyst",
    ("POST", "/api/images/{image_id}/retry"): "admin",
    ("GET", "/api/species"): "viewer",
    ("GET", "/api/cameras"): "viewer",
    ("POST", "/api/cameras"): "admin",
    ("GET", "/api/cameras/{camera_id}"): "viewer",
    ("PUT", "/api/cameras/{camera_id}"): "admin",
    ("POST", "/api/cameras/{camera_id}/assign"): "admin",
    ("GET", "/api/stats/species"): "viewer",
    ("GET", "/api/stats/timeline"): "viewer",
    ("GET", "/api/stats/cameras"): "viewer",
    ("GET", "/api/stats/summary"): "viewer",
    ("GET", "/api/media/{bucket}/{key:path}"): "public",  # authorised by its HMAC signature instead
    ("GET", "/api/config"): "public",  # the login page may need it; only what browsers see anyway
    ("GET", "/api/health"): "public",
    ("GET", "/metrics"): "public",
    ("WEBSOCKET", "/api/updates"): "viewer",
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


def concrete(path: str) -> str:
    return (
        path.replace("{user_id}", "999999")
        .replace("{image_id}", IMAGE)
        .replace("{detection_id}", "999999")
        .replace("{camera_id}", "999999")
        .replace("{account_id}", "999999")
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


@pytest.mark.parametrize("method,path", HTTP_ROUTES, ids=[f"{m} {p}" for m, p in HTTP_ROUTES])
def test_route_roles(client, users, method, path):
    required = MATRIX[(method, path)]
    identities = {"anonymous": {}, **{role: users[role].headers for role in ROLES}}
    for who, headers in identities.items():
        response = call(client, method, path, headers)
        status = response.status_code
        assert status < 500, f"{who}: {method} {path} -> {status} {response.text}"
        assert set(response.json()) == {"detail"} if status >= 400 else True
        if required == "public":
            assert status == PUBLIC_EXPECTED[(method, path)], f"{who}: {method} {path} -> {status}"
        elif who == "anonymous":
            assert status == 401, f"anonymous: {method} {path} -> {status}"
        elif RANK[who] < RANK[required]:
            assert status == 403, f"{who}: {method} {path} -> {status}"
            assert required in response.json()["detail"]
        else:
            assert status not in (401, 403), f"{who}: {method} {path} -> {status} {response.text}"


def test_inactive_user_is_denied_everywhere(client, users, make_user, api_settings):
    from addax_api.security import create_access_token

    inactive = make_user("inactive-admin@example.org", "admin", active=False)
    headers = {"Authorization": f"Bearer {create_access_token(api_settings, inactive)}"}
    for method, path in HTTP_ROUTES:
        if MATRIX[(method, path)] != "public":
            assert call(client, method, path, headers).status_code == 401, f"{method} {path}"


@pytest.mark.parametrize("who", ["anonymous", *ROLES])
def test_websocket_roles(client, users, who):
    url = "/api/updates" if who == "anonymous" else f"/api/updates?token={users[who].token}"
    with client.websocket_connect(url) as ws:
        if who == "anonymous":
            with pytest.raises(WebSocketDisconnect) as closed:
                ws.receive_json()
            assert closed.value.code == 4401
        else:
            assert ws.receive_json() == {"type": "connected", "user_id": users[who].id}
