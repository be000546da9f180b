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
from PIL import Image

from addax_classification.taxonomy import Geofence, Prediction, Taxon, parse_labels, parse_ranges, rollup
from addax_common.model_check import ModelError
from addax_common.onnx_session import OnnxSession


class Classifier:
    def __init__(
        self,
        path: str | os.PathLike[str],
        providers: Sequence[str] = ("CPUExecutionProvider",),
        threads: int = 0,
        labels: Sequence[str] | None = None,
        input_size: int | None = None,
        spinning: bool = False,
    ) -> None:
        self.onnx = OnnxSession(path, providers, threads, spinning)
        meta = self.onnx.metadata
        self.input_dtype = self.onnx.input_dtype
        self.input_size = input_size or self.onnx.input_size()
        if labels is None:
            if "labels" not in meta:
                raise ModelError(f"{path}: no 'labels' metadata; pass labels=")
            labels = json.loads(meta["labels"])
        self.labels: tuple[str, ...] = tuple(labels)
        # SpeciesNet-style "uuid;class;order;family;genus;species;common name" or plain names (taxonomy.py).
        self.taxa: tuple[Taxon, ...] = parse_labels(self.labels)
        try:
            self.ranges = parse_ranges(meta.get("geofence"))
        except (ValueError, AttributeError, TypeError) as exc:
            raise ModelError(f"{path}: 'geofence' metadata is not a JSON map of taxon -> countries ({exc})") from None
        self.output_format = "probabilities" if meta.get("output_format") == "probabilities" else "logits"
        self.probabilities_out = self.output_format == "probabilities"
        self.mean = np.asarray(json.loads(meta.get("mean", "[0, 0, 0]")), np.float32).reshape(3, 1, 1)
        self.std = np.asarray(json.loads(meta.get("std", "[1, 1, 1]")), np.float32).reshape(3, 1, 1)
        self.batch_size = self.onnx.batch_size

    def warmup(self) -> None:
        """One blank crop through the model; checks that it outputs one score per label (``ModelError``)."""
        blank = Image.new("RGB", (self.input_size, self.input_size), (128, 128, 128))
        try:
            shape = self.onnx.run(self._preprocess(blank)[None]).shape
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises bare RuntimeError subclasses
            raise ModelError(f"{self.onnx.path}: inference on a blank crop fails: {str(exc).splitlines()[0][:300]}") from None
        if len(shape) != 2:
            raise ModelError(f"{self.onnx.path}: output shape {list(shape)} is not [N, classes]")
        if shape[1] != len(self.labels):
            raise ModelError(f"labels do not match the class count: the model outputs {shape[1]} classes, "
                             f"the labels list {len(self.labels)}")
        self.classify([blank])

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
        probs = self._probabilities(self.onnx.run(np.stack([self._preprocess(c) for c in crops]), np.float64), keep)
        k = max(0, min(top_k, int(keep.sum())))
        result = []
        for row in probs:
            best = np.argsort(-row, kind="stable")[:k]
            result.append([(self.labels[i], float(row[i])) for i in best])
        return result

    def predict(
        self,
        crops: Sequence[Image.Image],
        top_k: int = 5,
        geofence: Geofence | None = None,
        rollup_threshold: float | None = None,
    ) -> list[list[Prediction]]:
        """Top-k predictions per crop, best first, with the rank each was made at and its taxonomy.

        The geofence removes impossible labels before anything is ranked (the rest renormalised);
        with ``rollup_threshold``, a best label below it is replaced by the first genus / family /
        order / class whose summed probability reaches it (then the other k - 1 labels follow)."""
        if not crops:
            return []
        keep = geofence.mask(self.taxa, self.ranges) if geofence else np.ones(len(self.taxa), bool)
        if not keep.any():
            return [[] for _ in crops]
        probs = self._probabilities(self.onnx.run(np.stack([self._preprocess(c) for c in crops]), np.float64), keep)
        k = max(0, min(top_k, int(keep.sum())))
        result = []
        for row in probs:
            best = np.argsort(-row, kind="stable")[:k]
            ranked = [Prediction(self.taxa[i].name, float(row[i]), self.taxa[i].rank, self.taxa[i].taxonomy())
                      for i in best]
            rolled = rollup(np.where(keep, row, 0.0), self.taxa, rollup_threshold) if rollup_threshold else None
            result.append([rolled, *ranked[: k - 1]] if rolled else ranked)
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
