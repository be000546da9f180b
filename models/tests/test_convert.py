from __future__ import annotations

import sys
from pathlib import Path

import pytest

from addax_models import convert


def test_missing_torch_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # The test venv has torch (install.sh --for-tests); a None entry in sys.modules makes `import torch`
    # fail as on a machine without the [convert] extra.
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(convert.ConvertError, match=r"pip install -e 'models/\[convert\]'"):
        convert.convert(tmp_path / "md_v5a.0.0.pt", tmp_path / "out.onnx", 1280)
    code = convert.main([str(tmp_path / "md_v5a.0.0.pt"), "--out", str(tmp_path / "o.onnx"), "--size", "1280"])
    assert code == 2
    assert "PyTorch is not installed" in capsys.readouterr().err
