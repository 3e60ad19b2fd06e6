"""Checks that Verdant's composite and the peer's agree, cell by cell and band by band.

    python compare_composite.py VERDANT.tif PEER.tif [--json OUT.json]

Bands are matched in order (red, nir, ndvi: the composite's roles, then the index). Both are Float32, NaN where
no date observes the cell. Read block by block; prints, per band, the cells that are NaN on one side only, the
cells whose values are bit-identical, and the worst absolute difference; exits 1 unless every finite cell is
within 1e-6 relative of the other and the NaN cells are the same.
"""
import argparse
import json
import sys

import numpy as np
import rasterio


def main():
    p = argparse.ArgumentParser()
    p.add_argument("verdant")
    p.add_argument("peer")
    p.add_argument("--json")
    a = p.parse_args()
    with rasterio.open(a.verdant) as v, rasterio.open(a.peer) as q:
        if (v.width, v.height) != (q.width, q.height) or v.count < 3 or q.count < 3:
            raise SystemExit("compare_composite: the two rasters differ in size or have fewer than 3 bands")
        stats = []
        for b in range(1, 4):
            s = {"band": v.descriptions[b - 1] or str(b), "cells": 0, "nan_mismatch": 0, "identical": 0,
                 "worst_abs": 0.0, "over_tolerance": 0}
            for _, win in q.block_windows(1):
                x = v.read(b, window=win)
                y = q.read(b, window=win)
                nx, ny = np.isnan(x), np.isnan(y)
                both = ~nx & ~ny
                s["cells"] += x.size
                s["nan_mismatch"] += int(np.count_nonzero(nx != ny))
                s["identical"] += int(np.count_nonzero(x[both] == y[both]) + np.count_nonzero(nx & ny))
                if both.any():
                    d = np.abs(x[both].astype(np.float64) - y[both])
                    s["worst_abs"] = max(s["worst_abs"], float(d.max()))
                    tol = 1e-6 * np.maximum(np.abs(x[both]), np.abs(y[both])) + 1e-12
                    s["over_tolerance"] += int(np.count_nonzero(d > tol))
            stats.append(s)
    ok = all(s["nan_mismatch"] == 0 and s["over_tolerance"] == 0 for s in stats)
    for s in stats:
        print(f"  composite {s['band']:5s} {s['identical']}/{s['cells']} cells identical, worst absolute difference "
              f"{s['worst_abs']:.3e}, NaN on one side only {s['nan_mismatch']}, over tolerance {s['over_tolerance']}")
    print("  result: " + ("AGREE" if ok else "DISAGREE"))
    if a.json:
        with open(a.json, "w") as fh:
            json.dump({"bands": stats, "ok": ok}, fh, indent=1)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
