"""Small ONNX classifiers with SpeciesNet-style or DeepFaune-style labels, for tests of the taxonomy,
roll-up and geofence code of the classification service.

The output does not depend on the crop: logits = log(probabilities) (plus 0 x the crop's mean colour,
so the input is really read), which makes the expected roll-up sums exact. Metadata as every model
of ours (models/README.md), ``demo: true``, plus the optional ``geofence`` range map
(JSON: taxon name -> ISO 3166-1 alpha-3 countries).

    labels = ["b1...;mammalia;carnivora;canidae;vulpes;vulpes;red fox", ...]   # SpeciesNet
    labels = ["red deer", "roe deer", "wild boar"]                              # DeepFaune
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import numpy as np
import onnx
from onnx import TensorProto, helper

from .onnx_graph import GraphBuilder, image_input, standard_metadata


def build(
    labels: Sequence[str],
    probabilities: Sequence[float],
    size: int = 32,
    geofence: Mapping[str, Sequence[str]] | None = None,
    name: str = "taxon-test-classifier",
) -> onnx.ModelProto:
    if len(labels) != len(probabilities):
        raise ValueError("one probability per label")
    probs = np.asarray(probabilities, np.float64)
    if np.any(probs <= 0) or abs(probs.sum() - 1) > 1e-9:
        raise ValueError("probabilities must be positive and sum to 1")
    g = GraphBuilder()
    mean = g.op("Flatten", g.op("GlobalAveragePool", "images"))  # [N, 3]
    logits = g.op("Add", g.op("MatMul", mean, g.const(np.zeros((3, len(labels)), np.float32))),
                  g.const(np.log(probs).astype(np.float32)), name="logits")
    meta = standard_metadata(
        name=name, version="1", task="classification", labels=labels, input_size=size, output_format="logits",
        license="MIT", source="build: addax_models.taxon_classifier", demo=True,
    )
    if geofence:
        meta["geofence"] = json.dumps({k: list(v) for k, v in geofence.items()})
    output = helper.make_tensor_value_info(logits, TensorProto.FLOAT, ["batch", len(labels)])
    return g.model(name, [image_input("images", size)], [output], meta)
