"""The one colour table shared by the demo models and the synthetic image generator.

The demo detector and classifier are hand-built ONNX graphs that "see" colour, not
animals: a strongly saturated blob is an object, its hue says what it is.  The
synthetic scene generator paints each species in its swatch colour, so tests can
check real inference end to end.

Rules the hues follow (and why):
- every swatch has high saturation (max-min >= ~0.7 in 0..1 RGB) so the detector's
  saturation mask fires on it, while the generated background stays below ~0.25;
- species hues are >= 30 degrees apart, so JPEG chroma noise cannot flip labels;
- ``person`` (magenta) and ``vehicle`` (cyan) are >= 40 degrees from every species,
  so the detector's category decision has a wide margin.
"""

from __future__ import annotations

import colorsys
import math
from dataclasses import dataclass
from typing import Literal

Category = Literal["animal", "person", "vehicle"]

# Value/saturation used for every swatch (HSV); hue is what distinguishes them.
_SAT = 0.85
_VAL = 0.85


@dataclass(frozen=True)
class Swatch:
    label: str  # species name (animals) or the category name (person, vehicle)
    category: Category
    hue: float  # degrees, HSV hue
    rgb: tuple[int, int, int]


def _hsv(hue: float) -> tuple[int, int, int]:
    r, g, b = colorsys.hsv_to_rgb(hue / 360.0, _SAT, _VAL)
    return (round(r * 255), round(g * 255), round(b * 255))


def _swatch(label: str, category: Category, hue: float) -> Swatch:
    return Swatch(label, category, hue, _hsv(hue))


# label            category   hue   -> rgb (computed)
PALETTE: tuple[Swatch, ...] = (
    _swatch("red fox", "animal", 0.0),  # (217, 33, 33)
    _swatch("roe deer", "animal", 30.0),  # (217, 125, 33)
    _swatch("european hare", "animal", 60.0),  # (217, 217, 33)
    _swatch("wild boar", "animal", 100.0),  # (94, 217, 33)
    _swatch("badger", "animal", 140.0),  # (33, 217, 94)
    _swatch("wolf", "animal", 225.0),  # (33, 79, 217)
    _swatch("brown bear", "animal", 265.0),  # (109, 33, 217)
    _swatch("vehicle", "vehicle", 182.0),  # (33, 211, 217)
    _swatch("person", "person", 310.0),  # (217, 33, 186)
)

# Detector categories, in MegaDetector's class order (class 0 -> category "1", ...).
DETECTOR_LABELS: tuple[str, ...] = ("animal", "person", "vehicle")

# Classifier labels: the animal swatches, in palette order.
SPECIES: tuple[str, ...] = tuple(s.label for s in PALETTE if s.category == "animal")


def swatch(label: str) -> Swatch:
    for s in PALETTE:
        if s.label == label:
            return s
    raise KeyError(f"no palette colour for {label!r}; known: {[s.label for s in PALETTE]}")


def chroma_direction(rgb: tuple[float, float, float]) -> tuple[float, float]:
    """Unit hue vector in the opponent chroma plane used by both ONNX graphs.

    u = R - (G + B) / 2, v = sqrt(3)/2 * (G - B).  atan2(v, u) is (close to) the
    hue angle; the length is the chroma, which we normalise away so brightness
    and shading do not matter, only hue does.
    """
    r, g, b = rgb
    u = r - (g + b) / 2.0
    v = math.sqrt(3.0) / 2.0 * (g - b)
    n = math.hypot(u, v)
    if n == 0:
        raise ValueError(f"{rgb} is grey: it has no hue")
    return (u / n, v / n)
