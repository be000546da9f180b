"""The production nginx site, served by a real nginx (Debian nginx-light) with a throw-away certificate."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time

import pytest

from addax_common.settings import Settings
from tests.deploy.common import (
    REPO,
    require,
    run,
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory):
    """services/frontend/nginx.conf rendered for example.org on two free loopback ports, running."""
    nginx = require("nginx", "nginx-light")
    openssl = require("openssl", "openssl")
    root = tmp_path_factory.mktemp("nginx")
    certs = root / "certs"
    certs.mkdir()
    made = run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=example.org",
            "-keyout",
            str(certs / "privkey.pem"),
            "-out",
            str(certs / "fullchain.pem"),
        ]
    )
    assert made.returncode == 0, made.stderr
    dist = root / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>AddaxAI Connect</title><div id=root></div>")
    (dist / "assets" / "index-3f2a1b.js").write_text("console.log('addax');\n" * 200)
    http_port, https_port = free_port(), free_port()
    site = (REPO / "services/frontend/nginx.conf").read_text()
    assert "${DOMAIN}" in site
    site = site.replace("${DOMAIN}", "example.org").replace("/etc/nginx/certs", str(certs))
    site = site.replace("${MAP_TILE_ORIGIN}", map_tile_origin("http://{s}.tiles.station.lan:8080/{z}/{x}/{y}.png"))
    site = site.replace("/usr/share/nginx/html", str(dist))
    site = re.sub(r"^\s*listen \[::\]:.*$", "", site, flags=re.M)
    site = site.replace("listen 80 ", f"listen 127.0.0.1:{http_port} ")
    site = site.replace("listen 443 ", f"listen 127.0.0.1:{https_port} ")
    (root / "site.conf").write_text(site)
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "".join(f"{k}_temp_path {root}/{k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (root / "nginx.conf").write_text(
        f"{user}pid {root}/nginx.pid;\nerror_log {root}/error.log;\nevents {{}}\n"
        f"http {{\ninclude /etc/nginx/mime.types;\naccess_log off;\n{temp}include {root}/site.conf;\n}}\n"
    )
    checked = run([nginx, "-t", "-c", str(root / "nginx.conf"), "-p", str(root)])
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(
        [nginx, "-c", str(root / "nginx.conf"), "-p", str(root), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", https_port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield http_port, https_port
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_nginx_redirects_http_and_serves_health(nginx_site):
    import httpx

    http_port, _ = nginx_site
    response = httpx.get(f"http://127.0.0.1:{http_port}/images/1?x=2", headers={"Host": "example.org"})
    assert response.status_code == 301
    assert response.headers["location"] == "https://example.org/images/1?x=2"
    assert httpx.get(f"http://127.0.0.1:{http_port}/nginx-health").text == "ok\n"


def map_tile_origin(url: str | None) -> str:
    """MAP_TILE_ORIGIN as the nginx image's entrypoint sources it (docker/15-map-tile-origin.envsh)."""
    env = {"PATH": os.environ["PATH"]} | ({} if url is None else {"MAP_TILE_URL": url})
    script = REPO / "services/frontend/docker/15-map-tile-origin.envsh"
    done = run(["sh", "-c", f'. "{script}" && printf %s "$MAP_TILE_ORIGIN"'], env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(
    "url,origin",
    [
        (None, "https://tile.openstreetmap.org"),  # MAP_TILE_URL unset: the API's default
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("http://{s}.tiles.lan/{z}/{x}/{y}.png", "http://*.tiles.lan"),
        ("HTTP://Tiles.LAN:8081/{z}/{x}/{y}.png", "http://tiles.lan:8081"),
        ("/tiles/{z}/{x}/{y}.png", ""),  # same origin: 'self' covers it
        ("", ""),
        ("http://tiles.lan;script-src *;/{z}", ""),  # cannot smuggle a directive into the header
        ("javascript:alert(1)", ""),
    ],
)
def test_nginx_map_tile_origin_matches_the_api(url, origin):
    assert map_tile_origin(url) == origin
    if url is not None and origin:
        assert Settings(map_tile_url=url).map_tile_origin == origin


def test_nginx_spa_fallback_headers_and_asset_caching(nginx_site):
    import httpx

    _, https_port = nginx_site
    with httpx.Client(
        base_url=f"https://127.0.0.1:{https_port}", verify=False, headers={"Host": "example.org"}
    ) as client:
        page = client.get("/cameras/12/images")
        assert page.status_code == 200 and "AddaxAI Connect" in page.text
        assert page.headers["strict-transport-security"].startswith("max-age=")
        assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
        img_src = next(d.split()[1:] for d in page.headers["content-security-policy"].split(";") if d.split()[:1] == ["img-src"])
        assert img_src == ["'self'", "data:", "blob:", "https://s3.example.org", "http://*.tiles.station.lan:8080"]
        assert page.headers["x-content-type-options"] == "nosniff"
        assert "no-cache" in page.headers["cache-control"]
        asset = client.get("/assets/index-3f2a1b.js", headers={"Accept-Encoding": "gzip"})
        assert asset.status_code == 200
        assert asset.headers["cache-control"] == "max-age=31536000"
        assert asset.headers["content-encoding"] == "gzip"
        assert asset.headers["strict-transport-security"]  # inherited: no add_header in locations
        assert client.get("/assets/missing-abc.js").status_code == 404


