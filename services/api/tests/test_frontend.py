"""The built single-page app served by the API in local mode (SPA fallback for client-side routes)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from addax_api.main import create_app


def test_spa_is_served_with_fallback(api_settings, api_ctx, tmp_path):
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><div id=root></div>")
    (dist / "assets" / "app-1234.js").write_text("console.log(1)")
    (dist / "favicon.svg").write_text("<svg/>")
    app = create_app(api_settings.model_copy(update={"frontend_dist_dir": dist}), ctx=api_ctx)
    with TestClient(app) as client:
        index = client.get("/")
        assert index.status_code == 200 and "id=root" in index.text and index.headers["cache-control"] == "no-cache"
        assert "default-src 'self'" in index.headers["content-security-policy"]
        route = client.get("/images/123?camera_id=1")
        assert route.status_code == 200 and "id=root" in route.text
        asset = client.get("/assets/app-1234.js")
        assert asset.status_code == 200 and "immutable" in asset.headers["cache-control"]
        assert client.get("/favicon.svg").text == "<svg/>"
        # Missing assets and unknown API paths are real 404s, never index.html.
        assert client.get("/assets/missing.js").status_code == 404
        api = client.get("/api/unknown")
        assert api.status_code == 404 and api.json() == {"detail": "Not Found"}
        # Nothing outside the build is reachable.
        assert "root:" not in client.get("/../../../../etc/passwd").text
        assert client.post("/images").status_code == 404


def test_no_frontend_without_a_build(client):
    assert client.get("/").status_code == 404
