from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from addax_common.model_catalog import CatalogError, parse_catalog
from addax_models.catalog import DEFAULT_PATH, load_catalog
from addax_models.palette import DETECTOR_LABELS, SPECIES


def test_repository_catalog_loads_and_has_the_expected_models() -> None:
    catalog = load_catalog()
    names = set(catalog.names())
    assert {
        "megadetector-v5a",
        "megadetector-v5b",
        "megadetector-v1000-redwood",
        "speciesnet-v4.0.3a",
        "deepfaune-v1.3",
        "demo-detector",
        "demo-classifier",
    } <= names
    v5a = catalog.get("megadetector-v5a")
    assert (v5a.task, v5a.format, v5a.file, v5a.input_size) == ("detection", "pt", "md_v5a.0.0.pt", 1280)
    assert v5a.source.kind == "url" and v5a.source.value.startswith("https://github.com/agentmorris/MegaDetector/")
    assert v5a.labels == DETECTOR_LABELS


def test_demo_entries_match_what_the_builder_makes() -> None:
    catalog = load_catalog()
    detector, classifier = catalog.get("demo-detector"), catalog.get("demo-classifier")
    assert detector.source.kind == classifier.source.kind == "build"
    assert detector.labels == DETECTOR_LABELS and detector.file == "demo-detector.onnx"
    assert classifier.labels == SPECIES and classifier.file == "demo-classifier.onnx"


def test_unknown_name_is_a_clear_error() -> None:
    with pytest.raises(CatalogError, match="unknown model 'nope'"):
        load_catalog().get("nope")


def _raw() -> dict:
    return yaml.safe_load(Path(DEFAULT_PATH).read_text())


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda m: m.update(sha256="abc"), "sha256"),
        (lambda m: m.update(task="segmentation"), "task"),
        (lambda m: m.pop("license"), "missing keys"),
        (lambda m: m.update(colour="red"), "unknown keys"),
        (lambda m: m.update(source={"url": "https://x", "bucket": "k"}), "exactly one"),
        (lambda m: m.update(source={"url": "ftp://x"}), "http"),
        (lambda m: m.update(file="../etc/passwd"), "bare file name"),
        (lambda m: m.update(input_size=-1), "input_size"),
        (lambda m: m.update(labels=None), "must list their labels"),
        (lambda m: m.update(labels=["a", "a"]), "duplicates"),
        (lambda m: m.pop("demo"), "missing keys"),
        (lambda m: m.update(demo="no"), "demo must be true or false"),
        (lambda m: m.update(version=1.3), "quote numbers"),
    ],
)
def test_validation_rejects_bad_entries(mutate, message: str) -> None:
    raw = _raw()
    entry = copy.deepcopy(next(m for m in raw["models"] if m["name"] == "megadetector-v5a"))
    mutate(entry)
    raw["models"] = [entry]
    with pytest.raises(CatalogError, match=message):
        parse_catalog(raw)


def test_duplicate_names_rejected() -> None:
    raw = _raw()
    raw["models"].append(copy.deepcopy(raw["models"][0]))
    with pytest.raises(CatalogError, match="duplicate"):
        parse_catalog(raw)


def test_catalog_path_can_be_overridden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "catalog.yaml"
    other.write_text(yaml.safe_dump({"version": 1, "models": [_raw()["models"][-1]]}))
    monkeypatch.setenv("ADDAX_MODELS_CATALOG", str(other))
    assert load_catalog().names() == ["demo-classifier"]
