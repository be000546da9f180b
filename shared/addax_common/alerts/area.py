"""A rule's drawn area: a GeoJSON Polygon checked (closed, not degenerate, not crossing itself, in
range) and turned into WKT for PostGIS, where cameras whose location it covers match (ST_Covers)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from addax_common.alerts.errors import AlertValidationError


def area_wkt(geojson: Mapping[str, Any]) -> str:
    """A GeoJSON Polygon (lon/lat) as WKT for PostGIS; refuses open, degenerate or self-crossing rings."""
    if not isinstance(geojson, Mapping) or geojson.get("type") != "Polygon":
        raise AlertValidationError([("area", "must be a GeoJSON Polygon")])
    rings = geojson.get("coordinates")
    if not isinstance(rings, list) or not rings:
        raise AlertValidationError([("area", "a Polygon needs coordinates: a list of rings")])
    texts = []
    for number, ring in enumerate(rings):
        points = _ring_points(ring, number)
        texts.append("(" + ", ".join(f"{x!r} {y!r}" for x, y in points) + ")")
    return f"POLYGON({', '.join(texts)})"


def _ring_points(ring: object, number: int) -> list[tuple[float, float]]:
    where = f"area ring {number}"
    if not isinstance(ring, list) or len(ring) < 4:
        raise AlertValidationError([("area", f"{where} needs at least 4 positions (a closed triangle)")])
    points: list[tuple[float, float]] = []
    for position in ring:
        if (not isinstance(position, list | tuple) or len(position) < 2
                or not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
                           for v in position[:2])):
            raise AlertValidationError([("area", f"{where} has a position that is not [longitude, latitude]")])
        lon, lat = float(position[0]), float(position[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise AlertValidationError([("area", f"{where} has a position outside longitude/latitude range")])
        points.append((lon, lat))
    if points[0] != points[-1]:
        raise AlertValidationError([("area", f"{where} is not closed (first and last positions differ)")])
    if len(set(points[:-1])) < 3 or abs(_signed_area(points)) < 1e-12:
        raise AlertValidationError([("area", f"{where} has no area")])
    if _self_intersects(points):
        raise AlertValidationError([("area", f"{where} crosses itself")])
    return points


def _signed_area(points: Sequence[tuple[float, float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False)) / 2


def _self_intersects(points: Sequence[tuple[float, float]]) -> bool:
    segments = list(zip(points, points[1:], strict=False))
    count = len(segments)
    for i in range(count):
        for j in range(i + 1, count):
            if j == i + 1 or (i == 0 and j == count - 1):
                continue  # neighbours share an end point
            if _segments_cross(*segments[i], *segments[j]):
                return True
    return False


def _segments_cross(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float],
                    d: tuple[float, float]) -> bool:
    def orient(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2, d3, d4 = orient(c, d, a), orient(c, d, b), orient(a, b, c), orient(a, b, d)
    return ((d1 > 0) != (d2 > 0)) and ((d3 > 0) != (d4 > 0)) and 0 not in (d1, d2, d3, d4)
