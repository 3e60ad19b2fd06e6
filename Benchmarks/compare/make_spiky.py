#!/usr/bin/env python3
"""Writes one pathological lon/lat parcel (EPSG:4326) over the sample raster, for timing `verdant estimate`.

  star:   n vertices, vertex k at angle 2*pi*k/n and a random radius in [0.001, 0.005] degrees around the centre,
          so every edge zig-zags (a valid but very spiky polygon).
  eights: a chain of n/2 crossings: the ring goes east zig-zagging between two latitudes and comes back west
          zig-zagging in the opposite phase, so the two halves cross once per step (figure-eights repeated, an
          invalid ring that MakeValid splits into n/2 diamonds).

Usage: make_spiky.py star|eights N OUT.geojson [--seed S] [--lon X] [--lat Y]
"""
import argparse
import json
import math
import random


def star(n, lon, lat, rng):
    ring = []
    for k in range(n):
        a = 2 * math.pi * k / n
        r = rng.uniform(0.001, 0.005)
        ring.append([lon + r * math.cos(a), lat + r * math.sin(a)])
    ring.append(ring[0])
    return ring


def eights(n, lon, lat):
    steps = max(2, n // 2)
    width, height = 0.008, 0.002
    west = lon - width / 2
    dx = width / steps
    out = [[west + k * dx, lat + (height if k % 2 else 0.0)] for k in range(steps + 1)]
    back = [[west + k * dx, lat + (0.0 if k % 2 else height)] for k in range(steps, -1, -1)]
    ring = out + back
    ring.append(ring[0])
    return ring


def main():
    p = argparse.ArgumentParser()
    p.add_argument("kind", choices=["star", "eights"])
    p.add_argument("n", type=int)
    p.add_argument("out")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--lon", type=float, default=99.9464)
    p.add_argument("--lat", type=float, default=14.4572)
    a = p.parse_args()
    rng = random.Random(a.seed)
    ring = star(a.n, a.lon, a.lat, rng) if a.kind == "star" else eights(a.n, a.lon, a.lat)
    feature = {"type": "Feature", "properties": {"parcel_id": f"{a.kind}{a.n}"},
               "geometry": {"type": "Polygon", "coordinates": [ring]}}
    with open(a.out, "w") as f:
        json.dump({"type": "FeatureCollection", "features": [feature]}, f)


if __name__ == "__main__":
    main()
