"""Per-parcel reference figures for `verdant estimate`, made once with an independent tool chain:
rasterio reads the bands, exactextract (isciences) gives the exact coverage fraction of every cell, numpy does
the sums. Nothing of Verdant is used.

Run from the project root with a virtualenv that has rasterio, numpy and exactextract:
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install rasterio numpy exactextract
    /tmp/venv/bin/python Tests/Fixtures/reference/make_estimate_reference.py
It writes estimate_<case>.json beside this script (real-data cases only when ../shared/real-data/ exists).

Conventions (the same as Verdant's, stated here so a reader can check them):
- reflectance = (DN x GDAL scale + GDAL offset) x scale + offset; a cell is undefined where a band is nodata,
  masked (alpha / mask band), NaN, or NIR + red = 0.
- parcels are densified before reprojection as GDAL's OGR_G_Segmentize does (no segment longer than half a
  raster cell, in the parcels' units), then transformed with GDAL (rasterio.warp.transform).
- cell area: |det(geotransform)| on a projected grid; on a longitude/latitude grid the exact area of the cell's
  row on the CRS ellipsoid. parcel_ha: planar shoelace area in the raster CRS, or the ellipsoidal area of the
  lon/lat polygon (Green's theorem with Gauss-Legendre quadrature of the authalic-latitude antiderivative).
"""
import json
import math
import os

import numpy as np
import rasterio
from rasterio.warp import transform as warp_transform
from exactextract import exact_extract
from exactextract.raster import NumPyRasterSource

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
REAL = os.path.abspath(os.path.join(ROOT, "..", "shared", "real-data"))


def reflectance(src, band, scale, offset):
    raw = src.read(band).astype(np.float64)
    valid = src.read_masks(band) != 0
    nodata = src.nodatavals[band - 1]
    if nodata is not None and not math.isnan(nodata):
        valid &= raw != nodata
    valid &= ~np.isnan(raw)
    gs = src.scales[band - 1] if src.scales[band - 1] is not None else 1.0
    go = src.offsets[band - 1] if src.offsets[band - 1] is not None else 0.0
    refl = (raw * gs + go) * scale + offset
    refl[~valid] = np.nan
    return refl


def segmentize(ring, max_length):
    """GDAL's OGRSimpleCurve::segmentize: floor(len / max - 0.01) evenly spaced points on long segments."""
    out = []
    for (x0, y0), (x1, y1) in zip(ring[:-1], ring[1:]):
        out.append((x0, y0))
        d2 = (x1 - x0) ** 2 + (y1 - y0) ** 2
        if d2 - max_length ** 2 > 1e-5 * max_length ** 2:
            n = int(math.floor(math.sqrt(d2 / max_length ** 2) - 1e-2))
            for j in range(1, n + 1):
                t = j / (n + 1)
                out.append((x0 + t * (x1 - x0), y0 + t * (y1 - y0)))
    out.append(ring[-1])
    return out


def polygons_of(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError(geometry["type"])


def shoelace(ring):
    a = np.asarray(ring, dtype=np.float64)
    x, y = a[:, 0], a[:, 1]
    return 0.5 * abs(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def ellipsoid_area(polygons, a, inv_f):
    f = 1 / inv_f
    e2 = f * (2 - f)
    e = math.sqrt(e2)
    b = a * (1 - f)

    def F(phi):  # antiderivative of a^2 (1-e^2) cos(phi) / (1 - e^2 sin^2 phi)^2
        s = np.sin(phi)
        q = s / (1 - e2 * s * s) - (1 / (2 * e)) * np.log((1 - e * s) / (1 + e * s))
        return b * b / 2 * q

    nodes, weights = np.polynomial.legendre.leggauss(20)

    def ring_area(ring):
        total = 0.0
        for (l0, p0), (l1, p1) in zip(ring[:-1], ring[1:]):
            t = (nodes + 1) / 2
            phi = np.radians(p0 + t * (p1 - p0))
            total += -np.sum(weights / 2 * F(phi)) * math.radians(l1 - l0)
        return abs(total)

    area = 0.0
    for rings in polygons:
        area += ring_area(rings[0]) - sum(ring_area(h) for h in rings[1:])
    return area


def row_areas(src):
    t = src.transform
    if not src.crs.is_geographic:
        return np.full(src.height, abs(t.a * t.e - t.b * t.d))
    a = src.crs.to_dict().get("a", 6378137.0)
    wkt = src.crs.to_wkt()
    inv_f = 298.257223563 if "298.257223563" in wkt else None
    if inv_f is None:
        raise ValueError("only WGS 84 lon/lat grids are handled here")
    f = 1 / inv_f
    e2 = f * (2 - f)
    e = math.sqrt(e2)
    b = a * (1 - f)

    def q(phi_deg):
        s = math.sin(math.radians(phi_deg))
        return s / (1 - e2 * s * s) - (1 / (2 * e)) * math.log((1 - e * s) / (1 + e * s))

    out = []
    for r in range(src.height):
        top = t.f + r * t.e
        bottom = t.f + (r + 1) * t.e
        out.append(b * b / 2 * math.radians(abs(t.a)) * abs(q(top) - q(bottom)))
    return np.array(out)


def case(name, raster, red, nir, parcels, id_field, model, scale=1.0, offset=0.0, parcels_crs=None, scl=None,
         scl_exclude=(0, 1, 3, 8, 9, 10)):
    with rasterio.open(raster) as src:
        r = reflectance(src, red, scale, offset)
        n = reflectance(src, nir, scale, offset)
        width, height, t, crs = src.width, src.height, src.transform, src.crs
        areas = row_areas(src)
        geographic = crs.is_geographic
    with np.errstate(invalid="ignore", divide="ignore"):
        ndvi = (n - r) / (n + r)
    ndvi[(n + r) == 0] = np.nan
    # Status: 0 observed, 1 no data, 2 cloud (SCL 3, 8, 9, 10), 3 masked (other excluded classes).
    status = np.where(np.isnan(r) | np.isnan(n), 1, 0)
    if scl is not None:
        with rasterio.open(scl) as q:
            classes = q.read(1)
            factor = int(round(q.transform.a / t.a))
            assert q.transform.c == t.c and q.transform.f == t.f, "SCL must share the origin"
        classes = np.repeat(np.repeat(classes, factor, axis=0), factor, axis=1)[:height, :width]
        excluded = np.isin(classes, scl_exclude) & (status == 0)
        cloud = excluded & np.isin(classes, (3, 8, 9, 10))
        nodata = excluded & np.isin(classes, (0, 1))
        status[cloud] = 2
        status[nodata] = 1
        status[excluded & ~cloud & ~nodata] = 3
    status[(status == 0) & np.isnan(ndvi)] = 1
    ndvi[status != 0] = np.nan
    form, coef = model.split(":")
    a, b = (float(v) for v in coef.split(","))
    with np.errstate(invalid="ignore", over="ignore"):
        if form == "linear":
            agb = np.maximum(a + b * ndvi, 0)
        elif form == "exp":
            agb = np.maximum(a * np.exp(b * ndvi), 0)
        else:
            agb = np.where(ndvi > 0, np.maximum(a * np.power(np.maximum(ndvi, 0), b), 0), 0.0)
    agb[np.isnan(ndvi)] = np.nan

    doc = json.load(open(parcels))
    src_crs = parcels_crs or (doc.get("crs", {}).get("properties", {}).get("name") or "EPSG:4326")
    same = rasterio.crs.CRS.from_user_input(src_crs) == crs
    cell_m = abs(t.a) * (math.pi / 180 * 6378137 if geographic else 1)
    src_is_geo = rasterio.crs.CRS.from_user_input(src_crs).is_geographic
    max_len = cell_m / 2 / ((math.pi / 180) * 6378137 if src_is_geo else 1)

    ones = NumPyRasterSource(np.ones((height, width), dtype=np.float64), t.c, t.f + height * t.e, t.c + width * t.a, t.f)
    groups = {}
    order = []
    for feature in doc["features"]:
        pid = str(feature["properties"][id_field])
        polys = []
        for rings in polygons_of(feature["geometry"]):
            out_rings = []
            for ring in rings:
                ring = [tuple(p[:2]) for p in ring]
                if not same:
                    ring = segmentize(ring, max_len)
                    xs, ys = warp_transform(src_crs, crs, [p[0] for p in ring], [p[1] for p in ring])
                    ring = list(zip(xs, ys))
                out_rings.append(ring)
            polys.append(out_rings)
        if pid not in groups:
            order.append(pid)
            groups[pid] = []
        groups[pid] += polys

    rows = []
    for pid in order:
        polys = groups[pid]
        geometry = {"type": "MultiPolygon", "coordinates": [[list(map(list, ring)) for ring in p] for p in polys]}
        res = exact_extract(ones, [{"type": "Feature", "properties": {"id": pid}, "geometry": geometry}],
                            ["cell_id", "coverage"])[0]["properties"]
        cells = np.asarray(res["cell_id"], dtype=np.int64)
        cov = np.asarray(res["coverage"], dtype=np.float64)
        rr, cc = cells // width, cells % width
        w = cov * areas[rr]
        x = ndvi[rr, cc]
        g = agb[rr, cc]
        st = status[rr, cc]
        ok = st == 0
        if geographic:
            parcel_m2 = ellipsoid_area(polys, 6378137.0, 298.257223563)
        else:
            parcel_m2 = sum(shoelace(p[0]) - sum(shoelace(h) for h in p[1:]) for p in polys)
        observed = float(np.sum(w[ok]))
        rows.append({
            "parcel_id": pid,
            "parcel_ha": parcel_m2 / 1e4,
            "covered_ha": float(np.sum(w)) / 1e4,
            "observed_ha": observed / 1e4,
            "mean_ndvi": float(np.sum(w[ok] * x[ok]) / observed) if observed > 0 else None,
            "agb_t": float(np.sum(w[ok] * g[ok])) / 1e4,
            "cloud_fraction": float(np.sum(w[st == 2])) / parcel_m2 if parcel_m2 > 0 else None,
            "nodata_fraction": (float(np.sum(w[st == 1])) + parcel_m2 - float(np.sum(w))) / parcel_m2 if parcel_m2 > 0 else None,
        })
    out = {"case": name, "raster": os.path.relpath(raster, ROOT), "parcels": os.path.relpath(parcels, ROOT),
           "red": red, "nir": nir, "scale": scale, "offset": offset, "model": model, "id_field": id_field,
           "scl": os.path.relpath(scl, ROOT) if scl else None, "scl_exclude": list(scl_exclude) if scl else None,
           "made_with": "rasterio %s, numpy %s, exactextract (python)" % (rasterio.__version__, np.__version__),
           "parcels_figures": rows}
    with open(os.path.join(HERE, "estimate_%s.json" % name), "w") as fh:
        json.dump(out, fh, indent=1, sort_keys=True)
        fh.write("\n")
    print(name, len(rows), "parcels")


if __name__ == "__main__":
    s = lambda n: os.path.join(ROOT, "sample-rasters", n)
    case("sample_sentinel2", s("sentinel2_l2a_stack.tif"), 3, 4, s("sentinel2_parcels.geojson"), "parcel_id",
         "linear:-30,250", scale=0.0001, offset=-0.1)
    case("sample_drone", s("drone_multispectral.tif"), 3, 5, s("drone_parcels.geojson"), "parcel_id",
         "power:210,1.6")
    case("sample_sentinel2_scl", s("sentinel2_l2a_stack.tif"), 3, 4, s("sentinel2_parcels.geojson"), "parcel_id",
         "linear:-30,250", scale=0.0001, offset=-0.1, scl=s("sentinel2_l2a_SCL_20m.tif"))
    if os.path.isdir(REAL):
        ls = os.path.join(REAL, "landsat5_rstoolbox")
        case("landsat5", os.path.join(ls, "LT52240631988227CUB02_stack_B1-B7.tif"), 3, 4,
             os.path.join(ls, "trainingPolygons_lsat.geojson"), "id", "exp:8,3.2")
        s2 = os.path.join(REAL, "sentinel2_rstoolbox")
        case("sentinel2_lonlat", os.path.join(s2, "sen2_rstoolbox_12band.tif"), 4, 8,
             os.path.join(s2, "trainingPolygons_sen2.geojson"), "id", "linear:-30,250")
        # The same scene with the L2A +0.1 offset removed (reflectance = value - 0.1).
        case("sentinel2_lonlat_offset", os.path.join(s2, "sen2_rstoolbox_12band.tif"), 4, 8,
             os.path.join(s2, "trainingPolygons_sen2.geojson"), "id", "linear:-30,250", offset=-0.1)
