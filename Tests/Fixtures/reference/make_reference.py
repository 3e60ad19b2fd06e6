"""Reference numbers for Verdant's tests, made once with an independent tool chain (rasterio + numpy).

Run from the project root with a virtualenv that has rasterio and numpy:
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install rasterio numpy exactextract
    /tmp/venv/bin/python Tests/Fixtures/reference/make_reference.py
It reads ../shared/real-data/ and writes the JSON files beside this script. Verdant itself never runs Python.
"""
import json
import os

import numpy as np
import rasterio

HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.join(HERE, "..", "..", "..", "..", "shared", "real-data")


def landsat5_ndvi():
    path = os.path.join(REAL, "landsat5_rstoolbox", "LT52240631988227CUB02_stack_B1-B7.tif")
    with rasterio.open(path) as src:
        red = src.read(3).astype(np.float64)
        nir = src.read(4).astype(np.float64)
        nodata = src.nodatavals[2]
        transform = src.transform
    valid = (red != nodata) & (nir != nodata) & ((red + nir) != 0)
    ndvi = np.full(red.shape, np.nan)
    ndvi[valid] = (nir[valid] - red[valid]) / (nir[valid] + red[valid])
    cell_ha = abs(transform.a * transform.e) / 10_000
    agb = np.maximum(0.0, -30 + 250 * ndvi[valid])
    picks = [(0, 0), (10, 20), (150, 143), (309, 286), (200, 5)]
    return {
        "source": "LT52240631988227CUB02_stack_B1-B7.tif, band 3 red, band 4 NIR, nodata %s" % nodata,
        "valid_cells": int(valid.sum()),
        "cells": int(red.size),
        "mean_ndvi": float(ndvi[valid].mean()),
        "min_ndvi": float(ndvi[valid].min()),
        "max_ndvi": float(ndvi[valid].max()),
        "total_agb_t_linear_-30_250": float((agb * cell_ha).sum()),
        "cells_at": [{"row": r, "col": c, "ndvi": None if np.isnan(ndvi[r, c]) else float(ndvi[r, c])} for r, c in picks],
    }


if __name__ == "__main__":
    out = {"landsat5_ndvi": landsat5_ndvi()}
    with open(os.path.join(HERE, "landsat5_ndvi.json"), "w") as f:
        json.dump(out["landsat5_ndvi"], f, indent=2, sort_keys=True)
        f.write("\n")
    print(json.dumps(out, indent=2))
