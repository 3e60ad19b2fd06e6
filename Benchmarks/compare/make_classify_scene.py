"""Makes the deterministic four-band scene that the classify benchmark predicts (run_classify.sh).

    python make_classify_scene.py --landsat STACK_B1-B7.tif --size N --out OUT.tif [--seed S]

OUT.tif: N x N cells, 4 UInt16 bands described B1, B2, B3, B4 (Landsat 5 TM blue, green, red, NIR, the bands a
forest trained on the Landsat 5 scene with --features blue,green,red,nir reads), pixel-interleaved, DEFLATE,
512 x 512 tiles, nodata 0, on the Landsat scene's CRS (WGS 84 / UTM 22N) and 30 m cells from its corner.

The DN are the real scene's spectra, so that the forest takes the varied paths it takes on real land (cleared,
fallen, forest, water and their mixtures), not a few paths of uniform noise: the output is cut into 256 x 256
patches, and each patch is a window of the Landsat scene (B1-B4), tiled by mirroring, drawn at its own offset,
zoom (1, 2 or 3 cells per source cell) and orientation (flipped in x and / or y), plus Gaussian sensor noise of
1.5 DN, rounded and clipped to 1..254. Every patch has its own generator seeded by (S, patch row, patch column),
so the scene depends only on the Landsat file, N and S.
"""
import argparse
import os
import sys
import time

import numpy as np
import rasterio
from rasterio.transform import from_origin
from rasterio.windows import Window

PATCH = 256
BLOCK = 512


def mirrored(i, n):
    """Indices i (any integers) into 0..n-1, the source tiled by mirroring (period 2n)."""
    i = np.mod(i, 2 * n)
    return np.where(i < n, i, 2 * n - 1 - i)


def patch(source, seed, py, px, h, w):
    """The h x w patch (py, px): 4 x h x w float64 DN."""
    rng = np.random.default_rng([seed, py, px])
    _, sh, sw = source.shape
    zoom = int(rng.integers(1, 4))
    oy, ox = int(rng.integers(0, 2 * sh)), int(rng.integers(0, 2 * sw))
    fy, fx = rng.integers(0, 2, size=2)
    ry = np.arange(h) // zoom
    rx = np.arange(w) // zoom
    if fy:
        ry = -ry
    if fx:
        rx = -rx
    rows = mirrored(oy + ry, sh)
    cols = mirrored(ox + rx, sw)
    values = source[:, rows[:, None], cols[None, :]].astype(np.float64)
    return values + rng.normal(0.0, 1.5, size=values.shape)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--landsat", required=True, help="the Landsat 5 stack (bands B1-B7); B1-B4 are used")
    p.add_argument("--size", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    if a.size < 1:
        p.error("--size must be >= 1")
    with rasterio.open(a.landsat) as ds:
        source = ds.read([1, 2, 3, 4])
        crs = ds.crs
        left, top = ds.transform.c, ds.transform.f
    size = a.size
    profile = dict(driver="GTiff", width=size, height=size, count=4, dtype="uint16", crs=crs,
                   transform=from_origin(left, top, 30.0, 30.0), tiled=True, blockxsize=BLOCK, blockysize=BLOCK,
                   compress="deflate", interleave="pixel", nodata=0, BIGTIFF="IF_SAFER", NUM_THREADS="ALL_CPUS")
    tmp = a.out + ".part"
    started = time.time()
    with rasterio.open(tmp, "w", **profile) as dst:
        for k in range(4):
            dst.set_band_description(k + 1, f"B{k + 1}")
        for r0 in range(0, size, BLOCK):
            h = min(BLOCK, size - r0)
            strip = np.empty((4, h, size), dtype=np.float64)
            for pr0 in range(r0, r0 + h, PATCH):
                ph = min(PATCH, r0 + h - pr0)
                for c0 in range(0, size, PATCH):
                    pw = min(PATCH, size - c0)
                    strip[:, pr0 - r0:pr0 - r0 + ph, c0:c0 + pw] = patch(source, a.seed, pr0 // PATCH, c0 // PATCH,
                                                                           ph, pw)
            dst.write(np.clip(np.rint(strip), 1, 254).astype(np.uint16), window=Window(0, r0, size, h))
            if (r0 // BLOCK) % 4 == 3 or r0 + h == size:
                print(f"  rows {r0 + h}/{size} ({time.time() - started:.0f} s)", file=sys.stderr, flush=True)
    os.replace(tmp, a.out)


if __name__ == "__main__":
    main()
