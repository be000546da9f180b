"""The image helpers the stages share, after their speed-ups (pipeline efficiency, issue 13 item 9):
decoding keeps the display orientation and RGB, thumbnails keep the aspect and the picture, crops
encode without Huffman optimisation, and validation still decodes every byte (at 1/8 scale)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from addax_common.errors import PermanentError
from addax_common.imaging import decode_crop, decode_image, encode_jpeg, reduced, shrunk_to_short_side, thumbnail
from addax_common.ingest.validate import validate_image


def jpeg(image: Image.Image, orientation: int | None = None, **options) -> bytes:
    out = io.BytesIO()
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(out, "JPEG", quality=95, exif=exif.tobytes(), **options)
    return out.getvalue()


def marked(width: int = 320, height: int = 200) -> Image.Image:
    """Grey with a red block in the top-left corner: where it lands says how the image was turned."""
    image = Image.new("RGB", (width, height), (128, 128, 128))
    image.paste((220, 20, 20), (0, 0, width // 4, height // 4))
    return image


def red_corner(image: Image.Image) -> str:
    pixels = np.asarray(image.convert("RGB"), dtype=np.int16)
    h, w = pixels.shape[:2]
    corners = {"top-left": pixels[h // 16, w // 16], "top-right": pixels[h // 16, -w // 16],
               "bottom-left": pixels[-h // 16, w // 16], "bottom-right": pixels[-h // 16, -w // 16]}
    return max(corners, key=lambda k: corners[k][0] - corners[k][1])


@pytest.mark.parametrize(("orientation", "size", "corner"), [
    (None, (320, 200), "top-left"),
    (3, (320, 200), "bottom-right"),  # stored upside down
    (6, (200, 320), "top-right"),  # stored turned: shown turned 90 degrees clockwise
    (8, (200, 320), "bottom-left"),
])
def test_decode_applies_the_exif_orientation(orientation, size, corner):
    image = decode_image(jpeg(marked(), orientation))
    assert image.mode == "RGB"
    assert image.size == size
    assert red_corner(image) == corner


@pytest.mark.parametrize("mode", ["L", "CMYK"])
def test_decode_returns_rgb_for_every_jpeg_mode(mode):
    image = decode_image(jpeg(marked().convert(mode)))
    assert image.mode == "RGB" and image.size == (320, 200)


def test_decode_refuses_a_truncated_file():
    data = jpeg(marked())
    with pytest.raises(PermanentError, match="cannot be decoded"):
        decode_image(data[: len(data) // 2])


def test_thumbnail_keeps_the_aspect_and_the_picture():
    photo = marked(1920, 1080)
    small = thumbnail(photo, 400)
    assert small.size == (400, 225)
    assert photo.size == (1920, 1080)  # the original is untouched
    assert red_corner(small) == "top-left"
    # The box average + Lanczos is the same picture as Lanczos over the whole photo.
    fair = photo.resize(small.size, Image.Resampling.LANCZOS)
    assert np.abs(np.asarray(small, np.int16) - np.asarray(fair, np.int16)).mean() < 2.0
    assert thumbnail(marked(300, 100), 400).size == (300, 100)  # never enlarged


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (2048, 1536), (1000, 999), (401, 3000), (5000, 401), (400, 400)])
def test_thumbnail_is_pillows_thumbnail_pixel_for_pixel(size):
    """Without Pillow's in-place copy of the photo, but its size rule and its pixels exactly."""
    photo = marked(*size)
    expected = photo.copy()
    expected.thumbnail((400, 400), Image.Resampling.LANCZOS, reducing_gap=1.0)
    small = thumbnail(photo, 400)
    assert small.size == expected.size
    assert np.array_equal(np.asarray(small), np.asarray(expected))


@pytest.mark.parametrize(("size", "at_least", "expected"), [
    ((1920, 1080), 640, (640, 360)),  # the detector's copy at 640: a third
    ((1080, 1920), 640, (360, 640)),
    ((2048, 1536), 640, (683, 512)),  # a whole factor (3), so the longer side stays above 640
    ((1920, 1080), 1280, (1920, 1080)),  # no whole factor fits: the photo itself
    ((1000, 600), 640, (1000, 600)),
])
def test_reduced_keeps_the_longer_side_at_least_what_is_asked(size, at_least, expected):
    photo = marked(*size)
    small = reduced(photo, at_least)
    assert small.size == expected
    assert max(small.size) >= at_least or small is photo
    if small is not photo:
        assert red_corner(small) == "top-left"
        # what Pillow's resize with reducing_gap=1 starts with: the same box average
        assert np.array_equal(np.asarray(small), np.asarray(photo.reduce(max(size) // at_least)))


def test_thumbnail_of_the_reduced_copy_is_the_same_picture():
    """The detection stage makes the thumbnail from the detector's reduced copy, not the full photo."""
    photo = Image.fromarray(np.random.default_rng(3).integers(0, 256, (1080, 1920, 3), np.uint8)).resize(
        (1920, 1080), Image.Resampling.BICUBIC, box=(0, 0, 480, 270))  # smooth, like a photo
    direct, via = thumbnail(photo, 400), thumbnail(reduced(photo, 640), 400)
    assert direct.size == via.size == (400, 225)
    # Against Lanczos over the whole photo (the fair picture), the copy's thumbnail is no further off.
    fair = np.asarray(photo.resize((400, 225), Image.Resampling.LANCZOS), np.int16)
    off = [np.abs(np.asarray(t, np.int16) - fair).mean() for t in (direct, via)]
    assert off[1] <= off[0] + 0.1, off


@pytest.mark.parametrize(("size", "side", "expected"), [
    ((3000, 1600), 512, (1000, 534)),  # a whole factor (3): the shorter side stays above 512
    ((1600, 3000), 512, (534, 1000)),
    ((1382, 908), 512, (1382, 908)),  # no whole factor keeps 512: as it is
    ((300, 200), 512, (300, 200)),  # never enlarged
    ((3000, 1600), 0, (3000, 1600)),  # 0: full resolution
])
def test_shrunk_to_short_side(size, side, expected):
    crop = marked(*size)
    out = shrunk_to_short_side(crop, side)
    assert out.size == expected
    if out is not crop:
        assert min(out.size) >= side and red_corner(out) == "top-left"


def test_decode_crop_decodes_at_the_smallest_scale_still_covering_the_model_input():
    crop = jpeg(marked(1600, 900))
    small = decode_crop(crop, 224)
    assert small.size == (400, 225) and small.mode == "RGB"  # 1/4: the next scale, 1/8, is under 224
    assert red_corner(small) == "top-left"
    assert decode_crop(crop, 1000).size == (1600, 900)  # no scale keeps 1000: full size
    grey = io.BytesIO()
    marked(300, 300).convert("L").save(grey, "JPEG")
    assert decode_crop(grey.getvalue(), 224).mode == "RGB"
    with pytest.raises(OSError):
        decode_crop(b"not a jpeg", 224)


def test_encode_jpeg_without_optimize_is_a_valid_jpeg_of_the_same_picture():
    photo = marked(640, 480)
    plain, optimized = encode_jpeg(photo, optimize=False), encode_jpeg(photo)
    assert plain != optimized
    for data in (plain, optimized):
        decoded = Image.open(io.BytesIO(data))
        assert decoded.format == "JPEG" and decoded.size == (640, 480)
        assert red_corner(decoded) == "top-left"


LIMITS = {"min_bytes": 100, "max_bytes": 50_000_000, "max_pixels": 100_000_000}


@pytest.mark.parametrize("progressive", [False, True])
def test_validation_reports_the_full_size_and_rejects_every_truncation(progressive):
    data = jpeg(marked(1920, 1080), progressive=progressive)
    check = validate_image(data, size=len(data), **LIMITS)
    assert check.ok and (check.width, check.height) == (1920, 1080)
    for cut in (len(data) // 3, len(data) // 2, len(data) - 200, len(data) - 2):
        short = data[:cut]
        check = validate_image(short, size=len(short), **LIMITS)
        assert not check.ok and "truncated" in (check.reason or ""), cut


def test_validation_reports_the_turned_size_of_a_sideways_photo():
    data = jpeg(marked(320, 200), orientation=6)
    check = validate_image(data, size=len(data), **LIMITS)
    assert check.ok and (check.width, check.height) == (200, 320)
