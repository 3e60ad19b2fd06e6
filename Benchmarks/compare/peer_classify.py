"""scikit-learn's side of the classify benchmark: training time on the Landsat 5 training samples and prediction
speed on a synthetic four-band scene predicted block by block (cells/s).

    python3 peer_classify.py REAL_DATA/landsat5_rstoolbox [SIZE] [--threads T] [--repeat R] [--scene FILE.tif]
                             [--json OUT.json]

Samples as in Tests/Fixtures/reference/make_classify_landsat5_reference.py (cells whose centre lies inside a
polygon; B1-B5, B7 as DN and NDVI). Training: RandomForestClassifier(n_estimators=100, max_features='sqrt',
n_jobs=T, default 2) on all 4410 samples (7 features), fit timed R times (default 3), the fastest reported.
Prediction: a forest on B1-B4 only (fit timed once too), over a SIZE x SIZE scene of uniform DN (default 4096;
10980 is a full Sentinel-2 tile), 512 rows at a time; or, with --scene, over that four-band raster (bands
B1-B4 as DN, as make_classify_scene.py writes it), read with rasterio 512 rows at a time (the read timed apart).
--json writes the times (seconds) and cells/s.
"""

import argparse
import importlib.util
import json
import os
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


def fit(x, y, threads, seed):
    """A fitted forest and the seconds the fit took."""
    t0 = time.perf_counter()
    model = RandomForestClassifier(n_estimators=100, max_features="sqrt", n_jobs=threads, random_state=seed).fit(x, y)
    return model, time.perf_counter() - t0


def predict_scene(model, path):
    """(cells, seconds reading, seconds predicting, classes counted) over the four-band raster at path."""
    rows = 512
    read = predict = 0.0
    counts = {}
    with rasterio.open(path) as ds:
        width, height = ds.width, ds.height
        for r in range(0, height, rows):
            h = min(rows, height - r)
            t0 = time.perf_counter()
            block = ds.read([1, 2, 3, 4], window=rasterio.windows.Window(0, r, width, h))
            block = block.reshape(4, -1).T.astype(np.float32)
            t1 = time.perf_counter()
            classes = model.predict(block)
            predict += time.perf_counter() - t1
            read += t1 - t0
            for name, n in zip(*np.unique(classes, return_counts=True)):
                counts[str(name)] = counts.get(str(name), 0) + int(n)
    return width * height, read, predict, counts


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folder")
    p.add_argument("size", nargs="?", type=int, default=4096)
    p.add_argument("--threads", type=int, default=2, help="n_jobs (default 2)")
    p.add_argument("--repeat", type=int, default=3, help="fits of the 7-feature forest timed (default 3)")
    p.add_argument("--scene", help="predict this four-band raster instead of uniform DN")
    p.add_argument("--json", help="write the times here")
    a = p.parse_args()
    x, y = landsat_samples(a.folder)
    print(f"samples {len(y)}, features {x.shape[1]}")
    train = min(fit(x, y, a.threads, s)[1] for s in range(a.repeat))
    print(f"train: {train:.3f} s (best of {a.repeat}, n_jobs={a.threads})")
    model, train4 = fit(x[:, :4], y, a.threads, 0)
    print(f"train on B1-B4: {train4:.3f} s (n_jobs={a.threads})")
    out = dict(samples=len(y), features=int(x.shape[1]), threads=a.threads, train_s=train, train_repeat=a.repeat,
               train4_s=train4)
    if a.scene:
        cells, read, predict, counts = predict_scene(model, a.scene)
        total = read + predict
        print(f"predict {a.scene}: {cells} cells, read {read:.1f} s + predict {predict:.1f} s, "
              f"{cells / total / 1e6:.2f} M cells/s with the read, {cells / predict / 1e6:.2f} M cells/s predicting")
        print("classes: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        out.update(scene=a.scene, cells=cells, read_s=read, predict_s=predict, cells_per_s=cells / total,
                   predict_cells_per_s=cells / predict, classes=counts)
    else:
        size = a.size
        rng = np.random.default_rng(0)
        rows = 512
        t0 = time.perf_counter()
        for r in range(0, size, rows):
            h = min(rows, size - r)
            block = rng.integers(20, 140, size=(h * size, 4)).astype(np.float32)
            model.predict(block)
        t = time.perf_counter() - t0
        print(f"predict {size}x{size}: {t:.1f} s, {size * size / t / 1e6:.2f} M cells/s (includes making the blocks)")
        out.update(cells=size * size, predict_s=t, cells_per_s=size * size / t)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
