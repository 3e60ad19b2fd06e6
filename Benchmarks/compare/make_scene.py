"""Makes the deterministic synthetic Sentinel-2 L2A scene for the comparison harness.

    python make_scene.py --size N --scene OUT.tif --scl OUT_SCL.tif [--seed S] [--jobs J]

OUT.tif: N x N cells of 10 m in EPSG:32647, 4 UInt16 bands described B02, B03, B04, B08, pixel-interleaved,
DEFLATE, 512 x 512 tiles, nodata 0, DN = reflectance x 10000 + 1000 (the L2A offset of baseline 04.00).
OUT_SCL.tif: the scene classification on the same grid (Byte, 512 tiles, DEFLATE, nodata 0) with
3 cloud shadow, 4 vegetation, 5 bare soil, 6 water, 8/9 cloud medium/high probability, 10 cirrus, 0 no data.

Spatial structure comes from hashed value noise (fractal sums of smoothly interpolated lattice values whose
lattice values are a hash of their integer coordinates), a farm-plot pattern, and per-tile seeded sensor noise,
so any tile can be made on its own: the output depends only on N, never on the number of jobs or the order in
which tiles are made. Memory stays bounded: tiles are made in strips of 512 rows, a few strips at a time.

--seed S (default 0, the scene of the one-date comparison) makes another date of the same place: the land
(water, forest, soil, farm plots) stays, while the clouds, their shadows, the cirrus, the fine texture, the
sensor noise and the crops' vigour (a seasonal factor and a per-plot change) follow the seed.
"""
import argparse
import multiprocessing
import os
import sys
import time

import numpy as np
import rasterio
from rasterio.transform import from_origin
from rasterio.windows import Window

import scene_grid as G

LATTICE_OFFSET = 1 << 20  # keeps lattice coordinates positive for the shifted (shadow) look-ups

# Reflectance thresholds on the noise fields, tuned for the class fractions noted beside them.
T_WATER = 0.27     # ~5 % water
T_FOREST = 0.575    # ~20 % forest
T_SOIL = 0.63      # ~10 % natural bare soil / built-up
T_CLOUD = 0.663     # ~7 % opaque cloud
T_CLOUD_HIGH = 0.69
T_CIRRUS = 0.72    # ~6 % cirrus


def _mix(z):
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def hash01(ix, iy, seed):
    """A uniform value in [0, 1) for each integer lattice point (ix, iy) and seed."""
    with np.errstate(over="ignore"):
        z = (ix.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) ^ (iy.astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F))
        z = _mix(z ^ np.uint64((seed * 0x165667B19E3779F9) & 0xFFFFFFFFFFFFFFFF))
    return (z >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))


def value_noise(r0, c0, h, w, scale, seed):
    """Smoothly interpolated lattice noise with lattice spacing `scale` cells, for rows r0.. and columns c0.."""
    fy = (np.arange(h, dtype=np.float64) + r0 + LATTICE_OFFSET) / scale
    fx = (np.arange(w, dtype=np.float64) + c0 + LATTICE_OFFSET) / scale
    iy = np.floor(fy).astype(np.int64)
    ix = np.floor(fx).astype(np.int64)
    ty = fy - iy
    tx = fx - ix
    ty = ty * ty * (3 - 2 * ty)
    tx = tx * tx * (3 - 2 * tx)
    ys = np.arange(iy[0], iy[-1] + 2)
    xs = np.arange(ix[0], ix[-1] + 2)
    lattice = hash01(xs[None, :], ys[:, None], seed)
    jy = iy - ys[0]
    jx = ix - xs[0]
    top = lattice[jy][:, jx] * (1 - tx) + lattice[jy][:, jx + 1] * tx
    bottom = lattice[jy + 1][:, jx] * (1 - tx) + lattice[jy + 1][:, jx + 1] * tx
    return top * (1 - ty)[:, None] + bottom * ty[:, None]


def fbm(r0, c0, h, w, scales, seed):
    total = np.zeros((h, w))
    norm = 0.0
    amp = 1.0
    for k, s in enumerate(scales):
        total += amp * value_noise(r0, c0, h, w, s, seed * 131 + k)
        norm += amp
        amp *= 0.55
    return total / norm


def plots(r0, c0, h, w, seed=0):
    """Farm plots: 160-cell farm blocks cut into rectangular plots of 10-40 cells; returns (bare, vigor).
    With a seed (another date), each plot's vigour changes by up to +-0.2 and 1 plot in 10 is bare or not."""
    rows = np.arange(h)[:, None] + r0
    cols = np.arange(w)[None, :] + c0
    by, bx = rows // 160, cols // 160
    block_h = 10 + (hash01(bx, by, 501) * 31).astype(np.int64)
    block_w = 10 + (hash01(bx, by, 502) * 31).astype(np.int64)
    py = (rows % 160) // block_h
    px = (cols % 160) // block_w
    pid_x = bx * 16 + px
    pid_y = by * 16 + py
    u = hash01(pid_x, pid_y, 503)
    bare = u < 0.22
    vigor = 0.25 + 0.8 * hash01(pid_x, pid_y, 504)
    if seed:
        flip = hash01(pid_x, pid_y, 505 + 1000 * seed) < 0.1
        bare = bare ^ flip
        vigor = vigor + 0.4 * (hash01(pid_x, pid_y, 506 + 1000 * seed) - 0.5)
    return bare, vigor


def make_strip(args):
    size, r0, h, seed = args
    w_all = size
    bands = np.zeros((4, h, w_all), dtype=np.uint16)
    scl = np.zeros((h, w_all), dtype=np.uint8)
    for c0 in range(0, size, G.BLOCK):
        w = min(G.BLOCK, size - c0)
        b, s = make_tile(size, r0, c0, h, w, seed)
        bands[:, :, c0:c0 + w] = b
        scl[:, c0:c0 + w] = s
    return r0, h, bands, scl


def make_tile(size, r0, c0, h, w, seed=0):
    # seed 0 keeps the original seeds (and so the original scene); another seed moves the weather and the crops
    ws = 1000 * seed
    terrain = fbm(r0, c0, h, w, [3000, 1200, 500, 200, 80], 11)
    forest_f = fbm(r0, c0, h, w, [2500, 900, 300, 100], 12)
    soil_f = fbm(r0, c0, h, w, [1500, 600, 200, 80], 13)
    fine = fbm(r0, c0, h, w, [40, 12, 4], 14 + ws)
    cloud = fbm(r0, c0, h, w, [400, 160, 60, 20, 8], 21 + ws)
    shadow_src = fbm(r0 - 45, c0 - 70, h, w, [400, 160, 60, 20, 8], 21 + ws)
    cirrus = fbm(r0, c0, h, w, [800, 300, 100], 31 + ws)

    water = terrain < T_WATER
    forest = (forest_f > T_FOREST) & ~water
    soil = (soil_f > T_SOIL) & ~water & ~forest
    bare_plot, vigor = plots(r0, c0, h, w, seed)
    crop = ~water & ~forest & ~soil
    bare = soil | (crop & bare_plot)
    veg = forest | (crop & ~bare_plot)
    vigor = np.where(forest, 0.85 + 0.3 * (forest_f - T_FOREST), vigor) + 0.25 * (fine - 0.5)
    if seed:
        vigor = vigor * (0.8 + 0.3 * np.sin(seed * np.pi / 6))  # the season: 12 seeds make one year

    refl = np.empty((4, h, w))
    # vegetation: brighter NIR and darker red with vigor
    refl[0] = 0.045 - 0.015 * vigor
    refl[1] = 0.060 + 0.020 * vigor
    refl[2] = 0.090 - 0.070 * vigor
    refl[3] = 0.200 + 0.280 * vigor
    brightness = 0.75 + 0.5 * soil_f + 0.3 * (fine - 0.5)
    for k, v in enumerate((0.09, 0.12, 0.16, 0.23)):
        refl[k] = np.where(bare, v * brightness, refl[k])
    turbidity = np.clip((soil_f - 0.3) * 3, 0, 1)
    for k, (v, t) in enumerate(((0.05, 0.02), (0.045, 0.03), (0.03, 0.03), (0.012, 0.01))):
        refl[k] = np.where(water, v + t * turbidity, refl[k])

    # clouds blend in over a soft edge; the opaque core is flagged, the thin rim is not (as in real SCL)
    haze = np.clip((cloud - (T_CLOUD - 0.03)) / 0.08, 0, 1)
    for k, v in enumerate((0.50, 0.50, 0.52, 0.56)):
        refl[k] = refl[k] * (1 - haze) + v * haze
    is_cloud = cloud > T_CLOUD
    is_shadow = (shadow_src > T_CLOUD) & ~is_cloud
    refl[:, is_shadow] *= 0.35
    is_cirrus = (cirrus > T_CIRRUS) & ~is_cloud
    refl[:, is_cirrus] += 0.03

    tr, tc = r0 // G.BLOCK, c0 // G.BLOCK
    rng = np.random.default_rng([20240611, size, tr, tc] + ([seed] if seed else []))
    refl += rng.normal(0.0, 0.002, size=refl.shape)
    dn = np.clip(np.rint(refl * 10000.0) + 1000.0, 1, 65535).astype(np.uint16)

    scl = np.full((h, w), 4, dtype=np.uint8)
    scl[bare] = 5
    scl[water] = 6
    scl[is_cirrus] = 10
    scl[is_shadow] = 3
    scl[is_cloud] = 8
    scl[cloud > T_CLOUD_HIGH] = 9
    scl[veg & ~is_cloud & ~is_shadow & ~is_cirrus] = 4

    # no data: the orbit-edge wedge in the lower left corner (~4 % of the scene)
    rows = np.arange(h)[:, None] + r0
    cols = np.arange(w)[None, :] + c0
    nodata = cols < (rows - 0.6 * size) * 0.5
    dn[:, nodata] = 0
    scl[nodata] = 0
    return dn, scl


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--size", type=int, required=True)
    p.add_argument("--scene", required=True)
    p.add_argument("--scl", required=True)
    p.add_argument("--seed", type=int, default=0, help="another date of the same place (0: the original scene)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = p.parse_args()
    if a.seed < 0:
        p.error("--seed must be >= 0")
    size = a.size
    transform = from_origin(G.ORIGIN_X, G.ORIGIN_Y, G.CELL, G.CELL)
    common = dict(driver="GTiff", width=size, height=size, crs=f"EPSG:{G.EPSG}", transform=transform,
                  tiled=True, blockxsize=G.BLOCK, blockysize=G.BLOCK, compress="deflate", nodata=0,
                  BIGTIFF="IF_SAFER", NUM_THREADS="ALL_CPUS")
    tmp_scene = a.scene + ".part"
    tmp_scl = a.scl + ".part"
    started = time.time()
    strips = [(size, r0, min(G.BLOCK, size - r0), a.seed) for r0 in range(0, size, G.BLOCK)]
    with rasterio.open(tmp_scene, "w", count=4, dtype="uint16", interleave="pixel", **common) as dst, \
            rasterio.open(tmp_scl, "w", count=1, dtype="uint8", **common) as dscl, \
            multiprocessing.get_context("fork").Pool(max(1, a.jobs)) as pool:
        for k, name in enumerate(("B02", "B03", "B04", "B08")):
            dst.set_band_description(k + 1, name)
        dscl.set_band_description(1, "SCL")
        batch = max(1, a.jobs) * 2  # strips in flight: bounds memory whatever the size
        for i in range(0, len(strips), batch):
            for r0, h, bands, scl in pool.imap(make_strip, strips[i:i + batch]):
                dst.write(bands, window=Window(0, r0, size, h))
                dscl.write(scl, 1, window=Window(0, r0, size, h))
            done = min(len(strips), i + batch)
            print(f"  scene rows {done * G.BLOCK if done < len(strips) else size}/{size} "
                  f"({time.time() - started:.0f} s)", file=sys.stderr, flush=True)
    os.replace(tmp_scene, a.scene)
    os.replace(tmp_scl, a.scl)


if __name__ == "__main__":
    main()
