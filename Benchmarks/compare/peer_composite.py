"""The composite peer: a per-cell median over the dates with rasterio + numpy, as an analyst writes it.

    python peer_composite.py --dates DATES.csv --red B04 --nir B08 --scale 0.0001 --offset -0.1 \
        --threads T --out peer_composite.tif [--timings FILE]

DATES.csv is the dates table verdant composite reads (`date`, `raster`, optional `scl`; paths relative to the
table). The scene is processed block by block (the first date's 512 x 512 blocks) on T threads, each with its
own rasterio handles on every date: for a block, every date's red and NIR (and SCL) are read, a cell is observed
on a date unless red or NIR is nodata, the SCL is in {0, 1, 3, 8, 9, 10} or red + NIR reflectance is 0 (as in
peer_estimate.py); reflectance = DN x scale + offset and NDVI = (nir - red) / (nir + red) in float64, NaN where
unobserved; then np.nanmedian over the dates axis of the dates x rows x cols stack of each of red, NIR and NDVI.
The result is written as a 3-band Float32 GeoTIFF (red, nir, ndvi; 512 tiles, DEFLATE with the floating-point
predictor, NaN where no date observes the cell). At most 2 T blocks are in flight, so memory stays bounded.
"""
import argparse
import json
import sys
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import rasterio

import peer_estimate as P
from peer_series import read_dates


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dates", required=True)
    p.add_argument("--red", default="B04")
    p.add_argument("--nir", default="B08")
    p.add_argument("--scale", type=float, default=0.0001)
    p.add_argument("--offset", type=float, default=-0.1)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--out", required=True)
    p.add_argument("--timings")
    args = p.parse_args()
    dates = read_dates(args.dates)
    t0 = time.perf_counter()
    with rasterio.open(dates[0][1]) as src:
        ri, ni = P.band_index(src, args.red), P.band_index(src, args.nir)
        profile = dict(driver="GTiff", width=src.width, height=src.height, count=3, dtype="float32",
                       crs=src.crs, transform=src.transform, tiled=True, blockxsize=512, blockysize=512,
                       compress="deflate", predictor=3, nodata=float("nan"), BIGTIFF="IF_SAFER")
        nodata = src.nodatavals
        windows = [win for _, win in src.block_windows(ri)]
    local = threading.local()

    def work(win):
        if not hasattr(local, "src"):  # one set of handles per thread
            local.src = [rasterio.open(scene) for _, scene, _ in dates]
            local.scl = [rasterio.open(scl) if scl else None for _, _, scl in dates]
        stack = np.empty((3, len(dates), win.height, win.width))  # red, nir, ndvi x dates x rows x cols
        for d in range(len(dates)):
            dn = local.src[d].read([ri, ni], window=win)
            valid = np.ones(dn.shape[1:], dtype=bool)
            if nodata[ri - 1] is not None:
                valid &= dn[0] != nodata[ri - 1]
            if nodata[ni - 1] is not None:
                valid &= dn[1] != nodata[ni - 1]
            if local.scl[d] is not None:
                valid &= ~np.isin(local.scl[d].read(1, window=win), P.EXCLUDED_SCL)
            r = dn[0] * args.scale + args.offset
            n = dn[1] * args.scale + args.offset
            den = n + r
            valid &= den != 0
            with np.errstate(invalid="ignore", divide="ignore"):
                x = (n - r) / den
            for k, v in enumerate((r, n, x)):
                v[~valid] = np.nan
                stack[k, d] = v
        with warnings.catch_warnings():  # "All-NaN slice": cells no date observes stay NaN
            warnings.simplefilter("ignore", RuntimeWarning)
            return win, np.nanmedian(stack, axis=1).astype(np.float32)

    with rasterio.open(args.out, "w", **profile) as dst, ThreadPoolExecutor(max_workers=args.threads) as pool:
        dst.descriptions = ("red", "nir", "ndvi")
        batch = 2 * max(1, args.threads)
        for i in range(0, len(windows), batch):
            for win, values in pool.map(work, windows[i:i + batch]):
                dst.write(values, window=win)
    times = {"total_s": time.perf_counter() - t0}
    print(f"peer_composite: {len(dates)} dates, {len(windows)} blocks, {times['total_s']:.1f} s", file=sys.stderr)
    if args.timings:
        with open(args.timings, "w") as fh:
            json.dump(times, fh, indent=1)


if __name__ == "__main__":
    main()
