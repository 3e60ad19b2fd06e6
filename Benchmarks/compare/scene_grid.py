"""The synthetic scene's grid, shared by the raster and parcel generators.

A Sentinel-2-like tile in WGS 84 / UTM zone 47N: 10 m cells, north-up, the upper-left corner fixed, the edge
length (in cells) chosen by --size. Everything here is a constant or a pure function so that the generators
are deterministic.
"""

EPSG = 32647
CELL = 10.0
ORIGIN_X = 600000.0  # left edge (m)
ORIGIN_Y = 1700040.0  # top edge (m)
BLOCK = 512  # GeoTIFF tile edge (cells)

# Bumped whenever a generator's output changes, so that cached files made by an older generator are rebuilt.
GENERATOR_VERSION = "1"


def bounds(size):
    """(xmin, ymin, xmax, ymax) of a size x size scene."""
    return ORIGIN_X, ORIGIN_Y - size * CELL, ORIGIN_X + size * CELL, ORIGIN_Y
