"""The "peer" pipeline: the per-parcel estimate as an analyst does it today with rasterio + numpy + exactextract.

    python peer_estimate.py --scene S.tif --red B04 --nir B08 [--scl SCL.tif] --parcels P.geojson \
        --id-field parcel_id --scale 0.0001 --offset -0.1 --model -30,250 --threads T --out peer.csv

1. raster: the red and NIR bands (and the SCL) are read block by block on T threads (one rasterio handle per
   thread; GDAL and numpy release the GIL), and two float64 rasters are kept in memory: NDVI and AGB (t/ha),
   NaN where a cell is undefined: red or NIR nodata, SCL in {0, 1, 3, 8, 9, 10}, or red + NIR reflectance = 0.
   reflectance = DN x scale + offset; NDVI = (nir - red) / (nir + red); AGB = max(0, a + b NDVI).
2. parcels: read with pyogrio (GeoPandas' reader) as WKB, turned into flat coordinate arrays by shapely, every
   ring densified in lon/lat as GDAL's OGR_G_Segmentize does (on a segment longer than half a cell, 5 m as
   degrees on the WGS 84 equatorial radius, floor(L / max - 0.01) evenly spaced points are inserted), reprojected
   to the raster CRS with pyproj (both on T threads, over contiguous runs of rings), and handed to exactextract
   as WKB (as a GeoPandas source would be, without a GeoJSON text round trip).
3. exactextract on the in-memory arrays (NumPyRasterSource): count(ndvi) (the covered fraction of defined
   cells), mean(ndvi) (coverage-weighted, NaN cells skipped) and sum(agb); observed_ha = count x cell area /
   1e4, agb_t = sum x cell area / 1e4. The parcels are split into T contiguous chunks run in T forked worker
   processes that inherit the arrays and the parcels copy-on-write, so nothing big is pickled (exactextract
   itself is single-threaded).
Phase times go to stderr and, with --timings FILE, to a JSON file.
"""
import argparse
import csv
import json
import math
import multiprocessing
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pyogrio
import rasterio
import shapely
from pyproj import Transformer
from exactextract import Operation, exact_extract
from exactextract.feature import Feature, FeatureSource
from exactextract.raster import NumPyRasterSource

EXCLUDED_SCL = np.array([0, 1, 3, 8, 9, 10], dtype=np.uint8)
R_EARTH = 6378137.0

# Set in the parent before forking the exactextract workers, so the children see them without copying.
_SHARED = {}


def band_index(src, name):
    if name.isdigit():
        return int(name)
    for i, d in enumerate(src.descriptions):
        if d == name:
            return i + 1
    raise SystemExit(f"peer: no band described {name!r} in {src.name}")


def make_rasters(scene, red, nir, scl, scale, offset, a, b, threads):
    with rasterio.open(scene) as src:
        ri, ni = band_index(src, red), band_index(src, nir)
        h, w = src.height, src.width
        t = src.transform
        crs = src.crs
        nodata = src.nodatavals
        windows = [win for _, win in src.block_windows(ri)]
    ndvi = np.empty((h, w), dtype=np.float64)
    agb = np.empty((h, w), dtype=np.float64)
    local = threading.local()

    def work(win):
        if not hasattr(local, "src"):
            local.src = rasterio.open(scene)
            local.scl = rasterio.open(scl) if scl else None
        dn = local.src.read([ri, ni], window=win)
        valid = np.ones(dn.shape[1:], dtype=bool)
        if nodata[ri - 1] is not None:
            valid &= dn[0] != nodata[ri - 1]
        if nodata[ni - 1] is not None:
            valid &= dn[1] != nodata[ni - 1]
        if local.scl is not None:
            valid &= ~np.isin(local.scl.read(1, window=win), EXCLUDED_SCL)
        r = dn[0] * scale + offset
        n = dn[1] * scale + offset
        den = n + r
        valid &= den != 0
        with np.errstate(invalid="ignore", divide="ignore"):
            x = (n - r) / den
        x[~valid] = np.nan
        rows = slice(win.row_off, win.row_off + win.height)
        cols = slice(win.col_off, win.col_off + win.width)
        ndvi[rows, cols] = x
        agb[rows, cols] = np.maximum(a + b * x, 0.0)  # NaN stays NaN

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(work, windows))
    return ndvi, agb, t, crs


def segmentize(xy, ring_lengths, max_len):
    """GDAL's OGRSimpleCurve::segmentize on many closed rings at once (xy: the rings one after another).

    On a segment of squared length d2 > max^2 (1 + 1e-5), floor(sqrt(d2 / max^2) - 0.01) points are inserted at
    x0 + j dx / (n + 1), j = 1..n, as GDAL computes them. Returns the new coordinates and ring lengths."""
    ends = np.cumsum(ring_lengths) - 1  # the closing vertex of each ring starts no segment
    d = np.zeros_like(xy)
    d[:-1] = xy[1:] - xy[:-1]
    d[ends] = 0.0
    d2 = d[:, 0] ** 2 + d[:, 1] ** 2
    m2 = max_len * max_len
    n = np.where(d2 - m2 > 1e-5 * m2, np.floor(np.sqrt(d2 / m2) - 1e-2), 0).astype(np.int64)
    counts = n + 1  # the vertex itself, then its segment's inserted points
    src = np.repeat(np.arange(len(xy)), counts)
    j = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    k = (n[src] + 1).astype(np.float64)
    out = np.empty((len(src), 2))
    out[:, 0] = xy[src, 0] + j * d[src, 0] / k
    out[:, 1] = xy[src, 1] + j * d[src, 1] / k
    starts = np.concatenate([[0], ends[:-1] + 1])
    return out, np.add.reduceat(counts, starts)


class WKBFeature(Feature):
    """A parcel for exactextract: its id and its geometry as WKB (no GeoJSON text round trip)."""

    def __init__(self, pid, wkb):
        Feature.__init__(self)
        self.pid = pid
        self.wkb = wkb

    def get(self, name):
        return self.pid

    def geometry(self):
        return self.wkb

    def set_geometry_format(self):
        return "wkb"

    def fields(self):
        return ["parcel_id"]


class WKBFeatureSource(FeatureSource):
    def __init__(self, items, srs_wkt):
        super().__init__()
        self.items = items
        self.wkt = srs_wkt

    def count(self):
        return len(self.items)

    def __iter__(self):
        for pid, wkb in self.items:
            yield WKBFeature(pid, wkb)

    def srs_wkt(self):
        return self.wkt


def load_parcels(path, id_field, crs, cell, threads):
    """[(parcel_id, WKB in the raster CRS)]: read with pyogrio, rings densified in their own (lon/lat) CRS, then
    reprojected; densify + reproject run on `threads` threads over contiguous runs of rings."""
    meta, _, wkb, fields = pyogrio.raw.read(path, columns=[id_field])
    ids = [str(v) for v in fields[0]]
    src_crs = meta.get("crs") or "EPSG:4326"
    geoms = shapely.from_wkb(wkb)
    kind, coords, offsets = shapely.to_ragged_array(geoms, include_z=False)
    ring_offsets = offsets[0]
    lengths = np.diff(ring_offsets)
    max_len = (cell / 2) / (math.pi / 180 * R_EARTH)
    target = crs.to_wkt()
    bounds = np.linspace(0, len(lengths), max(1, threads) + 1).astype(np.int64)

    def work(k):
        r0, r1 = bounds[k], bounds[k + 1]
        part, plen = segmentize(coords[ring_offsets[r0]:ring_offsets[r1]], lengths[r0:r1], max_len)
        x, y = Transformer.from_crs(src_crs, target, always_xy=True).transform(part[:, 0], part[:, 1])
        return np.column_stack([x, y]), plen

    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        parts = [p for p in pool.map(work, range(len(bounds) - 1)) if len(p[1])]
    xy = np.concatenate([p[0] for p in parts])
    new_lengths = np.concatenate([p[1] for p in parts])
    new_offsets = (np.concatenate([[0], np.cumsum(new_lengths)]),) + tuple(offsets[1:])
    out = shapely.to_wkb(shapely.from_ragged_array(kind, xy, new_offsets))
    return list(zip(ids, out))


def extract(span):
    ndvi, agb, ext = _SHARED["ndvi"], _SHARED["agb"], _SHARED["ext"]
    chunk = WKBFeatureSource(_SHARED["features"][span[0]:span[1]], _SHARED["wkt"])  # inherited by the fork, never pickled
    n = NumPyRasterSource(ndvi, *ext, name="ndvi")
    g = NumPyRasterSource(agb, *ext, name="agb")
    ops = [Operation("count", "ndvi_count", n), Operation("mean", "ndvi_mean", n), Operation("sum", "agb_sum", g)]
    res = exact_extract([n, g], chunk, ops, include_cols=["parcel_id"])
    return [(r["properties"]["parcel_id"], r["properties"]["ndvi_count"], r["properties"]["ndvi_mean"],
             r["properties"]["agb_sum"]) for r in res]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--scene", required=True)
    p.add_argument("--red", default="B04")
    p.add_argument("--nir", default="B08")
    p.add_argument("--scl")
    p.add_argument("--parcels", required=True)
    p.add_argument("--id-field", default="parcel_id")
    p.add_argument("--scale", type=float, default=0.0001)
    p.add_argument("--offset", type=float, default=-0.1)
    p.add_argument("--model", default="-30,250", help="linear model a,b: AGB = max(0, a + b NDVI)")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--out", required=True)
    p.add_argument("--timings")
    args = p.parse_args()
    a, b = (float(v) for v in args.model.split(","))
    times = {}
    t0 = time.perf_counter()
    ndvi, agb, t, crs = make_rasters(args.scene, args.red, args.nir, args.scl, args.scale, args.offset, a, b,
                                     args.threads)
    times["raster_s"] = time.perf_counter() - t0
    print(f"peer: rasters {times['raster_s']:.1f} s", file=sys.stderr, flush=True)

    t1 = time.perf_counter()
    cell_area = abs(t.a * t.e - t.b * t.d)
    features = load_parcels(args.parcels, args.id_field, crs, abs(t.a), args.threads)
    times["parcels_s"] = time.perf_counter() - t1
    print(f"peer: parcels read, densified, reprojected {times['parcels_s']:.1f} s", file=sys.stderr, flush=True)

    t2 = time.perf_counter()
    h, w = ndvi.shape
    _SHARED.update(ndvi=ndvi, agb=agb, ext=(t.c, t.f + h * t.e, t.c + w * t.a, t.f), features=features, wkt=crs.to_wkt())
    workers = max(1, min(args.threads, len(features)))
    step = math.ceil(len(features) / workers)
    spans = [(i, min(i + step, len(features))) for i in range(0, len(features), step)]
    if workers == 1:
        results = [extract(spans[0])] if spans else []
    else:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(extract, spans, chunksize=1)
    times["exactextract_s"] = time.perf_counter() - t2
    print(f"peer: exactextract {times['exactextract_s']:.1f} s", file=sys.stderr, flush=True)

    t3 = time.perf_counter()
    with open(args.out, "w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["parcel_id", "observed_ha", "mean_ndvi", "agb_t", "agb_t_per_ha", "carbon_t", "co2e_t"])
        for chunk in results:
            for pid, count, mean, total in chunk:
                observed = count * cell_area / 1e4
                agb_t = total * cell_area / 1e4
                if observed > 0 and mean is not None and not math.isnan(mean):
                    row = [pid, repr(observed), repr(mean), repr(agb_t), repr(agb_t / observed),
                           repr(agb_t * 0.47), repr(agb_t * 0.47 * 44 / 12)]
                else:
                    row = [pid, repr(observed), "", repr(agb_t), "", repr(agb_t * 0.47), repr(agb_t * 0.47 * 44 / 12)]
                out.writerow(row)
    times["write_s"] = time.perf_counter() - t3
    times["total_s"] = time.perf_counter() - t0
    if args.timings:
        with open(args.timings, "w") as fh:
            json.dump(times, fh, indent=1)


if __name__ == "__main__":
    main()
