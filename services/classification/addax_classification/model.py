"""Species classification of detection crops with ONNX Runtime.

Crops are resized to S x S (no aspect preservation, as SpeciesNet and DeepFaune
do), optionally normalised with ``mean``/``std`` from the model metadata, run as
one batch, and turned into probabilities with a softmax (unless the model's
``output_format`` says it already outputs ``probabilities``).

Dependencies: numpy, pillow, onnxruntime only.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Sequence

import numpy as np
import onnxruntime as ort
from PIL import Image


class Classifier:
    def __init__(
        self,
        path: str | os.PathLike[str],
        providers: Sequence[str] = ("CPUExecutionProvider",),
        labels: Sequence[str] | None = None,
        input_size: int | None = None,
    ) -> None:
        self.session = ort.InferenceSession(os.fspath(path), providers=list(providers))
        meta = self.session.get_modelmeta().custom_metadata_map
        model_input = self.session.get_inputs()[0]
        self.input_name = model_input.name
        self.input_dtype = np.float16 if model_input.type == "tensor(float16)" else np.float32
        self.input_size = input_size or _input_size(meta, model_input.shape)
        if labels is None:
            if "labels" not in meta:
                raise ValueError(f"{path}: no 'labels' metadata; pass labels=")
            labels = json.loads(meta["labels"])
        self.labels: tuple[str, ...] = tuple(labels)
        self.probabilities_out = meta.get("output_format") == "probabilities"
        self.mean = np.asarray(json.loads(meta.get("mean", "[0, 0, 0]")), np.float32).reshape(3, 1, 1)
        self.std = np.asarray(json.loads(meta.get("std", "[1, 1, 1]")), np.float32).reshape(3, 1, 1)
        batch = model_input.shape[0]
        self.batch_size: int | None = batch if isinstance(batch, int) and batch > 0 else None

    def warmup(self) -> None:
        self.classify([Image.new("RGB", (self.input_size, self.input_size), (128, 128, 128))])

    def classify(
        self,
        crops: Sequence[Image.Image],
        top_k: int = 5,
        allowed: Collection[str] | None = None,
    ) -> list[list[tuple[str, float]]]:
        """Top-k (label, probability) per crop, best first.

        ``allowed`` restricts the answer to those labels (exact match; unknown names
        are ignored) and renormalises over them; if none of them is a model label,
        every crop gets an empty list.
        """
        if not crops:
            return []
        keep = self._allowed_mask(allowed)
        if not keep.any():
            return [[] for _ in crops]
        probs = self._probabilities(self._run(np.stack([self._preprocess(c) for c in crops])), keep)
        k = max(0, min(top_k, int(keep.sum())))
        result = []
        for row in probs:
            best = np.argsort(-row, kind="stable")[:k]
            result.append([(self.labels[i], float(row[i])) for i in best])
        return result

    def _allowed_mask(self, allowed: Collection[str] | None) -> np.ndarray:
        if allowed is None:
            return np.ones(len(self.labels), bool)
        wanted = set(allowed)
        return np.array([label in wanted for label in self.labels], bool)

    def _preprocess(self, crop: Image.Image) -> np.ndarray:
        size = self.input_size
        resized = crop.convert("RGB").resize((size, size), Image.Resampling.BILINEAR)
        chw = np.asarray(resized, dtype=np.float32).transpose(2, 0, 1) / 255.0
        return ((chw - self.mean) / self.std).astype(self.input_dtype, copy=False)

    def _run(self, batch: np.ndarray) -> np.ndarray:
        step = self.batch_size or len(batch)
        chunks = []
        for start in range(0, len(batch), step):
            chunk = batch[start : start + step]
            missing = step - len(chunk)
            if missing:  # fixed-batch model: pad the last chunk
                chunk = np.concatenate([chunk, np.zeros((missing, *chunk.shape[1:]), chunk.dtype)])
            out = self.session.run(None, {self.input_name: chunk})[0]
            chunks.append(np.asarray(out, dtype=np.float64)[: step - missing])
        return np.concatenate(chunks)

    def _probabilities(self, scores: np.ndarray, keep: np.ndarray) -> np.ndarray:
        """Probabilities renormalised over the kept labels; the others get -inf (never ranked)."""
        if self.probabilities_out:
            probs = np.where(keep, scores, 0.0)
            probs = probs / np.maximum(probs.sum(axis=1, keepdims=True), 1e-12)
        else:  # softmax over the kept logits only == renormalised probabilities
            logits = np.where(keep, scores, -np.inf)
            probs = np.exp(logits - logits.max(axis=1, keepdims=True))
            probs /= probs.sum(axis=1, keepdims=True)
        return np.where(keep, probs, -np.inf)


def _input_size(meta: dict[str, str], shape: Sequence[object]) -> int:
    if "input_size" in meta:
        value = json.loads(meta["input_size"])
        return int(value[0] if isinstance(value, list) else value)
    if isinstance(shape[-1], int) and shape[-1] > 0:
        return shape[-1]
    raise ValueError("input size unknown: the model has dynamic H/W and no input_size metadata")
