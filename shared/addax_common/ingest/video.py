"""Videos from an SD card: recognised by their container, stored and listed as media of kind video.

A video is not run through the image models (yet). Ingestion stores it in raw-images like a photo,
writes its row `completed` with no detections (so the pipeline and the reconciler leave it alone) and a
poster frame as its thumbnail: the first frame extracted by ffmpeg when `ffmpeg` is on PATH, else a
placeholder (a grey frame with a film strip).

Only a real container is a video: an MP4/MOV/3GP needs its `ftyp` box followed by a `moov` box (the
movie header) among its top-level boxes; an AVI needs RIFF/AVI with its `hdrl` header list. A file
that only starts like one (a header and nothing else, a text file named .mp4) stays rejected.
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw

from addax_common.logging import get_logger

log = get_logger(__name__)

VIDEO_KINDS = {"mp4": ".mp4", "mov": ".mov", "3gp": ".3gp", "avi": ".avi"}
POSTER_SIZE = (320, 180)
FFMPEG_TIMEOUT_S = 30


def container_problem(data: bytes, kind: str) -> str | None:
    """None when `data` (the whole file) is a complete container of `kind`, else what is missing."""
    if kind == "avi":
        if len(data) < 24 or data[12:16] != b"LIST" or data[20:24] != b"hdrl":
            return "no AVI header list (hdrl)"
        return None
    offset, boxes = 0, list[bytes]()
    while offset + 8 <= len(data) and len(boxes) < 64:
        size, box = struct.unpack(">I4s", data[offset:offset + 8])
        if size == 1 and offset + 16 <= len(data):
            size = struct.unpack(">Q", data[offset + 8:offset + 16])[0]
        elif size == 0:
            size = len(data) - offset
        if size < 8 or offset + size > len(data):
            break
        boxes.append(box)
        offset += size
    if not boxes or boxes[0] != b"ftyp":
        return "no complete ftyp box"
    if b"moov" not in boxes:
        return "no movie header (moov box)"
    return None


def poster_frame(path: Path) -> tuple[bytes, bool]:
    """A JPEG poster for the video at `path` and whether it is a real frame (False: the placeholder)."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg:
        try:
            done = subprocess.run(  # noqa: S603 (no shell; ffmpeg from PATH, the path is our upload file)
                [ffmpeg, "-nostdin", "-v", "error", "-i", str(path), "-frames:v", "1",
                 "-vf", f"scale={POSTER_SIZE[0]}:-2", "-f", "image2", "-c:v", "mjpeg", "pipe:1"],
                capture_output=True, timeout=FFMPEG_TIMEOUT_S, check=False,
            )
            if done.returncode == 0 and done.stdout.startswith(b"\xff\xd8"):
                return done.stdout, True
            log.info("video_poster_failed", error=done.stderr.decode("utf-8", "replace")[-300:])
        except (OSError, subprocess.SubprocessError) as exc:
            log.info("video_poster_failed", error=str(exc))
    return placeholder_poster(), False


def placeholder_poster() -> bytes:
    """A grey 16:9 JPEG with a film strip and a play triangle."""
    w, h = POSTER_SIZE
    img = PILImage.new("RGB", (w, h), (96, 96, 96))
    draw = ImageDraw.Draw(img)
    for y0 in (0, h - 24):  # the strip's perforated edges
        draw.rectangle((0, y0, w, y0 + 24), fill=(40, 40, 40))
        for x in range(8, w, 28):
            draw.rectangle((x, y0 + 7, x + 14, y0 + 17), fill=(200, 200, 200))
    cx, cy = w // 2, h // 2
    draw.polygon([(cx - 18, cy - 24), (cx - 18, cy + 24), (cx + 24, cy)], fill=(235, 235, 235))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=80)
    return out.getvalue()
