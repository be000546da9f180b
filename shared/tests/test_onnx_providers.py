"""ONNX_PROVIDERS and the session sizes (issue 11, item 7): CUDA or OpenVINO when the installed
onnxruntime has them, the CPU otherwise with one warning for what was asked and is missing; threads
and worker processes sized to the machine by default."""

from __future__ import annotations

import pytest
from structlog.testing import capture_logs

from addax_common.model_check import ModelError
from addax_common.onnx_session import OnnxSession, resolve_providers
from addax_common.settings import Settings

CPU = "CPUExecutionProvider"
CUDA = "CUDAExecutionProvider"
OPENVINO = "OpenVINOExecutionProvider"


@pytest.mark.parametrize(
    ("available", "expected"),
    [
        ([CPU], [CPU]),
        ([CUDA, CPU], [CUDA, CPU]),
        ([OPENVINO, CPU], [OPENVINO, CPU]),
        ([OPENVINO, CUDA, CPU], [CUDA, OPENVINO, CPU]),  # CUDA first, whatever order the build lists
    ],
)
def test_auto_takes_the_accelerators_present_silently(available, expected):
    with capture_logs() as logs:
        assert resolve_providers(["auto"], available) == expected
        assert resolve_providers([], available) == expected
    assert logs == []


def test_explicit_list_falls_back_to_cpu_with_one_warning():
    with capture_logs() as logs:
        chosen = resolve_providers([CUDA, OPENVINO, CPU], [CPU])
    assert chosen == [CPU]
    warnings = [e for e in logs if e["log_level"] == "warning"]
    assert len(warnings) == 1 and warnings[0]["event"] == "onnx_provider_unavailable"
    assert warnings[0]["missing"] == [CUDA, OPENVINO] and warnings[0]["using"] == [CPU]
    with capture_logs() as logs:
        assert resolve_providers([OPENVINO], [OPENVINO, CPU]) == [OPENVINO, CPU]  # CPU always the last resort
    assert logs == []


def test_session_reports_the_provider_in_use(demo_models):
    session = OnnxSession(demo_models["detector"], ["auto"], threads=1)
    assert session.providers[-1] == CPU and session.threads == 1


def test_spinning_follows_the_setting(demo_models, monkeypatch):
    """ONNX_ALLOW_SPINNING: off unless set; the option reaches the session."""
    monkeypatch.setenv("ONNX_ALLOW_SPINNING", "true")
    assert Settings(_env_file=None).onnx_allow_spinning is True
    for spinning, entry in ((False, "0"), (True, "1")):
        options = OnnxSession(demo_models["detector"], threads=1, spinning=spinning).session.get_session_options()
        assert options.get_session_config_entry("session.intra_op.allow_spinning") == entry
        # The arena stays (off with the planner was 10-25 % slower); the planner goes (550 MiB of a
        # MegaDetector-size network at the same speed: docs/models.md).
        assert options.enable_cpu_mem_arena and not options.enable_mem_pattern


def test_not_onnx_is_one_line(tmp_path):
    bad = tmp_path / "x.onnx"
    bad.write_text("not a model")
    with pytest.raises(ModelError, match="is not a loadable ONNX model") as info:
        OnnxSession(bad)
    assert "\n" not in str(info.value)


def test_default_sizes_follow_the_machine(monkeypatch):
    for name in ("DETECTION_WORKERS", "CLASSIFICATION_WORKERS", "ONNX_INTRA_OP_THREADS", "ONNX_PROVIDERS",
                 "ONNX_ALLOW_SPINNING"):
        monkeypatch.delenv(name, raising=False)
    default = Settings(_env_file=None)
    assert default.onnx_providers == ["auto"]
    assert default.onnx_allow_spinning is False
    assert (default.worker_processes("detection", cores=16), default.intra_op_threads("detection", cores=16)) == (2, 8)
    assert (default.worker_processes("detection", cores=1), default.intra_op_threads("detection", cores=1)) == (1, 1)
    one = Settings(_env_file=None, detection_workers=1)  # the worker image: one process per container
    assert one.intra_op_threads("detection", cores=16) == 16
    four = Settings(_env_file=None, detection_workers=4)  # processes set: threads share the cores
    assert four.intra_op_threads("detection", cores=16) == 4
    assert four.intra_op_threads("detection", cores=2) == 1  # never zero
    fixed = Settings(_env_file=None, onnx_intra_op_threads=3)
    assert (fixed.intra_op_threads("classification", cores=16), fixed.worker_processes("classification", cores=16)) == (3, 5)


def test_a_large_model_runs_in_one_process_with_every_core(monkeypatch, tmp_path):
    """Two processes of a MegaDetector-size network hold two copies of it (docs/performance.md, "Memory")."""
    from addax_common.settings import LARGE_MODEL_BYTES

    for name in ("DETECTION_WORKERS", "CLASSIFICATION_WORKERS", "ONNX_INTRA_OP_THREADS"):
        monkeypatch.delenv(name, raising=False)
    large, small = tmp_path / "large.onnx", tmp_path / "small.onnx"
    with open(large, "wb") as fh:
        fh.truncate(LARGE_MODEL_BYTES + 1)  # sparse: no disk used
    small.write_bytes(b"\0" * 1024)
    settings = Settings(_env_file=None, detector_model_path=large, classifier_model_path=small)
    assert (settings.worker_processes("detection", cores=2), settings.intra_op_threads("detection", cores=2)) == (1, 2)
    assert (settings.worker_processes("classification", cores=2), settings.intra_op_threads("classification", cores=2)) == (2, 1)
    at_limit = tmp_path / "at-limit.onnx"
    with open(at_limit, "wb") as fh:
        fh.truncate(LARGE_MODEL_BYTES)
    assert Settings(_env_file=None, detector_model_path=at_limit).worker_processes("detection", cores=2) == 2
    # Said explicitly, the number of processes is kept whatever the model's size.
    assert Settings(_env_file=None, detector_model_path=large, detection_workers=2).worker_processes("detection", cores=2) == 2
