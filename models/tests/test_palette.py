from __future__ import annotations

import itertools
import math

from addax_models.palette import DETECTOR_LABELS, PALETTE, SPECIES, chroma_direction, swatch


def _angle(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    (ua, va), (ub, vb) = chroma_direction(a), chroma_direction(b)
    return math.degrees(math.acos(max(-1.0, min(1.0, ua * ub + va * vb))))


def test_every_swatch_is_strongly_saturated() -> None:
    for s in PALETTE:
        assert (max(s.rgb) - min(s.rgb)) / 255 >= 0.7, s


def test_species_hues_are_far_apart() -> None:
    animals = [s for s in PALETTE if s.category == "animal"]
    for a, b in itertools.combinations(animals, 2):
        assert _angle(a.rgb, b.rgb) >= 28, (a.label, b.label)


def test_person_and_vehicle_are_far_from_every_species() -> None:
    for other in ("person", "vehicle"):
        for s in PALETTE:
            if s.category == "animal":
                assert _angle(s.rgb, swatch(other).rgb) >= 40, (s.label, other)


def test_labels() -> None:
    assert DETECTOR_LABELS == ("animal", "person", "vehicle")
    assert len(SPECIES) == len(set(SPECIES)) == 7
    assert swatch("red fox").category == "animal"
