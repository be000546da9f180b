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


def test_the_app_is_served_compressed_with_nginx_caching(api_settings, api_ctx, tmp_path):
    """Like nginx in production: gzip (or the build's brotli/gzip files) for text, immutable hashed assets,
    a revalidated index.html."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    index_html = "<!doctype html><div id=root></div>" + "<!-- padding -->" * 100
    (dist / "index.html").write_text(index_html)
    script = "console.log('addax');\n" * 200
    (dist / "assets" / "app-1234.js").write_text(script)
    (dist / "assets" / "style-99.css").write_text("body{color:red}\n" * 200)
    (dist / "assets" / "style-99.css.br").write_bytes(b"BROTLI-BYTES")  # as scripts/compress-dist.mjs writes it
    (dist / "assets" / "tiny-1.js").write_text("1")
    (dist / "assets" / "photo-1.png").write_bytes(b"\x89PNG" + b"\0" * 4000)
    app = create_app(api_settings.model_copy(update={"frontend_dist_dir": dist}), ctx=api_ctx)
    with TestClient(app) as client:
        asset = client.get("/assets/app-1234.js", headers={"Accept-Encoding": "gzip, deflate"})
        assert asset.headers["content-encoding"] == "gzip" and "Accept-Encoding" in asset.headers["vary"]
        assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert asset.headers["content-type"].startswith(("text/javascript", "application/javascript"))
        assert asset.text == script  # httpx undid the gzip
        assert int(asset.headers["content-length"]) < len(script) / 5
        for path in ("/", "/gallery?page=2"):
            page = client.get(path, headers={"Accept-Encoding": "gzip"})
            assert page.headers["content-encoding"] == "gzip" and page.headers["cache-control"] == "no-cache", path
            assert page.text == index_html
        # The build's brotli file wins when the browser takes brotli; gzip is made when it does not.
        with client.stream("GET", "/assets/style-99.css", headers={"Accept-Encoding": "gzip, br"}) as css:
            assert css.headers["content-encoding"] == "br" and css.headers["content-type"].startswith("text/css")
            assert b"".join(css.iter_raw()) == b"BROTLI-BYTES"
        assert client.get("/assets/style-99.css", headers={"Accept-Encoding": "gzip"}).headers["content-encoding"] == "gzip"
        # Not when refused, not for tiny files, not for images.
        for path, accept in [
            ("/assets/app-1234.js", "identity"),
            ("/assets/app-1234.js", "gzip;q=0, br;q=0"),
            ("/assets/tiny-1.js", "gzip"),
            ("/assets/photo-1.png", "gzip"),
        ]:
            plain = client.get(path, headers={"Accept-Encoding": accept})
            assert "content-encoding" not in plain.headers, (path, accept)
        assert client.get("/assets/photo-1.png").headers["cache-control"] == "public, max-age=31536000, immutable"
