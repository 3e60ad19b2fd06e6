"""Reference for `verdant classify` on the real Landsat 5 TM scene (../shared/real-data/landsat5_rstoolbox/).

Computes the training samples independently of Verdant: the cells whose centre lies inside each training polygon
(rasterio.features.rasterize, all_touched=False; a cell inside two polygons goes to the first), observed where no
feature band is nodata (255) and NDVI is defined; features B1, B2, B3, B4, B5, B7 as DN and
NDVI = (B4 - B3) / (B4 + B3). The polygons are read from the GeoPackage with sqlite3 (WKB parsed here).

Cross-validation uses Verdant's own folds of whole polygons, read from classify_landsat5_folds.json (written from
`verdant classify --accuracy-out`: cross_validation.polygon_folds, polygon id -> fold), and scikit-learn's
RandomForestClassifier(n_estimators=100, max_features='sqrt', min_samples_leaf=1, bootstrap=True) for five
random states; writes classify_landsat5.json.

    python3 make_classify_landsat5_reference.py ../../../../shared/real-data/landsat5_rstoolbox
"""

import json
import os
import sqlite3
import struct
import sys

import numpy as np
import rasterio
import rasterio.features
import sklearn
from sklearn.ensemble import RandomForestClassifier


def wkb_polygons(blob):
    """Rings of the (multi)polygon in a GeoPackage geometry blob."""
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 7]
    wkb = memoryview(blob)[8 + envelope:]
    pos = 0

    def read(fmt):
        nonlocal pos
        v = struct.unpack_from(fmt, wkb, pos)
        pos += struct.calcsize(fmt)
        return v

    def geometry():
        (order,) = read("B")
        e = "<" if order == 1 else ">"
        (kind,) = read(e + "I")
        kind %= 1000
        if kind == 3:
            (n,) = read(e + "I")
            rings = []
            for _ in range(n):
                (m,) = read(e + "I")
                rings.append([list(read(e + "dd")) for _ in range(m)])
            return [rings]
        if kind == 6:
            (n,) = read(e + "I")
            return [p for _ in range(n) for p in geometry()]
        raise ValueError(f"geometry type {kind}")

    return geometry()


def main(folder):
    here = os.path.dirname(os.path.abspath(__file__))
    db = sqlite3.connect(os.path.join(folder, "trainingPolygons_lsat.gpkg"))
    rows = db.execute("select fid, id, class, geom from polygons order by fid").fetchall()
    with rasterio.open(os.path.join(folder, "LT52240631988227CUB02_stack_B1-B7.tif")) as ds:
        bands = ds.read().astype(np.float64)  # B1..B7
        transform, shape, nodata = ds.transform, (ds.height, ds.width), ds.nodata
    # Polygon k burns k + 1; burning in reverse order leaves a shared cell with the first polygon.
    shapes = []
    for k, (_, _, _, blob) in reversed(list(enumerate(rows))):
        for rings in wkb_polygons(blob):
            shapes.append(({"type": "Polygon", "coordinates": rings}, k + 1))
    burnt = rasterio.features.rasterize(shapes, out_shape=shape, transform=transform, all_touched=False, dtype="int32")
    used = bands[[0, 1, 2, 3, 4, 6]]  # B1-B5, B7
    b3, b4 = bands[2], bands[3]
    with np.errstate(divide="ignore", invalid="ignore"):
        ndvi = (b4 - b3) / (b4 + b3)
    observed = np.all(used != nodata, axis=0) & np.isfinite(ndvi)
    inside = (burnt > 0) & observed
    # Samples in polygon order, then cell order (Verdant's order; the forest does not depend on it).
    order = np.lexsort((np.flatnonzero(inside.ravel()), burnt[inside]))
    polygon = (burnt[inside] - 1)[order]
    x = np.column_stack([used[:, inside].T, ndvi[inside]]).astype(np.float32)[order]
    names = [r[2] for r in rows]
    classes = sorted(set(names))
    y = np.array([classes.index(names[p]) for p in polygon])
    with open(os.path.join(here, "classify_landsat5_folds.json")) as f:
        fold_of = json.load(f)["polygon_folds"]
    ids = [str(r[0]) for r in rows]
    folds = np.array([fold_of[ids[p]] for p in polygon])
    k = int(folds.max()) + 1
    accuracies, producers = [], []
    for state in range(5):
        predicted = np.empty_like(y)
        for fold in range(k):
            train, test = folds != fold, folds == fold
            model = RandomForestClassifier(
                n_estimators=100, max_features="sqrt", min_samples_leaf=1, bootstrap=True, random_state=state
            )
            model.fit(x[train], y[train])
            predicted[test] = model.predict(x[test])
        accuracies.append(float((predicted == y).mean()))
        producers.append([float((predicted[y == c] == c).mean()) for c in range(len(classes))])
    out = {
        "generator": "make_classify_landsat5_reference.py",
        "sklearn_version": sklearn.__version__,
        "features": ["B1", "B2", "B3", "B4", "B5", "B7", "NDVI"],
        "classes": classes,
        "samples": int(len(y)),
        "samples_per_class": {c: int((y == i).sum()) for i, c in enumerate(classes)},
        "samples_per_polygon": {ids[p]: int((polygon == p).sum()) for p in range(len(rows))},
        "folds": k,
        "cv_accuracy_mean": float(np.mean(accuracies)),
        "cv_accuracy_min": float(np.min(accuracies)),
        "cv_accuracy_max": float(np.max(accuracies)),
        "producer_accuracy_mean": {c: float(np.mean([p[i] for p in producers])) for i, c in enumerate(classes)},
    }
    with open(os.path.join(here, "classify_landsat5.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../../../../shared/real-data/landsat5_rstoolbox")
