"""Per-parcel, per-date reference figures for `verdant series` on the real MODIS MOD13Q1 NDVI series of
../shared/real-data/modis_ndvi_sits/ (12 JPEG 2000 files, Int16, MODIS sinusoidal CRS, 2013-09-14 to 2014-08-29),
made once with an independent tool chain: pyproj places the parcels, rasterio reads the rasters, exactextract
(isciences) checks the coverage of every cell (computed exactly for these axis-aligned squares), numpy does the
sums. Nothing of Verdant is used.

Run from the project root with a virtualenv that has rasterio, numpy, exactextract and pyproj:
    python3 -m venv /tmp/venv-modis && /tmp/venv-modis/bin/pip install rasterio numpy exactextract pyproj
    /tmp/venv-modis/bin/python Tests/Fixtures/reference/make_modis_series_reference.py
It writes, beside this script:
- modis_sinop_parcels.geojson: one square of SIDE_M metres a side, centred on each of the 18 labelled points of
  samples_sinop_crop.csv (EPSG:4326 -> the rasters' sinusoidal CRS with pyproj; centres rounded to the
  millimetre), in the rasters' CRS (its WKT in the GeoJSON `crs` member), fields `id` and `label`.
- modis_series.json: per parcel and date the figures below, floats written with repr (shortest round-trip,
  at most 17 significant digits, so exact).

Conventions (the same as Verdant's `--band ndvi=FILE --scale 0.0001 --valid-range -0.2,1`):
- NDVI = value x 0.0001 in float64 (the file declares no GDAL scale, offset or nodata). A cell is observed
  where -0.2 <= NDVI <= 1; MOD13Q1 writes -3000 as fill, and the lossy JPEG 2000 coding spreads it to about
  -3300..-2700, so values below -2000 are fill. The lossy coding also gives a few values above 10000 (NDVI
  > 1): the valid range makes them no data as well; they are counted apart (`over_one_cells`).
- the cell area is |det(geotransform)| (constant: the CRS is equal-area), 231.656358263854059^2 m^2.
- observed_ha = sum(coverage x cell area) over observed cells; mean_ndvi = the coverage x area weighted mean
  of NDVI over them; green_ha the same sum over observed cells with NDVI >= 0.4.
- mean_ndvi_unmasked: the weighted mean over every covered cell with no valid range (fill taken as values),
  what a run without `--valid-range` gives.
"""
import csv
import glob
import json
import os
import re
from importlib.metadata import version

import numpy as np
import pyproj
import rasterio
from exactextract import exact_extract
from exactextract.raster import NumPyRasterSource

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
FOLDER = os.path.abspath(os.path.join(ROOT, "..", "shared", "real-data", "modis_ndvi_sits"))
SIDE_M = 700.0
SCALE = 0.0001
VALID = (-0.2, 1.0)
GREEN = 0.4


def compact(value, depth=0):
    """JSON with one line per innermost object (a date's figures), floats as repr."""
    pad = " " * (depth + 1)
    if isinstance(value, dict) and any(isinstance(v, (dict, list)) for v in value.values()):
        items = [pad + json.dumps(k) + ": " + compact(v, depth + 1) for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        return "[\n" + ",\n".join(pad + compact(v, depth + 1) for v in value) + "\n" + " " * depth + "]"
    return json.dumps(value)


def main():
    files = sorted(glob.glob(os.path.join(FOLDER, "TERRA_MODIS_012010_NDVI_*.jp2")))
    assert len(files) == 12, files
    with rasterio.open(files[0]) as src:
        crs, t, width, height = src.crs, src.transform, src.width, src.height
        assert src.nodata is None and src.scales[0] == 1 and src.offsets[0] == 0
    cell_m2 = abs(t.a * t.e - t.b * t.d)

    # Parcels: squares around the sample points, in the rasters' CRS.
    to_grid = pyproj.Transformer.from_crs("EPSG:4326", pyproj.CRS.from_wkt(crs.to_wkt()), always_xy=True)
    features = []
    with open(os.path.join(FOLDER, "samples_sinop_crop.csv")) as fh:
        for row in csv.DictReader(fh):
            x, y = to_grid.transform(float(row["longitude"]), float(row["latitude"]))
            x, y, h = round(x, 3), round(y, 3), SIDE_M / 2
            ring = [[x - h, y - h], [x + h, y - h], [x + h, y + h], [x - h, y + h], [x - h, y - h]]
            features.append({"type": "Feature", "properties": {"id": row["id"], "label": row["label"]},
                             "geometry": {"type": "Polygon", "coordinates": [ring]}})
    parcels_path = os.path.join(HERE, "modis_sinop_parcels.geojson")
    with open(parcels_path, "w") as fh:
        fh.write('{"type": "FeatureCollection", "name": "modis_sinop_parcels",\n')
        fh.write(' "crs": {"type": "name", "properties": {"name": %s}},\n' % json.dumps(crs.to_wkt()))
        fh.write(' "features": [\n')
        fh.write(",\n".join("  " + json.dumps(f) for f in features))
        fh.write("\n]}\n")
    # The figures use the coordinates as read back from the file, as Verdant reads them.
    features = json.load(open(parcels_path))["features"]

    # Coverage. exactextract returns coverage fractions as float32 (about 7 significant digits), too coarse for
    # a 1e-9 comparison, so the areas are computed exactly (in float64) for these axis-aligned squares, as the
    # product of the square's overlaps with each cell's column and row; exactextract checks them.
    ones = NumPyRasterSource(np.ones((height, width), dtype=np.float64), t.c, t.f + height * t.e,
                             t.c + width * t.a, t.f)
    cover = []
    worst = 0.0
    for f in features:
        ring = np.asarray(f["geometry"]["coordinates"][0], dtype=np.float64)
        x0, x1, y0, y1 = ring[:, 0].min(), ring[:, 0].max(), ring[:, 1].min(), ring[:, 1].max()
        left = t.c + np.arange(width) * t.a
        top = t.f + np.arange(height) * t.e
        ox = np.clip(np.minimum(left + t.a, x1) - np.maximum(left, x0), 0, None)
        oy = np.clip(np.minimum(top, y1) - np.maximum(top + t.e, y0), 0, None)
        area = np.outer(oy, ox)
        rr, cc = np.nonzero(area > 0)
        cover.append((rr, cc, area[rr, cc]))
        res = exact_extract(ones, [f], ["cell_id", "coverage"])[0]["properties"]
        cells = np.asarray(res["cell_id"], dtype=np.int64)
        fraction = np.zeros((height, width))
        fraction[cells // width, cells % width] = res["coverage"]
        worst = max(worst, float(np.max(np.abs(fraction - area / cell_m2))))
    assert worst < 1e-6, worst

    dates = []
    figures = {f["properties"]["id"]: [] for f in features}
    for path in files:
        date = re.search(r"(\d{4}-\d{2}-\d{2})\.jp2$", path).group(1)
        with rasterio.open(path) as src:
            assert src.crs == crs and src.transform == t
            raw = src.read(1)
        assert raw.dtype == np.int16
        ndvi = raw.astype(np.float64) * SCALE
        observed = (ndvi >= VALID[0]) & (ndvi <= VALID[1])
        fill = raw < -2000
        # value / 10000 classifies every cell as value x 0.0001 does (thresholds -0.2, 1 and 0.4 alike).
        exact = raw.astype(np.float64) / 10000
        assert np.array_equal(observed, (exact >= VALID[0]) & (exact <= VALID[1]))
        assert np.array_equal(ndvi >= GREEN, exact >= GREEN)
        dates.append({"date": date, "file": os.path.basename(path), "value_sum": int(raw.astype(np.int64).sum()),
                      "fill_cells": int(fill.sum()), "over_one_cells": int((raw > 10000).sum())})
        for f, (rr, cc, w) in zip(features, cover):
            ok = observed[rr, cc]
            x = ndvi[rr, cc]
            obs = float(np.sum(w[ok]))
            figures[f["properties"]["id"]].append({
                "date": date,
                "covered_ha": float(np.sum(w)) / 1e4,
                "observed_ha": obs / 1e4,
                "mean_ndvi": float(np.sum(w[ok] * x[ok]) / obs) if obs > 0 else None,
                "green_ha": float(np.sum(w[ok & (x >= GREEN)])) / 1e4,
                "fill_cells": int(np.sum(fill[rr, cc] & (w > 0))),
                "over_one_cells": int(np.sum((raw[rr, cc] > 10000) & (w > 0))),
                "mean_ndvi_unmasked": float(np.sum(w * x) / np.sum(w)),
            })
    out = {
        "made_with": "rasterio %s (GDAL %s), numpy %s, pyproj %s, exactextract %s (python)"
                     % (rasterio.__version__, rasterio.__gdal_version__, np.__version__, pyproj.__version__,
                        version("exactextract")),
        "folder": "../shared/real-data/modis_ndvi_sits",
        "parcels": os.path.basename(parcels_path), "side_m": SIDE_M, "scale": SCALE, "valid_range": list(VALID),
        "green_threshold": GREEN, "cell_m2": cell_m2, "exactextract_max_coverage_difference": worst, "width": width, "height": height,
        "dates": dates,
        "parcel_figures": [{"id": f["properties"]["id"], "label": f["properties"]["label"],
                            "parcel_ha": SIDE_M * SIDE_M / 1e4, "dates": figures[f["properties"]["id"]]}
                           for f in features],
    }
    with open(os.path.join(HERE, "modis_series.json"), "w") as fh:
        fh.write(compact(out) + "\n")
    touched = sum(d["fill_cells"] > 0 for p in out["parcel_figures"] for d in p["dates"])
    print(len(features), "parcels x", len(dates), "dates;", touched, "parcel-dates touch a fill cell")


if __name__ == "__main__":
    main()
