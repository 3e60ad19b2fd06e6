"""The time-series peer: peer_estimate.py's pipeline run once per date, as an analyst loops over dates.

    python peer_series.py --dates DATES.csv --red B04 --nir B08 --parcels P.geojson --id-field parcel_id \
        --scale 0.0001 --offset -0.1 --model -30,250 --threads T --out peer_series.csv [--timings FILE]

DATES.csv is the dates table verdant series reads: a `date` column, a `raster` column (the stacked scene) and an
optional `scl` column, paths relative to the table. The parcels are read, densified and reprojected once (onto
the first date's grid; every date shares it); then for every date the NDVI and AGB rasters are made and
exactextract runs on T forked workers, exactly as in peer_estimate.py. The long table has one row per parcel
and date (parcel_id, date, observed_ha, mean_ndvi, agb_t), like verdant series' --out.
"""
import argparse
import csv
import json
import math
import multiprocessing
import os
import sys
import time

import rasterio

import peer_estimate as P


def read_dates(path):
    """[(date, scene, scl or None)] from the dates table, paths resolved against the table's folder."""
    folder = os.path.dirname(os.path.abspath(path))
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for r in rows:
        scl = (r.get("scl") or "").strip()
        out.append((r["date"], os.path.join(folder, r["raster"]), os.path.join(folder, scl) if scl else None))
    return sorted(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dates", required=True)
    p.add_argument("--red", default="B04")
    p.add_argument("--nir", default="B08")
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
    dates = read_dates(args.dates)
    times = {"raster_s": 0.0, "exactextract_s": 0.0}
    t0 = time.perf_counter()

    # The parcels once, on the first date's grid (every date of the series shares it).
    with rasterio.open(dates[0][1]) as src:
        t, crs, h, w = src.transform, src.crs, src.height, src.width
    cell_area = abs(t.a * t.e - t.b * t.d)
    features = P.load_parcels(args.parcels, args.id_field, crs, abs(t.a), args.threads)
    times["parcels_s"] = time.perf_counter() - t0
    print(f"peer_series: parcels read, densified, reprojected {times['parcels_s']:.1f} s", file=sys.stderr, flush=True)

    workers = max(1, min(args.threads, len(features)))
    step = math.ceil(len(features) / workers)
    spans = [(i, min(i + step, len(features))) for i in range(0, len(features), step)]
    rows = []
    for date, scene, scl in dates:
        t1 = time.perf_counter()
        ndvi, agb, dt, _ = P.make_rasters(scene, args.red, args.nir, scl, args.scale, args.offset, a, b,
                                          args.threads)
        if dt != t or ndvi.shape != (h, w):
            raise SystemExit(f"peer_series: {scene} is not on the first date's grid")
        t2 = time.perf_counter()
        # the arrays go to the forked workers through the module's shared dict, never pickled
        P._SHARED.update(ndvi=ndvi, agb=agb, ext=(t.c, t.f + h * t.e, t.c + w * t.a, t.f), features=features,
                         wkt=crs.to_wkt())
        if workers == 1:
            results = [P.extract(spans[0])] if spans else []
        else:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                results = pool.map(P.extract, spans, chunksize=1)
        P._SHARED.clear()
        del ndvi, agb  # one date's rasters in memory at a time
        t3 = time.perf_counter()
        times["raster_s"] += t2 - t1
        times["exactextract_s"] += t3 - t2
        print(f"peer_series: {date}: rasters {t2 - t1:.1f} s, exactextract {t3 - t2:.1f} s", file=sys.stderr,
              flush=True)
        for chunk in results:
            for pid, count, mean, total in chunk:
                observed = count * cell_area / 1e4
                ok = observed > 0 and mean is not None and not math.isnan(mean)
                rows.append((pid, date, repr(observed), repr(mean) if ok else "", repr(total * cell_area / 1e4)))

    t4 = time.perf_counter()
    rows.sort()  # by parcel, then date, as verdant series writes them
    with open(args.out, "w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["parcel_id", "date", "observed_ha", "mean_ndvi", "agb_t"])
        out.writerows(rows)
    times["write_s"] = time.perf_counter() - t4
    times["total_s"] = time.perf_counter() - t0
    if args.timings:
        with open(args.timings, "w") as fh:
            json.dump(times, fh, indent=1)


if __name__ == "__main__":
    main()
