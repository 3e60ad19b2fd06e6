"""Makes the deterministic synthetic parcels for the comparison harness.

    python make_parcels.py --size N --count K --out parcels.geojson

K irregular polygons over the N x N scene of scene_grid.py, written as GeoJSON in EPSG:4326 (lon, lat; 9
decimals) with the fields parcel_id ("P0000001"...) and crop. Each polygon part has 10-60 vertices (a star-shaped
ring with jittered angles and radii, stretched and turned like a field), the parcel covers 0.5-50 ha
(log-uniform), about 12 % of the parts have a hole, about 10 % of the parcels have 2 or 3 parts, and about 5 %
are centred on the scene's edge so that they cross it. The seed depends only on N and K.
"""
import argparse
import json
import math
import os

import numpy as np
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Polygon

import scene_grid as G

CROPS = ["rice", "maize", "cassava", "sugarcane", "rubber", "fallow"]


def shoelace(xy):
    x, y = xy[:, 0], xy[:, 1]
    return 0.5 * float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def star(rng, n, jitter=0.3, rough=0.25):
    """A closed counter-clockwise ring around (0, 0) of n vertices with angles strictly increasing."""
    step = 2 * math.pi / n
    theta = rng.uniform() * 2 * math.pi + step * (np.arange(n) + rng.uniform(-jitter, jitter, n))
    r = np.exp(rough * rng.standard_normal(n))
    r = np.clip(0.5 * r + 0.25 * (np.roll(r, 1) + np.roll(r, -1)), 0.45, 2.0)  # smoother, field-like outline
    ring = np.stack([r * np.cos(theta), r * np.sin(theta)], axis=1)
    return np.vstack([ring, ring[:1]]), float(r.min())


def part(rng, area_m2, with_hole):
    n = int(rng.integers(10, 61))
    outer, rmin = star(rng, n)
    rings = [outer]
    if with_hole:
        m = int(rng.integers(10, 21))
        hole, _ = star(rng, m, rough=0.1)
        hole = hole * (0.25 * rmin / 2.0)  # the hole's largest radius stays well inside the outer ring
        hole = hole[::-1] + rng.uniform(-0.05, 0.05, 2) * rmin
        rings.append(hole)
    # stretch and turn like a field (a linear map keeps the hole inside and the ring simple)
    aspect = rng.uniform(1.0, 3.0)
    phi = rng.uniform(0, math.pi)
    c, s = math.cos(phi), math.sin(phi)
    m = np.array([[c, -s], [s, c]]) @ np.diag([math.sqrt(aspect), 1 / math.sqrt(aspect)])
    rings = [ring @ m.T for ring in rings]
    a = shoelace(rings[0]) + sum(shoelace(h) for h in rings[1:])  # holes are clockwise: negative
    k = math.sqrt(area_m2 / a)
    rings = [ring * k for ring in rings]
    radius = float(np.max(np.hypot(rings[0][:, 0], rings[0][:, 1])))
    return rings, radius


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--size", type=int, required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    rng = np.random.default_rng([424242, a.size, a.count])
    xmin, ymin, xmax, ymax = G.bounds(a.size)
    to_ll = Transformer.from_crs(f"EPSG:{G.EPSG}", "EPSG:4326", always_xy=True)
    features = []
    stats = {"holes": 0, "multipart": 0, "edge": 0}
    for i in range(a.count):
        area_ha = math.exp(rng.uniform(math.log(0.5), math.log(50.0)))
        nparts = 1 if rng.uniform() >= 0.10 else int(rng.integers(2, 4))
        shares = rng.uniform(0.5, 1.5, nparts)
        shares /= shares.sum()
        parts = []
        for k in range(nparts):
            hole = rng.uniform() < 0.12
            stats["holes"] += hole
            parts.append(part(rng, area_ha * 1e4 * shares[k], hole))
        extent = parts[0][1]
        if rng.uniform() < 0.05:  # centred on a random point of the scene's edge
            side = int(rng.integers(4))
            t = rng.uniform()
            cx, cy = [(xmin + t * (xmax - xmin), ymax), (xmin + t * (xmax - xmin), ymin),
                      (xmin, ymin + t * (ymax - ymin)), (xmax, ymin + t * (ymax - ymin))][side]
            stats["edge"] += 1
        else:
            margin = min(extent * 3, (xmax - xmin) / 4)
            cx = rng.uniform(xmin + margin, xmax - margin)
            cy = rng.uniform(ymin + margin, ymax - margin)
        placed = []
        for k, (rings, radius) in enumerate(parts):
            if k == 0:
                ox, oy = cx, cy
            else:  # beside the first part, never overlapping it or each other
                d = parts[0][1] + radius + sum(r for _, r in parts[1:k]) * 2 + 200 * (k - 1) + rng.uniform(20, 200)
                phi = rng.uniform(0, 2 * math.pi)
                ox, oy = cx + d * math.cos(phi), cy + d * math.sin(phi)
            placed.append([ring + np.array([ox, oy]) for ring in rings])
        geom = MultiPolygon([Polygon(r[0], r[1:]) for r in placed]) if nparts > 1 else Polygon(placed[0][0], placed[0][1:])
        if not geom.is_valid:
            from shapely.validation import explain_validity
            raise SystemExit(f"internal error: parcel {i} is not valid: {explain_validity(geom)}")
        stats["multipart"] += nparts > 1
        coords = []
        for rings in placed:
            out = []
            for ring in rings:
                lon, lat = to_ll.transform(ring[:, 0], ring[:, 1])
                out.append([[round(float(x), 9), round(float(y), 9)] for x, y in zip(lon, lat)])
            coords.append(out)
        geometry = {"type": "MultiPolygon", "coordinates": coords} if nparts > 1 else {"type": "Polygon", "coordinates": coords[0]}
        features.append({"type": "Feature",
                         "properties": {"parcel_id": "P%07d" % (i + 1), "crop": CROPS[int(rng.integers(len(CROPS)))]},
                         "geometry": geometry})
    tmp = a.out + ".part"
    with open(tmp, "w") as fh:
        fh.write('{"type": "FeatureCollection", "name": "parcels",\n"features": [\n')
        for i, f in enumerate(features):
            fh.write(json.dumps(f, separators=(",", ":")))
            fh.write(",\n" if i + 1 < len(features) else "\n")
        fh.write("]}\n")
    os.replace(tmp, a.out)
    print(f"  parcels: {a.count} ({stats['multipart']} multipart, {stats['holes']} holes, {stats['edge']} on the edge)")


if __name__ == "__main__":
    main()
