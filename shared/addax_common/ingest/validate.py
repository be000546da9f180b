"""Is an upload (ingestion) or an imported photo (API exports domain) a camera image we can process? JPEG only, within size and pixel limits, fully decodable.

Checks, in order (the first failure is the reason stored on the `rejected` row):
1. content sniffing by magic bytes: only JPEG (FF D8 FF) is a camera image; for anything else the
   reason names what was found (PNG, HEIC/HEIF, MP4/MOV/AVI video, text, empty file, ...);
2. size limits (settings.ingest_min_bytes / ingest_max_bytes);
3. header: Pillow must identify it as JPEG, dimensions at least MIN_DIMENSION, and width x height at
   most settings.ingest_max_pixels (checked *before* decoding, so a "decompression bomb" header
   costs nothing; Pillow's own DecompressionBombError/Warning are caught as well);
4. a full decode (`img.load()`, of every scan, at 1/8 scale: the pixels are not kept) with
   LOAD_TRUNCATED_IMAGES off, so a truncated upload is rejected.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageFile, UnidentifiedImageError

# A truncated JPEG must fail, not be padded with grey (Pillow's default, asserted here on purpose).
ImageFile.LOAD_TRUNCATED_IMAGES = False

JPEG_MAGIC = b"\xff\xd8\xff"
# Smaller than this is not a camera photo (and would break detection's letterboxing).
MIN_DIMENSION = 16

_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"mif2"}
_AVIF_BRANDS = {b"avif", b"avis"}


@dataclass(frozen=True)
class ContentKind:
    kind: str  # short id: jpeg, png, heic, mp4, avi, text, empty, unknown, ...
    description: str  # for people: "PNG image", "MP4 video (ftyp brand 'isom')"
    mime_type: str


@dataclass(frozen=True)
class ValidationResult:
    ok: bool
    kind: ContentKind
    width: int | None = None
    height: int | None = None
    reason: str | None = None

    @property
    def mime_type(self) -> str:
        return self.kind.mime_type


def sniff(head: bytes) -> ContentKind:
    """What the first bytes of a file say it is (at least 16 bytes should be passed)."""
    if not head:
        return ContentKind("empty", "empty file (0 bytes)", "application/octet-stream")
    if head.startswith(JPEG_MAGIC):
        return ContentKind("jpeg", "JPEG image", "image/jpeg")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return ContentKind("png", "PNG image", "image/png")
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return ContentKind("gif", "GIF image", "image/gif")
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return ContentKind("tiff", "TIFF image (or camera RAW)", "image/tiff")
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        label = brand.decode("ascii", "replace").strip()
        if brand in _HEIF_BRANDS:
            return ContentKind("heic", f"HEIC/HEIF image (ftyp brand '{label}')", "image/heic")
        if brand in _AVIF_BRANDS:
            return ContentKind("avif", f"AVIF image (ftyp brand '{label}')", "image/avif")
        if brand == b"qt  ":
            return ContentKind("mov", "QuickTime MOV video (ftyp brand 'qt')", "video/quicktime")
        if brand.startswith(b"3g"):
            return ContentKind("3gp", f"3GP video (ftyp brand '{label}')", "video/3gpp")
        return ContentKind("mp4", f"MP4 video (ftyp brand '{label}')", "video/mp4")
    if head[:4] == b"RIFF":
        form = head[8:12]
        if form == b"AVI ":
            return ContentKind("avi", "AVI video (RIFF/AVI)", "video/x-msvideo")
        if form == b"WEBP":
            return ContentKind("webp", "WebP image", "image/webp")
        if form == b"WAVE":
            return ContentKind("wav", "WAV audio", "audio/wav")
        return ContentKind("riff", f"RIFF container ({form.decode('ascii', 'replace')!r})", "application/octet-stream")
    if head.startswith(b"\x1aE\xdf\xa3"):
        return ContentKind("mkv", "Matroska/WebM video", "video/webm")
    if head[:4] in (b"\x00\x00\x01\xba", b"\x00\x00\x01\xb3"):
        return ContentKind("mpeg", "MPEG video", "video/mpeg")
    if head.startswith(b"BM") and len(head) >= 14:
        return ContentKind("bmp", "BMP image", "image/bmp")
    if head.startswith(b"%PDF"):
        return ContentKind("pdf", "PDF document", "application/pdf")
    if head.startswith(b"PK\x03\x04"):
        return ContentKind("zip", "ZIP archive", "application/zip")
    if head.startswith(b"\x1f\x8b"):
        return ContentKind("gzip", "gzip archive", "application/gzip")
    if _looks_like_text(head):
        return ContentKind("text", "text file", "text/plain")
    return ContentKind("unknown", f"unknown content (first bytes {head[:8].hex(' ')})", "application/octet-stream")


def _looks_like_text(head: bytes) -> bool:
    sample = head[:4096]
    if b"\x00" in sample:
        return False
    text = sample.decode("utf-8", errors="ignore")
    if len(text) < len(sample) * 0.7:
        return False
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return printable >= 0.95 * max(1, len(text))


def validate_image(data: bytes, *, size: int, min_bytes: int, max_bytes: int, max_pixels: int) -> ValidationResult:
    """Check an upload; `data` is the whole file (or, when it is over max_bytes, at least its head)."""
    kind = sniff(data[:64])
    if kind.kind == "empty" or size == 0:
        return ValidationResult(False, kind, reason="empty file (0 bytes)")
    if kind.kind != "jpeg":
        return ValidationResult(False, kind, reason=f"not a JPEG camera image: found {kind.description}")
    if size < min_bytes:
        return ValidationResult(False, kind, reason=f"file too small: {size} bytes < minimum {min_bytes} bytes")
    if size > max_bytes:
        return ValidationResult(False, kind, reason=f"file too large: {size} bytes > maximum {max_bytes} bytes")

    try:
        img = Image.open(io.BytesIO(data), formats=("JPEG",))
    except Image.DecompressionBombError as exc:
        return ValidationResult(False, kind, reason=f"decompression bomb: {exc}")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        return ValidationResult(False, kind, reason=f"corrupt JPEG: header cannot be read ({_short(exc)})")

    with img:
        width, height = img.size
        if width * height > max_pixels:
            return ValidationResult(
                False, kind, width, height,
                reason=f"decompression bomb: {width}x{height} = {width * height} pixels > limit {max_pixels}",
            )
        if width < MIN_DIMENSION or height < MIN_DIMENSION:
            return ValidationResult(
                False, kind, width, height, reason=f"image too small: {width}x{height} pixels (< {MIN_DIMENSION})"
            )
        try:
            # Every byte of the entropy-coded data is still decoded (so a truncated or corrupt file
            # fails as it would at full size), but at 1/8 scale (DCT scaling): half the time of a full
            # decode, and the pixels are not needed here. `width`, `height` are read above.
            img.draft(img.mode, (max(1, width // 8), max(1, height // 8)))
            img.load()
        except Image.DecompressionBombError as exc:
            return ValidationResult(False, kind, width, height, reason=f"decompression bomb: {exc}")
        except (OSError, SyntaxError, ValueError, MemoryError) as exc:
            message = _short(exc)
            what = "truncated JPEG" if "truncated" in message.lower() else "corrupt JPEG"
            return ValidationResult(False, kind, width, height, reason=f"{what}: {message}")
        if _rotated_quarter_turn(img):
            # Stored sideways with an EXIF orientation of 5-8: browsers and the detector (imaging.decode_image)
            # show it turned, so the size the dashboard lays it out with is the turned one.
            width, height = height, width
    return ValidationResult(True, kind, width, height)


def _rotated_quarter_turn(img: Image.Image) -> bool:
    try:
        orientation = img.getexif().get(0x0112)
    except Exception:  # noqa: BLE001 - a broken EXIF block is only a note elsewhere (exif.py), never a rejection
        return False
    return orientation in (5, 6, 7, 8)


def _short(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__)[:300]
