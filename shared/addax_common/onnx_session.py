"""An ONNX Runtime session with what every model class needs: its metadata, its input layout and a
batched run that also works for exports with a fixed batch dimension (often 1).

Execution providers (ONNX_PROVIDERS): ``auto`` takes CUDA, then OpenVINO, when this ONNX Runtime build
has them, else the CPU, silently. An explicit list is kept in its order minus the providers this build
lacks, which one warning names; the CPU provider always comes last as the fallback.

A file that is not ONNX or whose input is not [N, 3, H, W] raises ``ModelError`` with one line.

Session options (measured in docs/models.md, "Speed of each layout"): every graph optimisation
(ORT_ENABLE_ALL: on x86 it also rewrites convolutions to the blocked NCHWc layout, 15-25 % faster than
ORT_ENABLE_EXTENDED on YOLO graphs), the memory arena on (arena and pattern planner off: 10-25 %
slower), the pattern planner off (the same speed without it, and 550 MiB less for a large model),
sequential execution on one inter-op thread (a YOLO graph is one chain of convolutions: the
parallelism is inside each one), ``threads`` intra-op threads, and no spin-waiting unless asked
(ONNX_ALLOW_SPINNING): a spinning worker keeps its core busy after every run, away from whatever runs
next (the handler's crops and thumbnails, the other model stage, other jobs on a shared host); at
rest sleeping costs a batch-1 run 0-10 %, at load 7 on 2 cores spinning made runs 1.3-1.5x slower.

Only the inference workers import this module (it needs onnxruntime and numpy)."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence

import numpy as np
import onnxruntime as ort

from addax_common.logging import get_logger
from addax_common.model_check import ModelError

log = get_logger(__name__)
CPU = "CPUExecutionProvider"
AUTO = "auto"
# What ``auto`` prefers, best first, when the installed onnxruntime build has it.
ACCELERATED = ("CUDAExecutionProvider", "OpenVINOExecutionProvider")


def resolve_providers(requested: Sequence[str], available: Sequence[str] | None = None) -> list[str]:
    """The providers to ask ONNX Runtime for: see the module docstring. Warns once when a requested
    provider is missing from this build."""
    have = list(ort.get_available_providers() if available is None else available)
    wanted = [p.strip() for p in requested if p.strip()] or [AUTO]
    if [p.lower() for p in wanted] == [AUTO]:
        chosen = [p for p in ACCELERATED if p in have]
    else:
        chosen = [p for p in wanted if p in have and p != CPU]
        missing = [p for p in wanted if p not in have]
        if missing:
            log.warning("onnx_provider_unavailable", requested=wanted, missing=missing, available=have,
                        using=[*chosen, CPU])
    return [*chosen, CPU]


def session_options(threads: int = 0, spinning: bool = False) -> ort.SessionOptions:
    """The options every model session gets (module docstring)."""
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.inter_op_num_threads = 1
    # 0 leaves ONNX Runtime's default (one thread per core): right for one worker per machine, but
    # N workers on one host should share the cores instead of each spinning on all of them.
    options.intra_op_num_threads = max(0, threads)
    options.add_session_config_entry("session.intra_op.allow_spinning", "1" if spinning else "0")
    # No memory pattern: it plans one block for every intermediate tensor of the first run and keeps it,
    # 550 MiB for a MegaDetector-size network at 1280 (1.72 -> 1.17 GiB idle after warm-up), at the same
    # speed there (4.1 / 4.2 s an image), for YOLOv8s at 640 on 1 thread (270 / 270 ms) and YOLOv8n on 2
    # (50 / 50 ms, three rounds interleaved): docs/models.md, "What the service's session does".
    options.enable_mem_pattern = False
    options.log_severity_level = 4  # fatal only: a refused model is reported by us, in one line
    return options


class OnnxSession:
    def __init__(
        self,
        path: str | os.PathLike[str],
        providers: Sequence[str] = (CPU,),
        threads: int = 0,
        spinning: bool = False,
    ) -> None:
        self.path = os.fspath(path)
        if not os.path.isfile(self.path):
            raise ModelError(f"model file not found: {self.path}")
        self.threads = threads if threads > 0 else (os.cpu_count() or 1)
        self.spinning = spinning
        try:
            self.session = ort.InferenceSession(
                self.path, sess_options=session_options(threads, spinning), providers=resolve_providers(providers)
            )
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises bare RuntimeError subclasses
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ModelError(f"{self.path} is not a loadable ONNX model: {first[:300]}") from None
        self.providers: list[str] = list(self.session.get_providers())
        # Labels, input size and output layout travel in the model file (see models/README.md).
        self.metadata: dict[str, str] = dict(self.session.get_modelmeta().custom_metadata_map)
        model_input = self.session.get_inputs()[0]
        self.input_name: str = model_input.name
        self.input_shape: Sequence[object] = model_input.shape
        if len(self.input_shape) != 4 or self.input_shape[1] not in (3, "3"):
            raise ModelError(
                f"{self.path}: input {self.input_name!r} has shape {list(self.input_shape)} (rank "
                f"{len(self.input_shape)}); expected an image batch [N, 3, H, W]"
            )
        self.input_dtype = np.float16 if model_input.type == "tensor(float16)" else np.float32
        batch = model_input.shape[0]
        # A fixed batch dimension means we run in chunks of it.
        self.batch_size: int | None = batch if isinstance(batch, int) and batch > 0 else None

    def input_size(self) -> int:
        for key in ("input_size", "imgsz"):  # ours, then ultralytics' "[640, 640]"
            if key in self.metadata:
                value = json.loads(self.metadata[key])
                return int(value[0] if isinstance(value, list) else value)
        side = self.input_shape[-1]
        if isinstance(side, int) and side > 0:
            return side
        raise ModelError(f"{self.path}: input size unknown (dynamic H/W and no input_size metadata)")

    def run(self, batch: np.ndarray, dtype: type = np.float32) -> np.ndarray:
        """The first output for the whole batch, in one session.run unless the model's batch is fixed."""
        step = self.batch_size or len(batch)
        chunks: list[np.ndarray] = []
        for start in range(0, len(batch), step):
            chunk = batch[start : start + step]
            missing = step - len(chunk)
            if missing:  # fixed-batch model: pad the last chunk with blank inputs
                chunk = np.concatenate([chunk, np.zeros((missing, *chunk.shape[1:]), chunk.dtype)])
            out = self.session.run(None, {self.input_name: chunk.astype(self.input_dtype, copy=False)})[0]
            chunks.append(np.asarray(out, dtype=dtype)[: step - missing])
        return np.concatenate(chunks)
