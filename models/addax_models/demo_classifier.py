"""A real, hand-designed ONNX species classifier: the crop's dominant saturated hue.

    input  ``images`` float32 [N, 3, 224, 224], RGB in 0..1 (a detection crop)
    output ``logits`` float32 [N, K], K = len(palette.SPECIES); softmax gives scores

How (fixed weights):
1. 4x4 average pool (cheap, and averages away JPEG chroma noise).
2. Saturation mask (same as the detector): background in the crop margin weighs ~0.
3. Per pixel unit hue vector in the opponent chroma plane; the mask-weighted mean
   over the crop is the blob's hue (shrunk towards zero when the blob is tiny).  Averaging unit vectors over thousands of
   pixels is what makes the label stable under JPEG artefacts and shading.
4. logits = GAIN * cosine(mean hue, species prototype hue).  Neighbouring species
   are >= 30 degrees apart, so the winner leads by >= GAIN * (1 - cos 30deg) ~ 4.
"""

from __future__ import annotations

import numpy as np
import onnx
from onnx import TensorProto, helper

from .onnx_graph import DEMO_PROVENANCE, GraphBuilder, colour_features, image_input, standard_metadata
from .palette import SPECIES, chroma_direction, swatch

NAME = "demo-classifier"
VERSION = "1.0.1"
DEFAULT_SIZE = 224

POOL = 4
GAIN = 30.0
# Mask mass (fraction of the crop) added to the denominator of the mean hue: a crop
# with no saturated blob then gets a ~zero hue vector -> uniform, unsure scores,
# instead of confidently naming the hue of its faint background tint.
MIN_EVIDENCE = 0.02


def build(size: int = DEFAULT_SIZE) -> onnx.ModelProto:
    if size % POOL:
        raise ValueError(f"input size must be a multiple of {POOL}, got {size}")
    g = GraphBuilder()
    x = g.op("AveragePool", "images", kernel_shape=[POOL, POOL], strides=[POOL, POOL])
    mask, hue = colour_features(g, x)

    spatial = g.ints([2, 3])
    weighted = g.op("ReduceSum", g.op("Mul", hue, mask), spatial, keepdims=0)  # [N, 2]
    evidence = MIN_EVIDENCE * (size // POOL) ** 2
    total = g.op("Add", g.op("ReduceSum", mask, spatial, keepdims=0), g.const(evidence))  # [N, 1]
    mean_hue = g.op("Div", weighted, total)

    prototypes = np.array([chroma_direction(swatch(s).rgb) for s in SPECIES], np.float32).T  # [2, K]
    g.op("MatMul", mean_hue, g.const(prototypes * GAIN), name="logits")

    output = helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", len(SPECIES)])
    meta = standard_metadata(
        name=NAME,
        version=VERSION,
        task="classification",
        labels=SPECIES,
        input_size=size,
        output_format="logits",
        **DEMO_PROVENANCE,
    )
    return g.model(NAME, [image_input("images", size)], [output], meta)
