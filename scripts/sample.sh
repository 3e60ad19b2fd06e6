#!/usr/bin/env bash
# Runs Verdant's main job on the synthetic scene in sample-rasters/; installs GDAL first when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-gdal.sh
swift build -c release --product verdant
out=${VERDANT_SAMPLE_OUT:-sample-output}
mkdir -p "$out"
.build/release/verdant map \
    --raster sample-rasters/sentinel2_l2a_stack.tif --red B04 --nir B08 \
    --scale 0.0001 --offset -0.1 \
    --model example-linear \
    --ndvi-out "$out/ndvi.tif" --agb-out "$out/agb.tif"
