"""Synthetic camera-trap JPEGs with known ground truth, for tests and demos.

A scene is a low-saturation natural background (sky band, green/brown vegetation,
trunks, grain noise) with 0..3 "animals": a shaded body ellipse plus a head
ellipse painted in a palette colour (palette.PALETTE), with a darker outline.
Ground-truth boxes follow MegaDetector: normalised [x_min, y_min, width, height].

The JPEG carries real EXIF (see camera_exif.py for the exact tags and the
``BATTERY=..;TEMP=..;SD=..`` convention).
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from .camera_exif import CameraExif, exif_bytes
from .palette import PALETTE, swatch

# Keep the background comfortably below the detector's saturation threshold (0.40).
MAX_BACKGROUND_SATURATION = 0.25


@dataclass(frozen=True)
class AnimalSpec:
    """One painted object. Geometry is normalised to the image (0..1)."""

    label: str  # a palette label: species, "person" or "vehicle"
    cx: float
    cy: float
    width: float  # of the whole shape (body + head)
    height: float
    facing_left: bool = False


@dataclass(frozen=True)
class GroundTruth:
    label: str
    category: str  # animal | person | vehicle
    bbox: tuple[float, float, float, float]  # x_min, y_min, w, h, normalised


@dataclass(frozen=True)
class Scene:
    jpeg: bytes
    width: int
    height: int
    objects: tuple[GroundTruth, ...]
    exif: CameraExif | None = None
    seed: int = 0

    def image(self) -> Image.Image:
        return Image.open(io.BytesIO(self.jpeg))


def make_scene(
    seed: int,
    width: int = 1920,
    height: int = 1080,
    animals: Sequence[AnimalSpec] | None = None,
    exif: CameraExif | None = None,
    quality: int = 88,
) -> Scene:
    """Draw one scene. ``animals=None`` draws 0..3 random animals; ``[]`` none."""
    rng = random.Random(seed)
    if animals is None:
        animals = random_animals(rng, rng.randint(0, 3), width / height)
    canvas = _background(rng, width, height)
    objects = tuple(_paint(canvas, spec, rng) for spec in animals)
    buf = io.BytesIO()
    save_kwargs: dict[str, object] = {"quality": quality}
    if exif is not None:
        save_kwargs["exif"] = exif_bytes(exif)
    canvas.save(buf, "JPEG", **save_kwargs)
    return Scene(buf.getvalue(), width, height, objects, exif, seed)


def make_scenes(
    count: int, seed: int = 0, width: int = 1920, height: int = 1080, labels: Sequence[str] | None = None
) -> list[Scene]:
    """``count`` deterministic random scenes (1..3 animals each) for seeds seed..seed+count-1."""
    scenes = []
    for i in range(count):
        rng = random.Random(f"animals-{seed + i}")
        specs = random_animals(rng, rng.randint(1, 3), width / height, labels)
        scenes.append(make_scene(seed + i, width, height, animals=specs))
    return scenes


def random_animals(
    rng: random.Random, count: int, aspect: float = 16 / 9, labels: Sequence[str] | None = None
) -> list[AnimalSpec]:
    """Non-overlapping random animals, fully inside the frame, with a gap between them."""
    pool = list(labels) if labels else [s.label for s in PALETTE]
    placed: list[AnimalSpec] = []
    for _ in range(count):
        for _attempt in range(200):
            w = rng.uniform(0.06, 0.30)
            h = min(0.6, w * aspect / rng.uniform(0.7, 2.0))  # shape aspect 0.7..2 (w/h in px)
            cx, cy = rng.uniform(w / 2 + 0.01, 1 - w / 2 - 0.01), rng.uniform(h / 2 + 0.01, 1 - h / 2 - 0.01)
            spec = AnimalSpec(rng.choice(pool), cx, cy, w, h, rng.random() < 0.5)
            if all(_apart(spec, other) for other in placed):
                placed.append(spec)
                break
    return placed


def _apart(a: AnimalSpec, b: AnimalSpec, gap: float = 0.5) -> bool:
    """True when the boxes are separated by at least ``gap`` x the larger size on some axis."""
    dx = abs(a.cx - b.cx) - (a.width + b.width) / 2
    dy = abs(a.cy - b.cy) - (a.height + b.height) / 2
    return dx > gap * max(a.width, b.width) or dy > gap * max(a.height, b.height)


def _smooth_noise(rng: random.Random, width: int, height: int, cells: int) -> np.ndarray:
    """Value noise in 0..1, smooth at a scale of width/cells."""
    small = np.random.default_rng(rng.getrandbits(32)).random((max(2, cells * height // width), cells))
    img = Image.fromarray((small * 255).astype(np.uint8)).resize((width, height), Image.Resampling.BICUBIC)
    return np.asarray(img, np.float32) / 255.0


def _background(rng: random.Random, width: int, height: int) -> Image.Image:
    # Channel-first float32 planes: per-pixel reductions over 3 planes are cheap.
    nrng = np.random.default_rng(rng.getrandbits(32))
    horizon = int(height * rng.uniform(0.12, 0.3))
    # Vegetation: a mix of muted greens and browns driven by two noise octaves.
    mix = 0.6 * _smooth_noise(rng, width, height, 12) + 0.4 * _smooth_noise(rng, width, height, 48)
    green = np.array([92, 110, 78], np.float32)[:, None, None]
    brown = np.array([112, 96, 76], np.float32)[:, None, None]
    img = green + (brown - green) * mix
    img *= 0.7 + 0.5 * _smooth_noise(rng, width, height, 30)  # light and shade
    img[:, :horizon] = np.array([178, 188, 196], np.float32)[:, None, None]  # overcast sky
    # A few dark grey-brown trunks.
    for _ in range(rng.randint(1, 4)):
        x0 = rng.randint(0, width - 1)
        tw = rng.randint(width // 80, width // 25)
        img[:, :, x0 : x0 + tw] = np.array([70, 62, 55], np.float32)[:, None, None] * rng.uniform(0.8, 1.2)
    img += 6.0 * nrng.standard_normal(img.shape, dtype=np.float32)  # sensor grain
    img = _limit_saturation(np.clip(img, 0, 255), MAX_BACKGROUND_SATURATION)
    pixels = np.ascontiguousarray(img.transpose(1, 2, 0)).astype(np.uint8)
    return Image.fromarray(pixels).filter(ImageFilter.GaussianBlur(0.6))


def _limit_saturation(img: np.ndarray, limit: float) -> np.ndarray:
    """Pull pixels (channel-first) towards their grey value until max-min <= limit*255."""
    r, g, b = img
    grey = (r + g + b) / 3.0
    spread = np.maximum(np.maximum(r, g), b) - np.minimum(np.minimum(r, g), b)
    factor = np.minimum(1.0, limit * 255.0 / np.maximum(spread, 1e-6))
    pulled: np.ndarray = grey + (img - grey) * factor
    return pulled


def _paint(canvas: Image.Image, spec: AnimalSpec, rng: random.Random) -> GroundTruth:
    """Body + head ellipses with vertical shading and an outline; returns the exact box."""
    sw = swatch(spec.label)
    iw, ih = canvas.size
    x0 = round((spec.cx - spec.width / 2) * iw)
    y0 = round((spec.cy - spec.height / 2) * ih)
    x1 = round((spec.cx + spec.width / 2) * iw)
    y1 = round((spec.cy + spec.height / 2) * ih)
    w, h = x1 - x0, y1 - y0
    # Body takes ~78% of the width and the lower ~80% of the height; the head the rest.
    head_w, head_h = max(4, round(w * 0.32)), max(4, round(h * 0.45))
    body_w = w - round(head_w * 0.45)
    body_top = y0 + h - max(4, round(h * 0.8))
    if spec.facing_left:
        body = (x1 - body_w, body_top, x1, y1)
        head = (x0, y0, x0 + head_w, y0 + head_h)
    else:
        body = (x0, body_top, x0 + body_w, y1)
        head = (x1 - head_w, y0, x1, y0 + head_h)

    shape = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(shape)
    for ex0, ey0, ex1, ey1 in (body, head):
        draw.ellipse((ex0 - x0, ey0 - y0, ex1 - x0 - 1, ey1 - y0 - 1), fill=255)
    alpha = np.asarray(shape, np.float32) / 255.0
    # Outline: the border band of the union shape, a little darker (still saturated).
    inner = np.asarray(shape.filter(ImageFilter.MinFilter(5)), np.float32) / 255.0
    shade = np.linspace(1.0, 0.8, h, dtype=np.float32)[:, None] * (1 - 0.2 * (alpha - inner))
    texture = np.random.default_rng(rng.getrandbits(32)).normal(0, 5, (h, w, 1)).astype(np.float32)
    fur = np.clip(np.array(sw.rgb, np.float32) * shade[..., None] + texture, 0, 255)

    region = np.asarray(canvas.crop((x0, y0, x1, y1)), np.float32)
    out = region * (1 - alpha[..., None]) + fur * alpha[..., None]
    canvas.paste(Image.fromarray(out.astype(np.uint8)), (x0, y0))
    return GroundTruth(sw.label, sw.category, (x0 / iw, y0 / ih, w / iw, h / ih))
