#!/usr/bin/env python3
"""The pixel work around the models, per image: what the reduced copy and the crop rule save.

For a 1920 x 1080 and a 4000 x 3000 synthetic camera-trap photo, with two boxes (a large animal, 60 %
x 70 % of the frame, and a smaller one, 20 % x 25 %), the CPU of the work the detection and
classification stages do on the pixels, besides the models and the database:

* before: the letterbox and the thumbnail from the full-size photo, crops stored at full resolution;
* after: both from `reduced(photo, max(model input, thumbnail size))` (one box average), crops shrunk
  by whole factors while their shorter side stays at least CROP_SHORT_SIDE (512).

Both read the crops back as the classification stage does (draft decode at the classifier's input,
the demo classifier's 224 here, through its own preprocessing). The decode of the original is the same in both and reported apart. Rounds alternate
before / after; medians of process CPU time.

    .venv/bin/python bench/bench_image_work.py [--rounds 7] [--no-write]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image

from addax_classification.model import Classifier
from addax_common.imaging import (
    crop_box,
    decode_crop,
    decode_image,
    encode_jpeg,
    reduced,
    shrunk_to_short_side,
    thumbnail,
)
from addax_common.settings import Settings
from addax_detection.model import Detector
from addax_models.synthetic import make_scene
from bench.report import bench_arguments, publish

BOXES = ((0.15, 0.1, 0.6, 0.7), (0.05, 0.6, 0.2, 0.25))


def classify_read(classifier: Classifier, crops: list[bytes]) -> None:
    """What the classification stage does with a stored crop before its model: decode, squash."""
    for data in crops:
        classifier._preprocess(decode_crop(data, classifier.input_size))


def before(detector: Detector, classifier: Classifier, photo: Image.Image, settings: Settings) -> int:
    detector._prepare([photo])
    crops = [encode_jpeg(crop_box(photo, box, settings.crop_margin), optimize=False) for box in BOXES]
    encode_jpeg(thumbnail(photo, settings.thumbnail_size), 80)
    classify_read(classifier, crops)
    return sum(map(len, crops))


def after(detector: Detector, classifier: Classifier, photo: Image.Image, settings: Settings) -> int:
    preview = reduced(photo, max(detector.input_size, settings.thumbnail_size))
    detector._prepare([preview])
    crops = [encode_jpeg(shrunk_to_short_side(crop_box(photo, box, settings.crop_margin), settings.crop_short_side),
                         optimize=False) for box in BOXES]
    encode_jpeg(thumbnail(preview, settings.thumbnail_size), 80)
    classify_read(classifier, crops)
    return sum(map(len, crops))


def cpu_ms(work, repeat: int) -> float:
    started = time.process_time()
    for _ in range(repeat):
        work()
    return 1000 * (time.process_time() - started) / repeat


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7)
    args = bench_arguments(parser, quick={"rounds": 2})
    from addax_models.build_demo import build

    settings = Settings(_env_file=None)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="imgwork-") as tmp:
        models = build(Path(tmp))
        detector, classifier = Detector(models.detector, threads=1), Classifier(models.classifier, threads=1)
        detector.warmup()
    rows = []
    for width, height in ((1920, 1080), (4000, 3000)):
        jpeg = make_scene(11, width=width, height=height).jpeg
        photo = decode_image(jpeg)
        repeat = 10 if width < 3000 else 3
        decode = statistics.median(cpu_ms(lambda j=jpeg: decode_image(j), repeat) for _ in range(3))
        times: dict[str, list[float]] = {"before": [], "after": []}
        sizes = {name: work(detector, classifier, photo, settings) for name, work in (("before", before), ("after", after))}
        for _ in range(args.rounds):
            for name, work in (("before", before), ("after", after)):
                times[name].append(cpu_ms(lambda w=work, p=photo: w(detector, classifier, p, settings), repeat))
        old, new = statistics.median(times["before"]), statistics.median(times["after"])
        rows.append(f"| {width} x {height} | {decode:.1f} | {old:.1f} | {new:.1f} | {old - new:+.1f} | "
                    f"{sizes['before'] / 1024:.0f} | {sizes['after'] / 1024:.0f} |")
        print(rows[-1], flush=True)
    body = f"""`bench/bench_image_work.py`: the CPU per image of the pixel work around the models (letterbox,
thumbnail, two crops encoded by detection and decoded by classification at a {classifier.input_size} px input),
medians of {args.rounds} alternating rounds. Before: all from the full-size photo, crops at full resolution.
After: letterbox and thumbnail from the photo reduced by a whole factor (one box average), crops shrunk
by whole factors while their shorter side stays at least CROP_SHORT_SIDE ({settings.crop_short_side}).
Boxes: 60 % x 70 % and 20 % x 25 % of the frame. The decode of the original is the same in both.

| photo | decode (ms) | before (ms) | after (ms) | saved (ms) | crops before (KiB) | crops after (KiB) |
| --- | --- | --- | --- | --- | --- | --- |
{chr(10).join(rows)}
"""
    publish("Pixel work per image: reduced copy and crop size", body, args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
