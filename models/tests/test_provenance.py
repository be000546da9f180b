"""Every model says where it comes from: the catalog entry and the ONNX metadata agree on name,
version, licence, source and whether it is a demo stand-in; the demo builds hash to the catalog's sha256."""

from __future__ import annotations

import hashlib
from pathlib import Path

import onnx

from addax_models import build_demo
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
