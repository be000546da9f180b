from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from addax_models import convert

torch_missing = importlib.util.find_spec("torch") is None


@pytest.mark.skipif(not torch_missing, reason="torch is installed: the missing-torch path cannot be exercised")
def test_missing_torch_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(convert.ConvertError, match=r"pip install -e 'models/\[convert\]'"):
        convert.convert(tmp_path / "md_v5a.0.0.pt", tmp_path / "out.onnx", 1280)
    code = convert.main([str(tmp_path / "md_v5a.0.0.pt"), "--out", str(tmp_path / "o.onnx"), "--size", "1280"])
    assert code == 2
    assert "PyTorch is not installed" in capsys.readouterr().err
