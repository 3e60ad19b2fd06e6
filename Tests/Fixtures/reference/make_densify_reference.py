#!/usr/bin/env python3
"""Reference areas of lon/lat parcels (EPSG:4326, straight edges in lon/lat) on UTM 47N (EPSG:32647), for
RingProjectorAccuracyTests: every edge is cut into 8192 pieces in lon/lat, each point projected by PROJ (pyproj),
and the area taken by GEOS (shapely, float64) and by an exactly summed shoelace (math.fsum, relative to the first
vertex); the two agree, and 4096 pieces give the same area to < 1e-12 relative (printed), so the figures are the
areas of the exact curved images to far better than the 1e-8 the test asks for.

Run: python3 make_densify_reference.py > densify_reference.json   (needs pyproj and shapely)
"""
import json
import math
import random

from pyproj import Transformer
from shapely.geometry import Polygon

T = Transformer.from_crs("EPSG:4326", "EPSG:32647", always_xy=True)
M_PER_DEG = 111_320.0


def fine(ring, pieces):
    lon, lat = [], []
    for (x0, y0), (x1, y1) in zip(ring[:-1], ring[1:]):
        for k in range(pieces):
            t = k / pieces
            lon.append(x0 + t * (x1 - x0))
            lat.append(y0 + t * (y1 - y0))
    xs, ys = T.transform(lon, lat)
    return list(xs), list(ys)


def shoelace(xs, ys):
    x0, y0 = xs[0], ys[0]
    terms = []
    n = len(xs)
    for i in range(n):
        j = (i + 1) % n
        terms.append((xs[i] - x0) * (ys[j] - y0))
        terms.append(-(xs[j] - x0) * (ys[i] - y0))
    return math.fsum(terms) / 2


def area(rings, pieces):
    total, geos = 0.0, 0.0
    shells = []
    for k, ring in enumerate(rings):
        xs, ys = fine(ring, pieces)
        a = abs(shoelace(xs, ys))
        total += a if k == 0 else -a
        shells.append(list(zip(xs, ys)))
    geos = Polygon(shells[0], shells[1:]).area
    return total, geos


def rect(lon, lat, w_m, h_m, angle=0.0):
    dx, dy = w_m / (M_PER_DEG * math.cos(math.radians(lat))), h_m / M_PER_DEG
    c, s = math.cos(angle), math.sin(angle)
    pts = [(-dx / 2, -dy / 2), (dx / 2, -dy / 2), (dx / 2, dy / 2), (-dx / 2, dy / 2)]
    ring = [[lon + x * c - y * s * dx / dy if dy else lon, lat + x * s * dy / dx + y * c] for x, y in pts]
    return ring + [ring[0]]


def main():
    rng = random.Random(11)
    parcels = []
    # Ordinary parcels: 0.5-10 ha quadrilaterals, some with long edges, near and far from the central meridian (99E).
    for i in range(12):
        lon = rng.choice([99.95, 101.6, 96.4]) + rng.uniform(-0.02, 0.02)
        lat = 14.46 + rng.uniform(-0.02, 0.02)
        w, h = rng.uniform(70, 400), rng.uniform(70, 300)
        parcels.append((f"quad{i}", [rect(lon, lat, w, h, rng.uniform(-0.5, 0.5))]))
    # Slivers: long and thin rectangles and triangles (widths 0.3-5 m, lengths 200-3000 m), all directions.
    for i in range(16):
        lon = rng.choice([99.95, 101.6, 96.4]) + rng.uniform(-0.02, 0.02)
        lat = 14.46 + rng.uniform(-0.02, 0.02)
        length, width = rng.uniform(200, 3000), rng.choice([0.3, 0.5, 1.0, 2.0, 5.0])
        a = rng.uniform(0, math.pi)
        ux, uy = math.cos(a) / (M_PER_DEG * math.cos(math.radians(lat))), math.sin(a) / M_PER_DEG
        vx, vy = -math.sin(a) / (M_PER_DEG * math.cos(math.radians(lat))), math.cos(a) / M_PER_DEG
        p0 = [lon, lat]
        p1 = [lon + length * ux, lat + length * uy]
        p2 = [p1[0] + width * vx, p1[1] + width * vy]
        p3 = [lon + width * vx, lat + width * vy]
        ring = [p0, p1, p2, p3, p0] if i % 2 == 0 else [p0, p1, p2, p0]
        parcels.append((f"sliver{i}", [ring]))
    # A 3 km square with a hole, and a large 5 km triangle.
    outer = rect(99.96, 14.45, 3000, 3000)
    hole = rect(99.96, 14.45, 800, 500, 0.3)
    parcels.append(("holed", [outer, hole[::-1]]))
    parcels.append(("triangle", [[[101.5, 14.40], [101.55, 14.43], [101.52, 14.45], [101.5, 14.40]]]))

    out = []
    worst = 0.0
    for pid, rings in parcels:
        a, g = area(rings, 8192)
        b, _ = area(rings, 4096)
        worst = max(worst, abs(a - b) / a)
        assert abs(a - g) <= 1e-10 * a, (pid, a, g)
        out.append({"id": pid, "rings": rings, "area_m2": a})
    import sys
    print(f"worst |A(8192) - A(4096)| / A = {worst:.2e}", file=sys.stderr)
    json.dump({"crs": "EPSG:32647", "pieces_per_edge": 8192, "parcels": out}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
