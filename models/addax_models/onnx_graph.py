"""A very small helper over ``onnx.helper`` so the hand-built graphs read like code."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17  # ReduceMax/ReduceMin still take `axes` as an attribute at 17.
IR_VERSION = 8  # readable by every onnxruntime >= 1.13

# Both demo models "see" colour the same way: a pixel is part of an object when its saturation
# (max - min of R, G, B) is above SAT_THRESHOLD; its hue is a unit vector in the opponent chroma
# plane of palette.chroma_direction.
SAT_THRESHOLD = 0.40  # saturation (0..1) where the mask is 0.5
SAT_GAIN = 25.0  # steepness of the mask's sigmoid


class GraphBuilder:
    def __init__(self) -> None:
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []
        self._count = 0

    def _name(self, hint: str) -> str:
        self._count += 1
        return f"{hint}_{self._count}"

    def const(self, value: Any, dtype: type = np.float32, name: str = "c") -> str:
        arr: np.ndarray = np.asarray(value, dtype=dtype)
        out = self._name(name)
        self.initializers.append(numpy_helper.from_array(arr, out))
        return out

    def ints(self, values: Sequence[int]) -> str:
        return self.const(list(values), np.int64, "i")

    def op(self, op_type: str, *inputs: str, name: str | None = None, **attrs: Any) -> str:
        out = name or self._name(op_type.lower())
        self.nodes.append(helper.make_node(op_type, list(inputs), [out], **attrs))
        return out

    def ops(self, op_type: str, inputs: Sequence[str], n_out: int, **attrs: Any) -> list[str]:
        outs = [self._name(op_type.lower()) for _ in range(n_out)]
        self.nodes.append(helper.make_node(op_type, list(inputs), outs, **attrs))
        return outs

    def model(
        self,
        name: str,
        inputs: Sequence[onnx.ValueInfoProto],
        outputs: Sequence[onnx.ValueInfoProto],
        metadata: Mapping[str, str],
    ) -> onnx.ModelProto:
        graph = helper.make_graph(self.nodes, name, list(inputs), list(outputs), self.initializers)
        model = helper.make_model(
            graph,
            opset_imports=[helper.make_opsetid("", OPSET)],
            producer_name="addax_models",
            ir_version=IR_VERSION,
        )
        set_metadata(model, metadata)
        onnx.checker.check_model(model, full_check=True)
        return model


def image_input(name: str, size: int) -> onnx.ValueInfoProto:
    """float32 [N, 3, size, size] with a dynamic batch dimension."""
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", 3, size, size])


def set_metadata(model: onnx.ModelProto, metadata: Mapping[str, str]) -> None:
    """Merge ``metadata`` into metadata_props (what services read: labels, input_size, ...)."""
    props = {p.key: p.value for p in model.metadata_props}
    props.update(metadata)
    helper.set_model_props(model, props)


def standard_metadata(
    *,
    name: str,
    version: str,
    task: str,
    labels: Sequence[str],
    input_size: int,
    output_format: str,
    license: str,
    source: str,
    demo: bool,
) -> dict[str, str]:
    """The metadata keys every AddaxAI Connect ONNX model carries.

    ``license``, ``source`` and ``demo`` are its provenance: the services report them (GET /api/config)
    so a stand-in model can never pass for a real one.  The file's own sha256 cannot live inside it;
    the catalog and the services' start-up hash carry that."""
    return {
        "name": name,
        "version": version,
        "task": task,
        "labels": json.dumps(list(labels)),
        "input_size": str(input_size),
        "output_format": output_format,
        "license": license,
        "source": source,
        "demo": "true" if demo else "false",
    }


DEMO_PROVENANCE: dict[str, Any] = {"license": "MIT", "source": "build: addax_models.build_demo", "demo": True}


def colour_features(g: GraphBuilder, pixels: str) -> tuple[str, str]:
    """(mask [N,1,H,W], unit hue [N,2,H,W]) of an RGB tensor in 0..1."""
    sat = g.op("Sub", g.op("ReduceMax", pixels, axes=[1]), g.op("ReduceMin", pixels, axes=[1]))
    mask = g.op("Sigmoid", g.op("Mul", g.op("Sub", sat, g.const(SAT_THRESHOLD)), g.const(SAT_GAIN)))
    uv_weights = np.array([[1.0, -0.5, -0.5], [0.0, math.sqrt(3) / 2, -math.sqrt(3) / 2]], np.float32)
    uv = g.op("Conv", pixels, g.const(uv_weights.reshape(2, 3, 1, 1)))
    norm = g.op("Sqrt", g.op("Add", g.op("ReduceSum", g.op("Mul", uv, uv), g.ints([1])), g.const(1e-6)))
    return mask, g.op("Div", uv, norm)
