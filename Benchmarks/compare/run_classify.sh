#!/usr/bin/env bash
# The classify benchmark (issue 14): verdant classify training on the Landsat 5 scene and predicting a synthetic
# four-band N x N scene, against the GDAL decode floor of that scene and scikit-learn (n_jobs = threads) on the
# same samples. See "Classify" in README.md beside this script.
#
#   bash Benchmarks/compare/run_classify.sh [--size N] [--threads T] [--work DIR] [--repeat R] [--peer-repeat P]
#                                           [--verdant PATH] [--idle-wait S] [--landsat DIR] [--no-peers]
set -euo pipefail

main() {
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

SIZE=10980
THREADS=2
WORK=/tmp/verdant-compare
REPEAT=3
PEER_REPEAT=""
VERDANT=""
IDLE_WAIT=180
PEERS=1
LANDSAT_DIR="$ROOT/../shared/real-data/landsat5_rstoolbox"

usage() {
    cat <<'EOF2'
usage: bash Benchmarks/compare/run_classify.sh [options]

  --size N         edge of the predicted four-band scene in cells (default 10980)
  --threads T      threads for every tool, n_jobs of scikit-learn (default 2)
  --work DIR       work directory, shared with run.sh (default /tmp/verdant-compare)
  --repeat R       time each tool R times, alternating, and report the fastest (default 3)
  --peer-repeat P  time the scikit-learn peer in the first P repetitions only (default R; at 10980 it takes minutes)
  --verdant PATH   time this verdant binary instead of building one
  --idle-wait S    before each timed run, wait up to S seconds for the machine to be idle (default 180)
  --landsat DIR    the Landsat 5 folder (default ../shared/real-data/landsat5_rstoolbox beside the work tree)
  --no-peers       leave scikit-learn out
  -h, --help       this text

Results: a table on standard output and in DIR/classify-<size>.md; the run's files in
DIR/runs/classify-<size>-t<T>/.
EOF2
}

die() { echo "run_classify.sh: error: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
is_int() { [[ "$1" =~ ^[1-9][0-9]*$ ]]; }

while (($#)); do
    case "$1" in
        --size) SIZE="${2:?}"; shift 2 ;;
        --threads) THREADS="${2:?}"; shift 2 ;;
        --work) WORK="${2:?}"; shift 2 ;;
        --repeat) REPEAT="${2:?}"; shift 2 ;;
        --peer-repeat) PEER_REPEAT="${2:?}"; shift 2 ;;
        --verdant) VERDANT="${2:?}"; shift 2 ;;
        --idle-wait) IDLE_WAIT="${2:?}"; shift 2 ;;
        --landsat) LANDSAT_DIR="${2:?}"; shift 2 ;;
        --no-peers) PEERS=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option '$1'" ;;
    esac
done
PEER_REPEAT="${PEER_REPEAT:-$REPEAT}"
for v in SIZE THREADS REPEAT PEER_REPEAT; do is_int "${!v}" || die "--${v,,} must be a positive integer"; done
[[ "$IDLE_WAIT" =~ ^[0-9]+$ ]] || die "--idle-wait must be a number of seconds"
LANDSAT="$LANDSAT_DIR/LT52240631988227CUB02_stack_B1-B7.tif"
POLYGONS="$LANDSAT_DIR/trainingPolygons_lsat.gpkg"
[[ -f "$LANDSAT" && -f "$POLYGONS" ]] || die "no Landsat 5 scene and training polygons in $LANDSAT_DIR (--landsat DIR)"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"

# ------------------------------------------------------------------------------------------- prerequisites
# shellcheck source=lib.sh
source "$HERE/lib.sh"
compare_prerequisites "$HERE/requirements-classify.txt"

# -------------------------------------------------------------------------------------------------- data
# classify-N.tif: make_classify_scene.py --size N --seed 0 (the Landsat scene's B1-B4 spectra in patches),
# remade when the maker, its numerical libraries or the Landsat file change.
DATA="$WORK/data"
mkdir -p "$DATA"
exec 9>"$DATA/.lock"
flock 9
SCENE="$DATA/classify-$SIZE.tif"
key="$(cat "$HERE/make_classify_scene.py" <(grep -E '^(numpy|rasterio)==' "$HERE/requirements.txt") \
    <(stat -c %s "$LANDSAT") | sha256sum | cut -c1-16)"
if [[ ! -f "$SCENE" || "$(cat "$DATA/classify-$SIZE.stamp" 2>/dev/null)" != "$key" ]]; then
    log "making $SCENE (make_classify_scene.py)"
    rm -f "$SCENE" "$DATA/classify-$SIZE.stamp"
    t0=$(date +%s)
    "$PY" "$HERE/make_classify_scene.py" --landsat "$LANDSAT" --size "$SIZE" --out "$SCENE" --seed 0 \
        || die "making the scene failed"
    echo "$key" >"$DATA/classify-$SIZE.stamp"
    printf '%s\tmade\tclassify\t%s\t%s\t%ss\n' "$(date -Is)" "$SIZE" "$key" "$(($(date +%s) - t0))" >>"$DATA/generation.log"
fi
flock -u 9

# ---------------------------------------------------------------------------------------------- the runs
RUN="$WORK/runs/classify-$SIZE-t$THREADS"
rm -rf "$RUN"
mkdir -p "$RUN"
# Landsat 5 TM DN as features (--scale 1), 100 trees; the default features are B1-B5, B7 and NDVI (7, as the
# peer's); the prediction model reads the four bands the scene has.
LANDSAT_ARGS=(classify --raster "$LANDSAT" --sensor landsat-tm-c2-l2 --scale 1 --training "$POLYGONS" --class-field class
    --trees 100 --threads "$THREADS" --force)
PREDICT_ARGS=(classify --raster "$SCENE" --sensor landsat-tm-c2-l2 --scale 1 --model "$RUN/forest4.json"
    --threads "$THREADS" --force --out "$RUN/predict.tif")
PEER_ARGS=("$HERE/peer_classify.py" "$LANDSAT_DIR" --threads "$THREADS" --repeat 3 --scene "$SCENE")

log "flushing and warming the page cache (the inputs read once)"
sync
cat "$SCENE" "$LANDSAT" "$POLYGONS" >/dev/null

for ((rep = 1; rep <= REPEAT; rep++)); do
    # the process start alone (GDAL's and PROJ's libraries loaded and linked), part of every verdant run
    timed startup "$rep" "$VERDANT" --version
    # one forest, as scikit-learn's fit; then with the default 5-fold cross-validation (5 more forests)
    timed train "$rep" "$VERDANT" "${LANDSAT_ARGS[@]}" --folds 0 --out "$RUN/train.tif" --model-out "$RUN/forest7.json"
    timed train_cv "$rep" "$VERDANT" "${LANDSAT_ARGS[@]}" --out "$RUN/train_cv.tif" --accuracy-out "$RUN/accuracy.json"
    timed train4 "$rep" "$VERDANT" "${LANDSAT_ARGS[@]}" --folds 0 --features blue,green,red,nir \
        --out "$RUN/train4.tif" --model-out "$RUN/forest4.json"
    timed floor "$rep" "$FLOOR" --all "$SCENE" "$THREADS"
    timed predict "$rep" "$VERDANT" "${PREDICT_ARGS[@]}"
    if ((PEERS && rep <= PEER_REPEAT)); then
        timed peer "$rep" "$PY" "${PEER_ARGS[@]}" --json "$RUN/peer.$rep.json"
    fi
done

tree="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- Sources Package.swift 2>/dev/null || echo ' + uncommitted changes in Sources')"
"$PY" "$HERE/classify_report.py" --run "$RUN" --out "$WORK/classify-$SIZE.md" --size "$SIZE" --threads "$THREADS" \
    --machine "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), GDAL $(pkg-config --modversion gdal)" \
    --verdant "$VERDANT (work tree at $tree)"
log "table written to $WORK/classify-$SIZE.md; run files in $RUN"
exit "$STATUS"
}

main "$@"
exit $?
