"""The one catalog loader (addax_common.model_catalog) as the workers' start-up check uses it: a catalog
that does not load refuses the model in one line naming the entry and field; the hash comparison follows
the typed entry (file hash for onnx, the recorded checkpoint hash for pt)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from addax_common.model_catalog import CatalogError, load_catalog
from addax_common.model_check import ModelError, check_catalog

FILE_SHA, CHECKPOINT_SHA = "a" * 64, "b" * 64


def _entry(name: str, file: str, fmt: str, sha256: str | None) -> dict[str, object]:
    return {
        "name": name, "version": "1.0", "demo": False, "task": "detection", "format": fmt, "file": file,
        "sha256": sha256, "input_size": 640, "labels": ["animal", "person", "vehicle"], "license": "MIT",
        "source": {"url": f"https://example.org/{file}"},
    }  # fmt: skip


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    path = tmp_path / "catalog.yaml"
    models = [_entry("onnx-model", "det.onnx", "onnx", FILE_SHA), _entry("pt-model", "det.pt", "pt", CHECKPOINT_SHA),
              _entry("unhashed", "new.onnx", "onnx", None)]  # fmt: skip
    path.write_text(yaml.safe_dump({"version": 1, "models": models}))
    return path


def test_the_entry_decides_which_hash_is_compared(catalog: Path) -> None:
    assert check_catalog(catalog, Path("/m/det.onnx"), FILE_SHA, {}) == "onnx-model: sha256 matches"
    converted = {"name": "pt-model", "source_sha256": CHECKPOINT_SHA}
    assert check_catalog(catalog, Path("/m/det_v1.onnx"), FILE_SHA, converted) == "pt-model: sha256 matches"
    with pytest.raises(ModelError, match=r"det_v1.onnx \(the checkpoint it was converted from\) has d+, catalog entry"):
        check_catalog(catalog, Path("/m/det_v1.onnx"), FILE_SHA, {"name": "pt-model", "source_sha256": "d" * 64})
    skipped = check_catalog(catalog, Path("/m/det_v1.onnx"), FILE_SHA, {"name": "pt-model"})
    assert skipped == "pt-model: skipped, the model does not record its checkpoint's sha256"
    with pytest.raises(ModelError, match="sha256 mismatch: det.onnx \\(the file\\) has c+, catalog entry onnx-model"):
        check_catalog(catalog, Path("/m/det.onnx"), "c" * 64, {})
    assert check_catalog(catalog, Path("/m/new.onnx"), FILE_SHA, {}) == "unhashed: catalog has no sha256 yet"
    assert check_catalog(catalog, Path("/m/other.onnx"), FILE_SHA, {}) == "skipped: not in the catalog"
    assert check_catalog(catalog.parent / "none.yaml", Path("/m/det.onnx"), FILE_SHA, {}) == "skipped: no catalog file"


def test_a_catalog_the_schema_refuses_refuses_the_model_naming_entry_and_field(catalog: Path) -> None:
    raw = yaml.safe_load(catalog.read_text())
    raw["models"][1]["sha256"] = "not-a-hash"
    catalog.write_text(yaml.safe_dump(raw))
    with pytest.raises(ModelError) as refused:
        check_catalog(catalog, Path("/m/det.onnx"), FILE_SHA, {})
    assert str(refused.value) == (
        f"catalog {catalog}: models[1] (pt-model): sha256 must be 64 lower-case hex characters or null"
    )


def test_broken_yaml_is_one_line_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text("version: 1\nmodels:\n  - name: x\n   file: [unclosed\n")
    with pytest.raises(CatalogError) as error:
        load_catalog(path)
    message = str(error.value)
    assert message.startswith(f"catalog {path} cannot be read: ") and "(line 4, column " in message
    assert "\n" not in message
