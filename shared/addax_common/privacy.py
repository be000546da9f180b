"""People in camera-trap photos: blurred before anyone but an admin sees them (issue 11, item 6).

The detection stage keeps the original untouched in `raw-images` and, when it finds people, also
stores people-blurred copies of the full image and of the thumbnail (keys below, derived from the
image id) and cuts animal crops from the blurred pixels. The API serves the blurred copies while the
`blur_people` run-time setting is on; an admin may ask for the original (audited)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from PIL import Image as PILImage
from PIL import ImageFilter

BLOCKS = 12  # the longer side of a blurred box keeps at most this many blocks: no face survives it


def blurred_image_key(image_id: uuid.UUID | str) -> str:
    """In the thumbnails bucket (derived images): the full-size image with people blurred."""
    return f"blurred/{image_id}.jpg"


def blurred_thumbnail_key(image_id: uuid.UUID | str) -> str:
    return f"blurred/{image_id}_thumb.jpg"


def blur_boxes(image: PILImage.Image, boxes: Iterable[tuple[float, float, float, float]]) -> PILImage.Image:
    """A copy of `image` with every normalized [x, y, w, h] box pixelated and then blurred."""
    out = image.copy()
    width, height = out.size
    for x, y, w, h in boxes:
        left, top = max(0, int(x * width)), max(0, int(y * height))
        right, bottom = min(width, int(round((x + w) * width)) + 1), min(height, int(round((y + h) * height)) + 1)
        if right - left < 1 or bottom - top < 1:
            continue
        region = out.crop((left, top, right, bottom))
        side = max(region.size)
        small = (max(1, region.width * BLOCKS // side), max(1, region.height * BLOCKS // side))
        pixelated = region.resize(small, PILImage.Resampling.BOX).resize(region.size, PILImage.Resampling.NEAREST)
        radius = max(2.0, side / (BLOCKS * 2))
        out.paste(pixelated.filter(ImageFilter.GaussianBlur(radius)), (left, top))
    return out
