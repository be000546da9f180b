"""Image helpers the pipeline stages share: decoding stored originals, crops and thumbnails."""

from __future__ import annotations

import io
import math

from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

from addax_common.errors import PermanentError


def decode_image(data: bytes) -> PILImage.Image:
    """RGB pixels in display orientation (EXIF rotation applied, as browsers do), or PermanentError."""
    try:
        image = PILImage.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, PILImage.DecompressionBombError) as exc:
        raise PermanentError(f"stored original cannot be decoded: {exc}") from exc
    # In place and no conversion of what is RGB already: each copy of a full-size photo costs a
    # millisecond or two per image, for nothing.
    ImageOps.exif_transpose(image, in_place=True)
    return image if image.mode == "RGB" else image.convert("RGB")


def decode_crop(data: bytes, size: int) -> PILImage.Image:
    """RGB pixels of a stored crop for a model that sees size x size: a JPEG decodes at 1/2, 1/4 or 1/8
    scale (DCT scaling) for a fraction of the cost while it stays at least that size. Raises OSError
    (or DecompressionBombError) for bytes that are no image."""
    crop = PILImage.open(io.BytesIO(data))
    crop.draft("RGB", (size, size))
    crop.load()
    return crop if crop.mode == "RGB" else crop.convert("RGB")


def encode_jpeg(image: PILImage.Image, quality: int = 88, optimize: bool = True) -> bytes:
    """JPEG bytes. `optimize` (optimal Huffman tables, a second pass) saves a few per cent of the bytes
    for about twice the encoding time: worth it for what browsers download, not for a crop that only
    the classifier reads (the dashboard shows it as a 44 px icon)."""
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=optimize)
    return out.getvalue()


def crop_box(
    image: PILImage.Image, bbox: tuple[float, float, float, float], margin: float = 0.1
) -> PILImage.Image:
    """Crop a normalized [x, y, w, h] box grown by `margin` of its size on each side (context helps classifiers)."""
    width, height = image.size
    x, y, w, h = bbox
    left = max(0.0, x - w * margin) * width
    top = max(0.0, y - h * margin) * height
    right = min(1.0, x + w * (1 + margin)) * width
    bottom = min(1.0, y + h * (1 + margin)) * height
    right, bottom = max(right, left + 1), max(bottom, top + 1)
    return image.crop((round(left), round(top), round(right), round(bottom)))


def thumbnail(image: PILImage.Image, size: int) -> PILImage.Image:
    """At most size x size, aspect kept. The integer part of the reduction is a box average
    (reducing_gap=1: `Image.reduce`, a third of the time of Lanczos over the whole photo), Lanczos
    does the rest; for a 400 px thumbnail of a photo the two cannot be told apart.

    The pixels of `Image.thumbnail` (its size rule, the same resize) without its in-place copy of the
    whole photo first: 0.5 ms of a 4.5 ms thumbnail of a 1920 x 1080 photo."""
    width, height = image.size
    fitted = _fitted_size(width, height, size)
    if fitted is None:
        return image.copy()
    return image.resize(fitted, PILImage.Resampling.LANCZOS, reducing_gap=1.0)


def reduced(image: PILImage.Image, at_least: int) -> PILImage.Image:
    """`image` shrunk by the largest whole factor (a box average, `Image.reduce`) that keeps its longer
    side at least `at_least`; the image itself when no factor does.

    The detector's letterbox and the thumbnail both start with such a reduction of the full-size photo
    (Pillow's resize with reducing_gap=1 does it first); done once, both resize the small copy. For a
    12 MP photo that is 40 % of the pixel work around the models (docs/performance.md, "Pixel work per
    image"); at 1920 x 1080, 0.3-0.6 ms."""
    factor = max(image.size) // at_least if at_least > 0 else 1
    return image.reduce(factor) if factor > 1 else image


def shrunk_to_short_side(image: PILImage.Image, side: int) -> PILImage.Image:
    """`image` shrunk by the largest whole factor (a box average) that keeps its shorter side at least
    `side`; the image itself when no factor does, or when `side` is 0.

    Whole factors only: `Image.reduce` costs a fraction of the encoding it saves, where a bilinear
    resize to exactly `side` (5.4 ms for a 1382 x 908 crop) costs more than encoding the whole crop
    (2.9 ms). Crops of 12-30 MP photos are the ones this shrinks."""
    factor = min(image.size) // side if side > 0 else 1
    return image.reduce(factor) if factor > 1 else image


def _fitted_size(width: int, height: int, size: int) -> tuple[int, int] | None:
    """`Image.thumbnail`'s target size for a (size, size) box, or None when the image already fits."""
    if size >= width and size >= height:
        return None
    aspect = width / height
    x, y = size, size
    if x / y >= aspect:
        x = max(min(math.floor(y * aspect), math.ceil(y * aspect), key=lambda n: abs(aspect - n / y)), 1)
    else:
        y = max(min(math.floor(x / aspect), math.ceil(x / aspect), key=lambda n: 0 if n == 0 else abs(aspect - x / n)), 1)
    return x, y
