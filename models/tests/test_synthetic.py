from __future__ import annotations

import io
from datetime import datetime

import numpy as np
import piexif
from PIL import Image

from addax_models.camera_exif import CameraExif, parse_status, status_string
from addax_models.synthetic import MAX_BACKGROUND_SATURATION, AnimalSpec, make_scene, make_scenes

EXIF = CameraExif(
    captured_at=datetime(2024, 5, 31, 8, 25, 38),
    serial="SIM-000123",
    make="Reconyx",
    model="HyperFire 2",
    latitude=52.0907,
    longitude=-5.1214,
    altitude_m=12.5,
    battery_pct=85,
    temperature_c=12,
    sd_fill_pct=40,
)


def _saturation(img: Image.Image) -> np.ndarray:
    px = np.asarray(img.convert("RGB"), np.float32) / 255
    return px.max(axis=2) - px.min(axis=2)


def test_deterministic() -> None:
    assert make_scene(7).jpeg == make_scene(7).jpeg
    assert make_scene(7).jpeg != make_scene(8).jpeg
    assert [s.objects for s in make_scenes(3, seed=1)] == [s.objects for s in make_scenes(3, seed=1)]


def test_ground_truth_boxes_are_normalised_and_match_pixels() -> None:
    spec = AnimalSpec("wolf", cx=0.4, cy=0.6, width=0.2, height=0.25)
    scene = make_scene(3, width=1000, height=800, animals=[spec])
    (gt,) = scene.objects
    assert gt.label == "wolf" and gt.category == "animal"
    x, y, w, h = gt.bbox
    assert abs(x - 0.3) < 0.002 and abs(y - 0.475) < 0.002 and abs(w - 0.2) < 0.002 and abs(h - 0.25) < 0.002
    sat = _saturation(scene.image())
    inside = sat[
        int((y + 0.3 * h) * 800) : int((y + 0.9 * h) * 800), int((x + 0.2 * w) * 1000) : int((x + 0.6 * w) * 1000)
    ]
    assert np.median(inside) > 0.5  # painted in the strongly saturated palette colour


def test_background_stays_unsaturated() -> None:
    for seed in range(3):
        sat = _saturation(make_scene(seed, animals=[]).image())
        assert np.percentile(sat, 99.9) <= MAX_BACKGROUND_SATURATION + 0.08  # JPEG may add a little


def test_random_scenes_have_one_to_three_separate_animals() -> None:
    for scene in make_scenes(10, seed=40):
        assert 1 <= len(scene.objects) <= 3
        for gt in scene.objects:
            x, y, w, h = gt.bbox
            assert x >= 0 and y >= 0 and x + w <= 1 and y + h <= 1 and w > 0.04 and h > 0.04


def test_exif_is_real_and_readable() -> None:
    scene = make_scene(1, animals=[], exif=EXIF)
    exif = piexif.load(scene.jpeg)
    assert exif["Exif"][piexif.ExifIFD.DateTimeOriginal] == b"2024:05:31 08:25:38"
    assert exif["Exif"][piexif.ExifIFD.BodySerialNumber] == b"SIM-000123"
    assert exif["0th"][piexif.ImageIFD.Make] == b"Reconyx"
    assert exif["0th"][piexif.ImageIFD.Model] == b"HyperFire 2"
    assert exif["0th"][piexif.ImageIFD.ImageDescription] == b"BATTERY=85;TEMP=12C;SD=40"
    assert exif["Exif"][piexif.ExifIFD.UserComment] == b"ASCII\x00\x00\x00BATTERY=85;TEMP=12C;SD=40"
    gps = exif["GPS"]
    (d, dd), (m, md), (s, sd) = gps[piexif.GPSIFD.GPSLatitude]
    assert gps[piexif.GPSIFD.GPSLatitudeRef] == b"N"
    assert abs(d / dd + m / md / 60 + s / sd / 3600 - 52.0907) < 1e-5
    (d, dd), (m, md), (s, sd) = gps[piexif.GPSIFD.GPSLongitude]
    assert gps[piexif.GPSIFD.GPSLongitudeRef] == b"W"
    assert abs(d / dd + m / md / 60 + s / sd / 3600 - 5.1214) < 1e-5
    num, den = gps[piexif.GPSIFD.GPSAltitude]
    assert gps[piexif.GPSIFD.GPSAltitudeRef] == 0 and num / den == 12.5
    # Pillow (what ingestion is likely to use) sees the same capture time.
    assert Image.open(io.BytesIO(scene.jpeg)).getexif().get_ifd(0x8769)[0x9003] == "2024:05:31 08:25:38"


def test_status_convention_round_trip() -> None:
    assert status_string(EXIF) == "BATTERY=85;TEMP=12C;SD=40"
    assert parse_status("BATTERY=85;TEMP=12C;SD=40") == {"battery_pct": 85, "temperature_c": 12.0, "sd_fill_pct": 40}
    assert parse_status("SD=7; TEMP=-3.5C ;X=1;BATTERY=oops") == {"sd_fill_pct": 7, "temperature_c": -3.5}
    assert parse_status("TEMP=50F")["temperature_c"] == 10.0


def test_exif_is_optional_and_gps_too() -> None:
    assert "exif" not in Image.open(io.BytesIO(make_scene(2, animals=[]).jpeg)).info
    minimal = CameraExif(captured_at=datetime(2025, 1, 2, 3, 4, 5), serial="S1")
    exif = piexif.load(make_scene(2, animals=[], exif=minimal).jpeg)
    assert exif["GPS"] == {} and piexif.ImageIFD.ImageDescription not in exif["0th"]
