"""Security: headers and CSP, CORS allow-list, rate limit, JSON errors without stack traces,
signed media URLs (tampered, expired, path traversal)."""

from __future__ import annotations

import time
import uuid

import pytest
from fastapi.testclient import TestClient

from addax_api.main import create_app
from addax_common.storage import media_signature
from tests.support.rate_windows import in_a_fresh_window


def test_security_headers(client, users):
    response = client.get("/api/auth/me", headers=users.viewer.headers)
    h = response.headers
    assert "default-src 'self'" in h["content-security-policy"] and "frame-ancestors 'none'" in h["content-security-policy"]
    assert h["x-content-type-options"] == "nosniff"
    assert h["x-frame-options"] == "DENY"
    assert h["referrer-policy"] == "no-referrer"
    assert "camera=()" in h["permissions-policy"]
    assert h["cache-control"] == "no-store"
    assert len(h["x-request-id"]) == 32
    assert "strict-transport-security" not in h  # cookie_secure=False in tests: plain HTTP
    # Errors carry them too.
    assert client.get("/api/nope").headers["x-content-type-options"] == "nosniff"
    # A sane incoming request id is kept (log correlation across the proxy).
    assert client.get("/api/health", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"] == "abc-123"


def test_cors_allow_list(client, api_settings):
    allowed = api_settings.cors_origins[0]
    preflight = client.options(
        "/api/projects/default/images",
        headers={"Origin": allowed, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization"},
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == allowed
    assert preflight.headers["access-control-allow-credentials"] == "true"
    evil = client.options(
        "/api/projects/default/images", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    )
    assert evil.status_code == 400 and "access-control-allow-origin" not in evil.headers
    simple = client.get("/api/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in simple.headers


def test_rate_limit_per_ip(api_settings, api_ctx):
    limited_settings = api_settings.model_copy(update={"rate_limit_per_minute": 5})
    # Two apps stand for two API processes: the counters live in Redis, shared by both.
    app_one, app_two = create_app(limited_settings, ctx=api_ctx), create_app(limited_settings, ctx=api_ctx)
    with TestClient(app_one, client=("198.51.100.1", 1)) as one, TestClient(app_two, client=("198.51.100.2", 1)) as two:
        in_a_fresh_window()
        statuses = [one.get("/api/auth/me").status_code for _ in range(6)]
        assert statuses == [401] * 5 + [429]
        limited = one.get("/api/auth/me")
        assert limited.json() == {"detail": "rate limit exceeded; try again later"}
        assert 0 < int(limited.headers["retry-after"]) <= 61
        assert limited.headers["x-ratelimit-limit"] == "5" and limited.headers["x-ratelimit-remaining"] == "0"
        assert limited.headers["x-content-type-options"] == "nosniff"
        # Another address has its own budget; health checks and media are not counted.
        assert two.get("/api/auth/me").status_code == 401
        assert two.get("/api/auth/me").headers["x-ratelimit-remaining"] == "3"
        assert one.get("/api/health").status_code == 200
        assert one.get("/api/media/thumbnails/x.jpg?expires=1&signature=00").status_code == 403


def test_unhandled_errors_are_json_500_without_traceback(api_settings, api_ctx):
    app = create_app(api_settings, ctx=api_ctx)

    @app.get("/api/boom", include_in_schema=False)
    def boom():
        raise RuntimeError("secret internals /etc/passwd")

    with TestClient(app) as test_client:
        response = test_client.get("/api/boom")
    assert response.status_code == 500
    assert response.json() == {"detail": "internal server error"}
    assert "secret" not in response.text and "Traceback" not in response.text
    assert response.headers["x-frame-options"] == "DENY"


def test_not_found_and_method_not_allowed_are_json(client, users):
    missing = client.get("/api/does-not-exist")
    assert missing.status_code == 404 and missing.json() == {"detail": "Not Found"}
    wrong = client.delete("/api/auth/me", headers=users.viewer.headers)
    assert wrong.status_code == 405 and wrong.json() == {"detail": "Method Not Allowed"}
    malformed = client.post("/api/auth/login", content=b"{not json", headers={"Content-Type": "application/json"})
    assert malformed.status_code == 422 and isinstance(malformed.json()["detail"], list)


def _signed(api_settings, bucket, key, expires):
    return f"/api/media/{bucket}/{key}?expires={expires}&signature={media_signature(api_settings.media_url_secret, bucket, key, expires)}"


def test_media_signatures(client, api_ctx, api_settings):
    key = f"{uuid.uuid4()}.jpg"
    api_ctx.storage.put("thumbnails", key, b"\xff\xd8thumb\xff\xd9")
    future = int(time.time()) + 600
    ok = client.get(_signed(api_settings, "thumbnails", key, future))
    assert ok.status_code == 200 and ok.content == b"\xff\xd8thumb\xff\xd9"
    assert ok.headers["cache-control"].startswith("private, max-age=")
    assert 0 < int(ok.headers["cache-control"].rsplit("=", 1)[1]) <= 600
    # Expired, tampered signature, signature for another key, bucket not served.
    assert client.get(_signed(api_settings, "thumbnails", key, int(time.time()) - 1)).status_code == 403
    signed = _signed(api_settings, "thumbnails", key, future)
    # Flip the last hex digit to a different one (a fixed "0" matched 1 time in 16).
    tampered = signed[:-1] + ("1" if signed[-1] == "0" else "0")
    assert client.get(tampered).status_code == 403
    other = _signed(api_settings, "thumbnails", "other.jpg", future).replace("other.jpg", key)
    assert client.get(other).status_code == 403
    longer = _signed(api_settings, "thumbnails", key, future).replace(f"expires={future}", f"expires={future + 1}")
    assert client.get(longer).status_code == 403
    assert client.get(_signed(api_settings, "models", "detector.onnx", future)).status_code == 422
    assert client.get(_signed(api_settings, "thumbnails", "missing.jpg", future)).status_code == 404


@pytest.mark.parametrize("key", ["../secrets.jpg", "..%2F..%2Fetc%2Fpasswd", "a/../../b.jpg", ".hidden.jpg", "a//b.jpg"])
def test_media_path_traversal_is_refused(client, api_settings, key):
    future = int(time.time()) + 600
    signature = media_signature(api_settings.media_url_secret, "thumbnails", key, future)
    response = client.get(f"/api/media/thumbnails/{key}?expires={future}&signature={signature}")
    assert response.status_code in (404, 422), (key, response.status_code)


def test_media_urls_need_the_directory_backend(api_settings, api_ctx):
    class FakeS3:
        def url(self, bucket, key, ttl=None):  # noqa: ARG002 - same signature as Storage.url
            return f"https://s3.example/{bucket}/{key}?X-Amz-Signature=abc"

    api_ctx.storage = FakeS3()
    app = create_app(api_settings, ctx=api_ctx)
    assert app.state.media.url("thumbnails", "a.jpg") == "https://s3.example/thumbnails/a.jpg?X-Amz-Signature=abc"
    with TestClient(app) as test_client:
        assert test_client.get("/api/media/thumbnails/a.jpg?expires=1&signature=00").status_code == 404
