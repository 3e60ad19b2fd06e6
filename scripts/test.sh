#!/usr/bin/env bash
# Runs Verdant's tests; installs GDAL first when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-gdal.sh
swift build --build-tests
swift test --skip-build "$@"
