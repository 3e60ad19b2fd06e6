"""scikit-learn's side of the classify benchmark: training time on the Landsat 5 training samples and prediction
speed on a synthetic four-band scene predicted block by block (cells/s).

    python3 peer_classify.py REAL_DATA/landsat5_rstoolbox [SIZE]

Samples as in Tests/Fixtures/reference/make_classify_landsat5_reference.py (cells whose centre lies inside a
polygon; B1-B5, B7 as DN and NDVI). Training: RandomForestClassifier(n_estimators=100, max_features='sqrt',
n_jobs=2) on all 4410 samples (7 features). Prediction: a forest on B1-B4 only, over a SIZE x SIZE scene of
uniform DN (default 4096; 10980 is a full Sentinel-2 tile), 512 rows at a time.
"""

import importlib.util
import os
import sys
import time

import numpy as np
import rasterio
import rasterio.features
from sklearn.ensemble import RandomForestClassifier

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "ref", os.path.join(here, "../../Tests/Fixtures/reference/make_classify_landsat5_reference.py")
)
ref = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ref)


def landsat_samples(folder):
    import sqlite3

    db = sqlite3.connect(os.path.join(folder, "trainingPolygons_lsat.gpkg"))
    rows = db.execute("select fid, id, class, geom from polygons order by fid").fetchall()
    with rasterio.open(os.path.join(folder, "LT52240631988227CUB02_stack_B1-B7.tif")) as ds:
        bands = ds.read().astype(np.float64)
        transform, shape = ds.transform, (ds.height, ds.width)
    shapes = [
        ({"type": "Polygon", "coordinates": r}, k + 1)
        for k, (_, _, _, blob) in reversed(list(enumerate(rows)))
        for r in ref.wkb_polygons(blob)
    ]
    burnt = rasterio.features.rasterize(shapes, out_shape=shape, transform=transform, all_touched=False, dtype="int32")
    inside = burnt > 0
    b3, b4 = bands[2], bands[3]
    ndvi = (b4 - b3) / (b4 + b3)
    x = np.column_stack([bands[[0, 1, 2, 3, 4, 6]][:, inside].T, ndvi[inside]]).astype(np.float32)
    names = [r[2] for r in rows]
    y = np.array([names[k - 1] for k in burnt[inside]])
    return x, y


def main(folder, size):
    x, y = landsat_samples(folder)
    print(f"samples {len(y)}, features {x.shape[1]}")
    best = min(
        (lambda t0: (RandomForestClassifier(n_estimators=100, max_features="sqrt", n_jobs=2, random_state=s).fit(x, y), time.perf_counter() - t0)[1])(time.perf_counter())
        for s in range(3)
    )
    print(f"train: {best:.3f} s (best of 3, n_jobs=2)")
    model = RandomForestClassifier(n_estimators=100, max_features="sqrt", n_jobs=2, random_state=0).fit(x[:, :4], y)
    rng = np.random.default_rng(0)
    rows = 512
    t0 = time.perf_counter()
    for r in range(0, size, rows):
        h = min(rows, size - r)
        block = rng.integers(20, 140, size=(h * size, 4)).astype(np.float32)
        model.predict(block)
    t = time.perf_counter() - t0
    print(f"predict {size}x{size}: {t:.1f} s, {size * size / t / 1e6:.2f} M cells/s (includes making the blocks)")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 4096)
