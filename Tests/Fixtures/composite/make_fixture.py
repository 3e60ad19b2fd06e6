"""Writes composite.json: a hand-made stack of dates (red, NIR, SCL per cell) with clouds, ties and even counts,
and what numpy gives for every composite method over the observed dates of each cell. Run with numpy installed:
    python3 make_fixture.py > composite.json
The Swift test writes the stack as rasters, runs `CompositeJob`, and compares each output cell (Float32) with
numpy's float64 result cast to float32."""
import json
import numpy as np

rng = np.random.default_rng(7)
dates, rows, cols = 7, 4, 5
n = rows * cols
# Reflectance on a 0.0001 grid (so values are exact decimals), some repeated to make ties.
red = np.round(rng.uniform(0.02, 0.20, (dates, n)), 4)
nir = np.round(rng.uniform(0.20, 0.50, (dates, n)), 4)
red[3, :] = red[1, :]          # ties between dates 1 and 3
nir[3, :] = nir[1, :]
# The rasters hold Float32: numpy works on the same values.
red = red.astype(np.float32).astype(np.float64)
nir = nir.astype(np.float32).astype(np.float64)
scl = np.full((dates, n), 4, dtype=int)
# Clouds and no data: cell k is hidden on a pattern of dates, giving every count 0..7 (even and odd).
for k in range(n):
    hidden = k % (dates + 1)           # 0..7 dates hidden
    for d in range(hidden):
        scl[(d * 3 + k) % dates, k] = [9, 8, 3, 0][d % 4]
ndvi = (nir - red) / (nir + red)
observed = scl == 4
def masked(a):
    out = a.astype(float).copy()
    out[~observed] = np.nan
    return out

stack = {"red": masked(red), "nir": masked(nir), "ndvi": masked(ndvi)}
expected = {}
import warnings
warnings.simplefilter("ignore")
for name, fn in [
    ("median", lambda a: np.nanmedian(a, axis=0)),
    ("mean", lambda a: np.nanmean(a, axis=0)),
    ("min", lambda a: np.nanmin(a, axis=0)),
    ("max", lambda a: np.nanmax(a, axis=0)),
    ("p90", lambda a: np.nanpercentile(a, 90, axis=0)),
    ("p25", lambda a: np.nanpercentile(a, 25, axis=0)),
    ("p2.5", lambda a: np.nanpercentile(a, 2.5, axis=0)),
]:
    expected[name] = {b: [float(np.float32(v)) if np.isfinite(v) else None for v in fn(stack[b])] for b in stack}
# Greenest pixel: every band from the date of the highest NDVI; ties to the earliest date (np.nanargmax).
g = {b: [] for b in stack}
for k in range(n):
    col = stack["ndvi"][:, k]
    if np.all(np.isnan(col)):
        for b in stack: g[b].append(None)
        continue
    d = int(np.nanargmax(col))
    for b in stack: g[b].append(float(np.float32(stack[b][d, k])))
expected["max-ndvi"] = g
print(json.dumps({
    "dates": dates, "rows": rows, "cols": cols,
    "red": red.tolist(), "nir": nir.tolist(), "scl": scl.tolist(),
    "count": observed.sum(axis=0).tolist(),
    "expected": expected,
}, indent=1))
