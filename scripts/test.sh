#!/usr/bin/env bash
# Runs Verdant's tests; installs GDAL first when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-gdal.sh
# Layers are targets: a target importing one it does not declare (VerdantCore importing GDALKit) fails the build.
swift build --build-tests --explicit-target-dependency-import-check error
swift test --skip-build "$@"
