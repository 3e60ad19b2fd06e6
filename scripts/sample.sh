#!/usr/bin/env bash
# Runs Verdant's main job on the synthetic scene in sample-rasters/: per-parcel biomass, carbon and CO2e, plus
# NDVI and AGB maps. Installs GDAL first when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-gdal.sh
swift build -c release --product verdant
out=${VERDANT_SAMPLE_OUT:-sample-output}
mkdir -p "$out"
verdant=.build/release/verdant
inputs=(--raster sample-rasters/sentinel2_l2a_stack.tif --red B04 --nir B08 --scale 0.0001 --offset -0.1
        --model example-linear --sensor sentinel2-l2a --band scl=sample-rasters/sentinel2_l2a_SCL_20m.tif)
"$verdant" map "${inputs[@]}" --ndvi-out "$out/ndvi.tif" --agb-out "$out/agb.tif" --carbon-out "$out/co2e.tif" --force --quiet
"$verdant" estimate "${inputs[@]}" \
    --parcels sample-rasters/sentinel2_parcels.geojson --id-field parcel_id \
    --out "$out/parcels.csv" --report "$out/report.html" --summary "$out/summary.md" \
    --quicklook "$out/quicklook.png" --force
echo
if command -v column > /dev/null; then column -s, -t < "$out/parcels.csv"; else cat "$out/parcels.csv"; fi | cut -c1-160
echo
echo "Outputs in $out/: parcels.csv (per parcel), report.html, summary.md, quicklook.png, ndvi.tif, agb.tif and co2e.tif (COGs)."
