"""Every model says where it comes from: the catalog entry and the ONNX metadata agree on name,
version, licence, source and whether it is a demo stand-in; the demo builds hash to the catalog's sha256."""

from __future__ import annotations

import hashlib
from pathlib import Path

import onnx

from addax_models import build_demo, describe
from addax_models.catalog import load_catalog


def test_every_catalog_entry_carries_provenance() -> None:
    for entry in load_catalog().models:
        assert entry.version and entry.license and entry.source.value, entry.name
        assert entry.demo is entry.name.startswith("demo-"), entry.name  # only the stand-ins are demo models
        assert entry.demo or entry.source.kind == "url", entry.name  # a real model names its upstream


def test_demo_builds_match_their_catalog_entries(tmp_path: Path) -> None:
    catalog = load_catalog()
    built = build_demo.build(tmp_path)
    for path in (built.detector, built.classifier):
        meta = {p.key: p.value for p in onnx.load(str(path)).metadata_props}
        entry = catalog.get(meta["name"])
        assert entry.file == path.name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry.sha256, f"update sha256 of {entry.name}"
        assert (meta["version"], meta["license"], meta["demo"]) == (entry.version, entry.license, "true")
        assert meta["source"] == f"{entry.source.kind}: {entry.source.value}"


def test_describe_names_the_demo_models(tmp_path: Path, capsys) -> None:
    built = build_demo.build(tmp_path)
    assert describe.main(["--demo-only", str(built.detector), str(built.classifier)]) == 0
    catalog = load_catalog()
    expected = [f"{n}@{catalog.get(n).version}" for n in ("demo-detector", "demo-classifier")]
    assert capsys.readouterr().out.strip() == ", ".join(expected)
    not_onnx = tmp_path / "weights.onnx"
    not_onnx.write_bytes(b"not a model")
    assert describe.main([str(not_onnx)]) == 1
    assert "cannot read model metadata" in capsys.readouterr().err
