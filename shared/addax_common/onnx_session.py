"""An ONNX Runtime session with what every model class needs: its metadata, its input layout and a
batched run that also works for exports with a fixed batch dimension (often 1).

Only the inference workers import this module (it needs onnxruntime and numpy)."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence

import numpy as np
import onnxruntime as ort


class OnnxSession:
    def __init__(
        self, path: str | os.PathLike[str], providers: Sequence[str] = ("CPUExecutionProvider",), threads: int = 0
    ) -> None:
        self.path = os.fspath(path)
        options = ort.SessionOptions()
        # 0 leaves ONNX Runtime's default (one thread per core): right for one worker per machine, but
        # N workers on one host should share the cores instead of each spinning on all of them.
        options.intra_op_num_threads = max(0, threads)
        self.session = ort.InferenceSession(self.path, sess_options=options, providers=list(providers))
        # Labels, input size and output layout travel in the model file (see models/README.md).
        self.metadata: dict[str, str] = dict(self.session.get_modelmeta().custom_metadata_map)
        model_input = self.session.get_inputs()[0]
        self.input_name: str = model_input.name
        self.input_shape: Sequence[object] = model_input.shape
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
        raise ValueError(f"{self.path}: input size unknown (dynamic H/W and no input_size metadata)")

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
