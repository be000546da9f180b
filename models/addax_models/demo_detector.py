"""A real, hand-designed ONNX object detector for strongly coloured blobs.

It has the exact interface of a YOLOv5 export (what MegaDetector v5 ships), so the
detection service runs it with the same code as a real model:

    input  ``images``  float32 [N, 3, S, S], RGB in 0..1, letterboxed (grey 114 pad)
    output ``output0`` float32 [N, A, 8]: cx, cy, w, h (input pixels), objectness,
                                          scores for animal, person, vehicle

How it "sees" (all fixed weights, no training):
1. 4x4 average pool, then saturation = max(R,G,B) - min(R,G,B) and a steep
   sigmoid -> object mask.  Greens/browns/greys of a natural scene, sensor noise
   and the grey letterbox stay well under the threshold; palette colours do not.
2. Per pixel, the unit hue vector in the opponent chroma plane (see palette.py).
3. Seven maps (mask, mask*x, mask*y, mask*x^2, mask*y^2, mask*hue_u, mask*hue_v)
   are sum-pooled to each level's cell size (stride / 2) and go through a float64
   integral image per level, so every window sum costs four Slices, whatever the
   window size, and the integral images stay small enough for cache-friendly batches.
4. Anchors (3-4 sizes x 3 aspect ratios per level at strides 8/16/32, like YOLOv5's
   P3/P4/P5; bigger windows on the coarser grids) score
       mean(mask inside) - RING_WEIGHT * mean(mask in a surrounding ring)
   which peaks when the window hugs one blob.  Objectness also asks that the mask
   fills the predicted box (so a window spanning two separate blobs scores low).
5. The box is *regressed*, not the anchor: centre = mask centroid in the window
   plus ring, size = BOX_SIGMAS * standard deviation (exact for a filled ellipse).
6. Class = mean hue of the blob: near magenta -> person, near cyan -> vehicle,
   anything else -> animal (palette.PALETTE).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import onnx
from onnx import TensorProto, helper

from .onnx_graph import DEMO_PROVENANCE, GraphBuilder, colour_features, image_input, standard_metadata
from .palette import DETECTOR_LABELS, chroma_direction, swatch

NAME = "demo-detector"
VERSION = "1.1.0"
DEFAULT_SIZE = 640

CELL = 4  # px per mask cell after the first average pool
RING = 0.25  # ring width on each side, as a fraction of the inner window
RING_WEIGHT = 3.0
# The two shape gates, tuned so natural photos stay quiet (models/tests/test_natural_photos.py; measured
# on the demo scenes: every painted blob has window score >= 0.42 and fill >= 0.62, while the best
# natural regions of scikit-image's photos reach score 0.34 at fill 0.64, or fill 0.50 at score 0.35).
# Steep gains put both thresholds between those populations: natural photos peak near 0.05, blobs >= 0.75.
OBJ_CENTER = 0.39  # window score giving objectness 0.5
OBJ_GAIN = 60.0
FILL_CENTER = 0.565  # mask mass / box area giving 0.5 (filled ellipse: pi/4)
FILL_GAIN = 60.0
BOX_SIGMAS = 4.0  # filled ellipse: full width = 4 standard deviations
CLASS_COS = 0.9  # cos(hue angle) to person/vehicle colour above which they win
CLASS_GAIN = 40.0

# (stride px, base sizes px): sizes grow by sqrt(2); aspect = width / height.
LEVELS: tuple[tuple[int, tuple[int, ...]], ...] = (
    (8, (24, 34, 48)),
    (16, (68, 96, 136)),
    (32, (192, 272, 384, 544)),
)
ASPECTS: tuple[float, ...] = (2.0, 1.0, 0.5)


STRIDE = 2  # anchor grid step, in the level's own cells (level cell = stride px / 2)


@dataclass(frozen=True)
class _Window:
    """One anchor shape, in units of its level's cells."""

    w: int  # inner window
    h: int
    mw: int  # ring width
    mh: int


@dataclass(frozen=True)
class _Level:
    factor: int  # level cell = factor x CELL px
    cells: int  # level map side
    windows: tuple[_Window, ...]

    @property
    def grid(self) -> int:
        return self.cells // STRIDE

    @property
    def padding(self) -> int:
        """Zero margin (cells) so every outer window stays inside the integral image."""
        pad = 0
        last = STRIDE * (self.grid - 1) + STRIDE // 2
        for win in self.windows:
            for extent, ring in ((win.w, win.mw), (win.h, win.mh)):
                start = STRIDE // 2 - extent // 2 - ring
                end = last - extent // 2 + extent + ring
                pad = max(pad, -start, end - self.cells)
        return pad + 1


def _levels(size: int) -> list[_Level]:
    out = []
    for stride_px, sizes in LEVELS:
        factor = stride_px // (STRIDE * CELL)
        cell_px = CELL * factor
        cells = size // cell_px
        windows = []
        for base in sizes:
            for aspect in ASPECTS:
                w = max(2, round(base * math.sqrt(aspect) / cell_px))
                h = max(2, round(base / math.sqrt(aspect) / cell_px))
                if w <= cells and h <= cells:
                    windows.append(_Window(w, h, max(1, round(RING * w)), max(1, round(RING * h))))
        out.append(_Level(factor, cells, tuple(windows)))
    return out


def build(size: int = DEFAULT_SIZE) -> onnx.ModelProto:
    if size % 32:
        raise ValueError(f"input size must be a multiple of 32, got {size}")
    cells = size // CELL
    g = GraphBuilder()

    # 1-2. Downsample, saturation mask, unit hue vectors.
    x = g.op("AveragePool", "images", kernel_shape=[CELL, CELL], strides=[CELL, CELL])
    mask, hue = colour_features(g, x)

    # 3. Seven moment maps (sums are in units of base cells at every level).
    centres = (np.arange(cells, dtype=np.float32) + 0.5) * CELL / size  # normalised 0..1
    xs = g.const(centres.reshape(1, 1, 1, cells))
    ys = g.const(centres.reshape(1, 1, cells, 1))
    mx, my = g.op("Mul", mask, xs), g.op("Mul", mask, ys)
    maps = g.op(
        "Concat",
        mask,
        mx,
        my,
        g.op("Mul", mx, xs),
        g.op("Mul", my, ys),
        g.op("Mul", mask, hue),
        axis=1,
    )

    # 4. Window sums for every anchor, concatenated in YOLOv5 order (level, anchor, gy, gx).
    outer_sums: list[str] = []
    inner_sums: list[str] = []
    inv_inner: list[np.ndarray] = []
    inv_ring: list[np.ndarray] = []
    flat = g.ints([0, 0, -1])
    for level in _levels(size):
        integral = _integral(g, maps, level)
        pad = level.padding
        anchors = level.grid**2
        for win in level.windows:
            centre = STRIDE // 2 + pad  # integral-image index of the first centre
            top, left = centre - win.h // 2, centre - win.w // 2
            inner = _box_sum(g, integral, top, top + win.h, left, left + win.w, level, channel0=True)
            outer = _box_sum(
                g, integral, top - win.mh, top + win.h + win.mh, left - win.mw, left + win.w + win.mw, level
            )
            inner_sums.append(g.op("Reshape", inner, flat))
            outer_sums.append(g.op("Reshape", outer, flat))
            area = win.w * win.h * level.factor**2  # in base cells, like the sums
            ring_area = (win.w + 2 * win.mw) * (win.h + 2 * win.mh) * level.factor**2 - area
            inv_inner.append(np.full(anchors, 1.0 / area, np.float32))
            inv_ring.append(np.full(anchors, 1.0 / ring_area, np.float32))
    s_in = g.op("Concat", *inner_sums, axis=2)  # [N, 1, A]
    s_out = g.op("Concat", *outer_sums, axis=2)  # [N, 7, A]
    m0, m1x, m1y, m2x, m2y, hu, hv = g.ops("Split", [s_out], 7, axis=1)

    # Window score -> objectness.
    fill_in = g.op("Mul", s_in, g.const(np.concatenate(inv_inner).reshape(1, 1, -1)))
    fill_ring = g.op("Mul", g.op("Sub", m0, s_in), g.const(np.concatenate(inv_ring).reshape(1, 1, -1)))
    score = g.op("Sub", fill_in, g.op("Mul", fill_ring, g.const(RING_WEIGHT)))

    # 5. Box from the mask moments of the outer window.
    mass = g.op("Add", m0, g.const(1e-3))
    cx = g.op("Div", m1x, mass)
    cy = g.op("Div", m1y, mass)
    var_x = g.op("Relu", g.op("Sub", g.op("Div", m2x, mass), g.op("Mul", cx, cx)))
    var_y = g.op("Relu", g.op("Sub", g.op("Div", m2y, mass), g.op("Mul", cy, cy)))
    bw = g.op("Mul", g.op("Sqrt", var_x), g.const(BOX_SIGMAS))  # normalised 0..1
    bh = g.op("Mul", g.op("Sqrt", var_y), g.const(BOX_SIGMAS))
    box_cells = g.op("Add", g.op("Mul", g.op("Mul", bw, bh), g.const(float(cells * cells))), g.const(1e-3))
    fill = g.op("Div", m0, box_cells)
    objectness = g.op(
        "Mul",
        _sigmoid(g, score, OBJ_CENTER, OBJ_GAIN),
        _sigmoid(g, fill, FILL_CENTER, FILL_GAIN),
    )

    # 6. Category from the blob's mean hue.
    hn = g.op(
        "Add",
        g.op("Sqrt", g.op("Add", g.op("Mul", hu, hu), g.op("Mul", hv, hv))),
        g.const(1e-6),
    )
    cos_person = _cosine(g, hu, hv, hn, swatch("person").rgb)
    cos_vehicle = _cosine(g, hu, hv, hn, swatch("vehicle").rgb)
    person = _sigmoid(g, cos_person, CLASS_COS, CLASS_GAIN)
    vehicle = _sigmoid(g, cos_vehicle, CLASS_COS, CLASS_GAIN)
    animal = _sigmoid(g, g.op("Max", cos_person, cos_vehicle), CLASS_COS, -CLASS_GAIN)

    scale = g.const(float(size))
    rows = [g.op("Mul", v, scale) for v in (cx, cy, bw, bh)] + [objectness, animal, person, vehicle]
    stacked = g.op("Concat", *rows, axis=1)  # [N, 8, A]
    g.op("Transpose", stacked, perm=[0, 2, 1], name="output0")

    anchors = sum(len(level.windows) * level.grid**2 for level in _levels(size))
    output = helper.make_tensor_value_info("output0", TensorProto.FLOAT, ["batch", anchors, 8])
    meta = standard_metadata(
        name=NAME,
        version=VERSION,
        task="detection",
        labels=DETECTOR_LABELS,
        input_size=size,
        output_format="yolov5",
        **DEMO_PROVENANCE,
    )
    return g.model(NAME, [image_input("images", size)], [output], meta)


def _integral(g: GraphBuilder, maps: str, level: _Level) -> str:
    """float64 integral image of the level's sum-pooled maps, zero border ``padding``.

    Index i of the result = sum of padded rows < i (one extra zero row/column on top/left).
    """
    pooled = maps
    if level.factor > 1:
        f = level.factor
        mean = g.op("AveragePool", maps, kernel_shape=[f, f], strides=[f, f])
        pooled = g.op("Mul", mean, g.const(float(f * f)))  # sums stay in base-cell units
    pad = level.padding
    padded = g.op(
        "Pad",
        g.op("Cast", pooled, to=TensorProto.DOUBLE),
        g.ints([0, 0, pad + 1, pad + 1, 0, 0, pad, pad]),
    )
    return g.op("CumSum", g.op("CumSum", padded, g.const(2, np.int64)), g.const(3, np.int64))


def _box_sum(
    g: GraphBuilder, integral: str, r0: int, r1: int, c0: int, c1: int, level: _Level, channel0: bool = False
) -> str:
    """Sum over [r0, r1) x [c0, c1) (integral indices of the first window) on the anchor grid."""
    span = STRIDE * (level.grid - 1) + 1

    def corner(r: int, c: int) -> str:
        if channel0:
            starts, ends, axes, steps = [0, r, c], [1, r + span, c + span], [1, 2, 3], [1, STRIDE, STRIDE]
        else:
            starts, ends, axes, steps = [r, c], [r + span, c + span], [2, 3], [STRIDE, STRIDE]
        return g.op("Slice", integral, g.ints(starts), g.ints(ends), g.ints(axes), g.ints(steps))

    total = g.op(
        "Add",
        g.op("Sub", corner(r1, c1), corner(r0, c1)),
        g.op("Sub", corner(r0, c0), corner(r1, c0)),
    )
    return g.op("Cast", total, to=TensorProto.FLOAT)


def _sigmoid(g: GraphBuilder, value: str, centre: float, gain: float) -> str:
    return g.op("Sigmoid", g.op("Mul", g.op("Sub", value, g.const(centre)), g.const(gain)))


def _cosine(g: GraphBuilder, hu: str, hv: str, hn: str, rgb: tuple[int, int, int]) -> str:
    du, dv = chroma_direction(rgb)
    dot = g.op("Add", g.op("Mul", hu, g.const(du)), g.op("Mul", hv, g.const(dv)))
    return g.op("Div", dot, hn)
