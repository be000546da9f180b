"""GET /api/config (public deployment settings for the dashboard) and the map tile server in the CSP."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from addax_api.main import create_app
from addax_common.settings import DEFAULT_MAP_TILE_ATTRIBUTION, DEFAULT_MAP_TILE_URL, Settings

STATION_TILES = "http://tiles.station.lan:8080/osm/{z}/{x}/{y}.png"


def img_src(response) -> list[str]:
    csp = response.headers["content-security-policy"]
    directive = next(d.strip() for d in csp.split(";") if d.strip().startswith("img-src "))
    return directive.split()[1:]


def settings_client(api_settings, api_ctx, **update) -> TestClient:
    # Validated like the environment would be, not model_copy'd around the validators.
    settings = Settings.model_validate({**api_settings.model_dump(), **update})
    return TestClient(create_app(settings, ctx=api_ctx))


def test_config_defaults_to_openstreetmap_without_a_token(client):
    response = client.get("/api/config")
    assert response.status_code == 200
    assert response.json() == {
        "map": {"tile_url": DEFAULT_MAP_TILE_URL, "attribution": DEFAULT_MAP_TILE_ATTRIBUTION},
        "models": {"demo": False, "demo_models": [], "active": []},  # no worker has started in this test
    }
    assert img_src(client.get("/api/health")) == ["'self'", "data:", "blob:", "https://tile.openstreetmap.org"]


def test_configured_http_tile_server_is_served_and_allowed_by_the_csp(api_settings, api_ctx):
    with settings_client(api_settings, api_ctx, map_tile_url=STATION_TILES, map_tile_attribution="Station cache") as c:
        assert c.get("/api/config").json()["map"] == {"tile_url": STATION_TILES, "attribution": "Station cache"}
        # Every response carries it: the app's pages (served by the API in local mode), API answers, errors.
        for path in ("/api/config", "/map", "/api/nope"):
            assert "http://tiles.station.lan:8080" in img_src(c.get(path)), path
        # The other directives are untouched; Swagger UI keeps its own policy.
        csp = c.get("/api/config").headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
        assert "tiles.station.lan" not in c.get("/api/docs").headers["content-security-policy"]


def test_images_come_only_from_this_site_the_tile_server_and_the_media_host(api_settings, api_ctx):
    """No blanket https: in img-src: an injected <img src="https://evil.example/..."> is blocked,
    while signed media links (S3 public endpoint, PUBLIC_API_URL) and the tiles still load."""
    s3 = {"storage_backend": "s3", "s3_endpoint_url": "http://minio:9000", "s3_access_key": "k", "s3_secret_key": "s"}
    with settings_client(api_settings, api_ctx, **s3, s3_public_endpoint_url="https://s3.traps.example.org/") as c:
        sources = img_src(c.get("/gallery"))
    assert sources == ["'self'", "data:", "blob:", "https://tile.openstreetmap.org", "https://s3.traps.example.org"]
    with settings_client(api_settings, api_ctx, **s3, public_api_url="https://api.traps.example.org") as c:
        sources = img_src(c.get("/api/health"))
    # Without a public endpoint the browser is sent to S3_ENDPOINT_URL itself.
    assert sources == ["'self'", "data:", "blob:", "https://tile.openstreetmap.org", "https://api.traps.example.org", "http://minio:9000"]
    assert not any(s in ("https:", "http:", "*") for s in sources)


@pytest.mark.parametrize(
    "url,source",
    [
        ("http://{s}.tiles.lan/{z}/{x}/{y}.png", "http://*.tiles.lan"),  # Leaflet's sub-domain placeholder
        ("http://192.168.1.20:8081/{z}/{x}/{y}.png", "http://192.168.1.20:8081"),
        ("HTTP://Tiles.LAN/{z}/{x}/{y}.png", "http://tiles.lan"),
    ],
)
def test_tile_origin_forms(api_settings, api_ctx, url, source):
    with settings_client(api_settings, api_ctx, map_tile_url=url) as c:
        assert img_src(c.get("/api/health"))[-1] == source


@pytest.mark.parametrize("url", ["", "  ", "/tiles/{z}/{x}/{y}.png"])
def test_no_tiles_or_same_origin_tiles_add_no_origin(api_settings, api_ctx, url):
    with settings_client(api_settings, api_ctx, map_tile_url=url) as c:
        assert c.get("/api/config").json()["map"]["tile_url"] == (url.strip() or None)
        assert img_src(c.get("/api/health")) == ["'self'", "data:", "blob:"]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://tiles.lan/{z}/{x}/{y}.png",
        "//tiles.lan/{z}/{x}/{y}.png",
        "http://tiles.lan;script-src *;/{z}",  # must not be able to add CSP directives
        "http://tiles.lan 'unsafe-inline'/{z}",
        "http://user:pw@tiles.lan/{z}",
        "http://tiles.lan:99999/{z}",
        "http://{z}tiles.lan/{x}",
    ],
)
def test_bad_tile_urls_are_refused_at_startup(url):
    with pytest.raises(ValidationError, match="map_tile_url"):
        Settings(_env_file=None, map_tile_url=url)
