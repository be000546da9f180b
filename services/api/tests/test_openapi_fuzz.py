"""The OpenAPI schema: complete, typed, stable operation ids; and a schemathesis run against it
(as admin, so every operation is reached) that must produce no server error."""

from __future__ import annotations

import re

import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from addax_api.main import create_app
from addax_common.settings import Settings

PUBLIC = {"auth-login", "auth-refresh", "auth-logout", "media-get", "health-check", "health-metrics", "config-get"}
# Device uploads authenticate with an upload key (X-Api-Key), not a bearer token; they still answer 401.
PUBLIC |= {
    "uploads-device_check", "uploads-device_upload", "uploads-device_status", "uploads-device_tus_create",
    "uploads-device_tus_head", "uploads-device_tus_patch", "uploads-device_tus_delete", "uploads-device_tus_get",
}
# Files: media, metrics and the exports (zip, JSON file, CSV, XLSX attachments, typed as binary).
NOT_JSON = {
    "media-get", "health-metrics", "exports-export_camtrap_dp", "exports-export_megadetector", "exports-export_csv",
    "exports-export_xlsx",
    # tus 1.0: creation answers 201 with a Location header and HEAD answers with Upload-Offset, no body.
    "uploads-tus_create", "uploads-tus_head", "uploads-device_tus_create", "uploads-device_tus_head",
}


def test_operations_are_named_typed_and_secured(app):
    schema = app.openapi()
    seen = set()
    for operations in schema["paths"].values():
        for op in operations.values():
            op_id = op["operationId"]
            assert re.fullmatch(r"[a-z]+-[a-z_]+", op_id), op_id
            assert op_id not in seen
            seen.add(op_id)
            assert op.get("summary"), op_id
            success = {code: r for code, r in op["responses"].items() if code.startswith("2")}
            assert success, op_id
            for code, response in success.items():
                if code == "204" or op_id in NOT_JSON:
                    continue
                body_schema = response["content"]["application/json"]["schema"]
                assert body_schema.get("$ref") or body_schema.get("type") in ("array", "object"), (op_id, body_schema)
                assert body_schema != {}, op_id
            secured = any("HTTPBearer" in requirement for requirement in op.get("security", []))
            assert secured == (op_id not in PUBLIC), op_id
            if op_id not in PUBLIC:
                assert op["responses"]["401"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")
    assert {"images-list", "images-get", "images-review", "images-review_bulk", "cameras-list", "stats-summary", "users-delete"} <= seen


@pytest.fixture
def fuzz_admin(users) -> dict[str, str]:
    return users.admin.headers


# The schema is read from the app's code (no database needed to build it); the cases are then sent
# through the test's own TestClient, so they hit a running app on the test database.
schema = schemathesis.openapi.from_dict(create_app(Settings(_env_file=None)).openapi())


def send(client, case, headers: dict[str, str]):
    kwargs = case.as_transport_kwargs(base_url="http://testserver", headers=headers)
    if "data" in kwargs:
        data = kwargs.pop("data")
        kwargs["content" if isinstance(data, (bytes, str)) else "data"] = data
    kwargs.pop("allow_redirects", None)
    return client.request(**kwargs)


@schema.parametrize()
@hypothesis_settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_errors(case, client, fuzz_admin, fuzz_data):
    response = send(client, case, fuzz_admin)
    case.validate_response(response, checks=[not_a_server_error])


@pytest.fixture
def fuzz_data(seed):
    """A little data, so list and detail endpoints run their real queries."""
    camera_id = seed.camera("Fuzz", lat=1.0, lon=2.0)
    return seed.image(camera_id, None, detections=[("animal", 0.9, [("fox", 0.8)])])
