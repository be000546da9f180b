"""From worker start to dashboard: each worker announces the model it loaded (provenance from the ONNX
metadata, sha256 of the file), rows store name@version, and GET /api/config says demo models are active."""

from __future__ import annotations

import onnx
from fastapi.testclient import TestClient

from addax_api.main import create_app
from addax_classification.__main__ import build_stage as classification_stage
from addax_common import active_models
from addax_common.context import make_context
from addax_detection.__main__ import build_stage as detection_stage
from addax_models.catalog import load_catalog


def test_workers_announce_demo_models_and_the_api_reports_them(model_settings):
    catalog = load_catalog()
    settings = model_settings.model_copy(update={"jwt_secret": "t" * 40, "media_url_secret": "m" * 40})
    ctx = make_context(settings)
    try:
        detection, classification = detection_stage(ctx), classification_stage(ctx)
        assert detection.handler.model_name == f"demo-detector@{catalog.get('demo-detector').version}"
        assert classification.handler.model_name == f"demo-classifier@{catalog.get('demo-classifier').version}"
        with TestClient(create_app(settings, ctx=ctx)) as client:
            models = client.get("/api/config").json()["models"]
    finally:
        ctx.close()
    assert models["demo"] is True
    assert models["demo_models"] == [detection.handler.model_name, classification.handler.model_name]
    for reported in models["active"]:
        entry = catalog.get(reported["name"])
        assert reported["sha256"] == entry.sha256 and reported["demo"] is True
        assert (reported["version"], reported["license"]) == (entry.version, entry.license)
        assert reported["source"] == "build: addax_models.build_demo"


def test_a_real_model_replaces_the_demo_flag(model_settings, tmp_path):
    """A detector whose metadata says demo=false (what addax_models.convert writes) clears it for its stage."""
    real = tmp_path / "md_v5a.onnx"
    model = onnx.load(str(model_settings.detector_model_path))
    props = {p.key: p.value for p in model.metadata_props} | {
        "name": "megadetector-v5a",
        "version": "5a.0.0",
        "demo": "false",
    }
    onnx.helper.set_model_props(model, props)
    onnx.save(model, str(real))
    settings = model_settings.model_copy(update={"detector_model_path": real})
    ctx = make_context(settings)
    try:
        detection_stage(ctx)
        classification_stage(ctx)
        models = {m.task: m for m in active_models.active(ctx.redis, settings.redis_prefix)}
    finally:
        ctx.close()
    assert models["detection"].ref == "megadetector-v5a@5a.0.0" and models["detection"].demo is False
    assert models["classification"].demo is True  # the classifier is still the stand-in
