#!/usr/bin/env bash
# Time-series comparison: verdant series and verdant composite (median) over D dates of one synthetic
# Sentinel-2 scene, against the GDAL decode floor of the same dates and the rasterio + numpy (+ exactextract)
# peers. See "Time series" in README.md beside this script.
#
#   bash Benchmarks/compare/run_series.sh [--size N] [--parcels K] [--dates D] [--threads T] [--work DIR]
#                                         [--repeat R] [--peer-repeat P] [--verdant PATH] [--idle-wait S] [--linked]
#                                         [--no-peers]
set -euo pipefail

main() {
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

SIZE=10980
PARCELS=10000
DATES=12
THREADS=2
WORK=/tmp/verdant-compare
REPEAT=3
PEER_REPEAT=""
VERDANT=""
IDLE_WAIT=180
LINKED=0
PEERS=1

usage() {
    cat <<'EOF'
usage: bash Benchmarks/compare/run_series.sh [options]

  --size N         scene edge in 10 m cells (default 10980)
  --parcels K      number of parcels (default 10000)
  --dates D        number of dates (default 12): make_scene.py --seed 0 .. D-1
  --threads T      threads for every tool (default 2)
  --work DIR       work directory, shared with run.sh (default /tmp/verdant-compare)
  --repeat R       time each tool R times, alternating, and report the fastest (default 3)
  --peer-repeat P  time the Python peers in the first P repetitions only (default R; they take minutes)
  --verdant PATH   time this verdant binary instead of building one
  --idle-wait S    before each timed run, wait up to S seconds for the machine to be idle (default 180)
  --linked         every date a hard link of the first scene (fast to make; the dates then do not differ)
  --no-peers       leave the Python peers out
  -h, --help       this text

Results: a table on standard output and in DIR/series-<size>-<parcels>-<dates>.md; the run's files in
DIR/runs/series-<size>-<parcels>-<dates>-t<T>/.
EOF
}

die() { echo "run_series.sh: error: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
is_int() { [[ "$1" =~ ^[1-9][0-9]*$ ]]; }

while (($#)); do
    case "$1" in
        --size) SIZE="${2:?}"; shift 2 ;;
        --parcels) PARCELS="${2:?}"; shift 2 ;;
        --dates) DATES="${2:?}"; shift 2 ;;
        --threads) THREADS="${2:?}"; shift 2 ;;
        --work) WORK="${2:?}"; shift 2 ;;
        --repeat) REPEAT="${2:?}"; shift 2 ;;
        --peer-repeat) PEER_REPEAT="${2:?}"; shift 2 ;;
        --verdant) VERDANT="${2:?}"; shift 2 ;;
        --idle-wait) IDLE_WAIT="${2:?}"; shift 2 ;;
        --linked) LINKED=1; shift ;;
        --no-peers) PEERS=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option '$1'" ;;
    esac
done
PEER_REPEAT="${PEER_REPEAT:-$REPEAT}"
for v in SIZE PARCELS DATES THREADS REPEAT PEER_REPEAT; do is_int "${!v}" || die "--${v,,} must be a positive integer"; done
[[ "$IDLE_WAIT" =~ ^[0-9]+$ ]] || die "--idle-wait must be a number of seconds"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"

# ------------------------------------------------------------------------------------------- prerequisites
# shellcheck source=lib.sh
source "$HERE/lib.sh"
compare_prerequisites

# -------------------------------------------------------------------------------------------------- data
# The same cache as run.sh: date 1 is run.sh's scene-N.tif; date k > 1 is scene-N-s<k-1>.tif (make_scene.py
# --seed k-1), or with --linked a hard link of date 1 (scene-N-l<k-1>.tif).
DATA="$WORK/data"
mkdir -p "$DATA"
exec 9>"$DATA/.lock"
flock 9
value_libs="$(grep -E '^(numpy|pyproj|shapely)==' "$HERE/requirements.txt")"
scene_key="$(cat "$HERE/make_scene.py" "$HERE/scene_grid.py" <(echo "$value_libs") | sha256sum | cut -c1-16)"
parcels_key="$(cat "$HERE/make_parcels.py" "$HERE/scene_grid.py" <(echo "$value_libs") | sha256sum | cut -c1-16)"
make_scene() {  # NAME SEED
    local name="$1" seed="$2" t0
    if [[ -f "$DATA/scene-$name.tif" && -f "$DATA/scl-$name.tif" && "$(cat "$DATA/scene-$name.stamp" 2>/dev/null)" == "$scene_key" ]]; then
        return
    fi
    log "making scene-$name.tif (make_scene.py --seed $seed)"
    rm -f "$DATA/scene-$name.tif" "$DATA/scl-$name.tif" "$DATA/scene-$name.stamp"
    t0=$(date +%s)
    (cd "$HERE" && "$PY" make_scene.py --size "$SIZE" --scene "$DATA/scene-$name.tif" --scl "$DATA/scl-$name.tif" \
        --seed "$seed" 2>/dev/null) || die "making scene-$name failed"
    echo "$scene_key" >"$DATA/scene-$name.stamp"
    printf '%s\tmade\tscene\t%s\t%s\t%ss\n' "$(date -Is)" "$name" "$scene_key" "$(($(date +%s) - t0))" >>"$DATA/generation.log"
}
TABLE="$DATA/dates-$SIZE-$DATES$( ((LINKED)) && echo -linked || true).csv"
FLOOR_LIST="${TABLE%.csv}.floor.txt"
echo "date,raster,scl" >"$TABLE"
: >"$FLOOR_LIST"
for ((d = 0; d < DATES; d++)); do
    if ((d == 0)); then
        name="$SIZE"
        make_scene "$name" 0
    elif ((LINKED)); then
        name="$SIZE-l$d"
        ln -f "$DATA/scene-$SIZE.tif" "$DATA/scene-$name.tif"
        ln -f "$DATA/scl-$SIZE.tif" "$DATA/scl-$name.tif"
    else
        name="$SIZE-s$d"
        make_scene "$name" "$d"
    fi
    # monthly dates, the 15th: 2024-01-15, 2024-02-15, ...
    printf '%04d-%02d-15,scene-%s.tif,scl-%s.tif\n' $((2024 + d / 12)) $((d % 12 + 1)) "$name" "$name" >>"$TABLE"
    echo "$DATA/scene-$name.tif $DATA/scl-$name.tif" >>"$FLOOR_LIST"
done
PARCELS_FILE="$DATA/parcels-$SIZE-$PARCELS.geojson"
if [[ ! -f "$PARCELS_FILE" || "$(cat "$DATA/parcels-$SIZE-$PARCELS.stamp" 2>/dev/null)" != "$parcels_key" ]]; then
    log "making $PARCELS_FILE"
    (cd "$HERE" && "$PY" make_parcels.py --size "$SIZE" --count "$PARCELS" --out "$PARCELS_FILE") || die "making the parcels failed"
    echo "$parcels_key" >"$DATA/parcels-$SIZE-$PARCELS.stamp"
fi
flock -u 9

# ---------------------------------------------------------------------------------------------- the runs
RUN="$WORK/runs/series-$SIZE-$PARCELS-$DATES-t$THREADS$( ((LINKED)) && echo -linked || true)"
rm -rf "$RUN"
mkdir -p "$RUN"
cp "$TABLE" "$RUN/dates.csv"
SCALING=(--scale 0.0001 --offset -0.1)
SERIES_ARGS=(series --dates "$TABLE" --red B04 --nir B08 "${SCALING[@]}" --parcels "$PARCELS_FILE" --id-field parcel_id
    --model linear:-30,250 --threads "$THREADS" --force --log-level debug)
COMPOSITE_ARGS=(composite --dates "$TABLE" --red B04 --nir B08 "${SCALING[@]}" --method median --threads "$THREADS"
    --force)
PEER_SERIES_ARGS=("$HERE/peer_series.py" --dates "$TABLE" --red B04 --nir B08 "${SCALING[@]}" --parcels "$PARCELS_FILE"
    --id-field parcel_id --model=-30,250 --threads "$THREADS")
PEER_COMPOSITE_ARGS=("$HERE/peer_composite.py" --dates "$TABLE" --red B04 --nir B08 "${SCALING[@]}" --threads "$THREADS")
read -r SCENE1 SCL1 <"$FLOOR_LIST"

log "flushing and warming the page cache (every date's files read once)"
sync
while read -r s c; do cat "$s" "$c" >/dev/null; done <"$FLOOR_LIST"
cat "$PARCELS_FILE" >/dev/null

for ((rep = 1; rep <= REPEAT; rep++)); do
    timed floor1 "$rep" "$FLOOR" "$SCENE1" B04 B08 "$THREADS" "$SCL1"
    timed floor "$rep" "$FLOOR" --dates "$FLOOR_LIST" B04 B08 "$THREADS"
    timed series "$rep" "$VERDANT" "${SERIES_ARGS[@]}" --out "$RUN/series.$rep.csv"
    timed composite "$rep" "$VERDANT" "${COMPOSITE_ARGS[@]}" --out "$RUN/composite.$rep.tif"
    # the same with Zstandard instead of the default DEFLATE: how much of the composite is the COG's compression
    timed composite_zstd "$rep" "$VERDANT" "${COMPOSITE_ARGS[@]}" --compress zstd --out "$RUN/composite_zstd.tif"
    if ((PEERS && rep <= PEER_REPEAT)); then
        timed peer_series "$rep" "$PY" "${PEER_SERIES_ARGS[@]}" --out "$RUN/peer_series.$rep.csv" \
            --timings "$RUN/peer_series.$rep.timings.json"
        timed peer_composite "$rep" "$PY" "${PEER_COMPOSITE_ARGS[@]}" --out "$RUN/peer_composite.1.tif" \
            --timings "$RUN/peer_composite.$rep.timings.json"
    fi
    # keep the last outputs only: 12 dates of composites add up
    if ((rep > 1)); then rm -f "$RUN/composite.$((rep - 1)).tif"; fi
done

if ((PEERS)); then
    log "agreement: series (by parcel and date) and composite (cell by cell)"
    "$PY" "$HERE/compare_results.py" "$RUN/series.$REPEAT.csv" "$RUN/peer_series.1.csv" --key parcel_id,date \
        --json "$RUN/agreement_series.json" | tee "$RUN/agreement_series.txt" >&2 || STATUS=1
    "$PY" "$HERE/compare_composite.py" "$RUN/composite.$REPEAT.tif" "$RUN/peer_composite.1.tif" \
        --json "$RUN/agreement_composite.json" | tee "$RUN/agreement_composite.txt" >&2 || STATUS=1
fi

tree="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- Sources Package.swift 2>/dev/null || echo ' + uncommitted changes in Sources')"
"$PY" "$HERE/series_report.py" --run "$RUN" --out "$WORK/series-$SIZE-$PARCELS-$DATES.md" --size "$SIZE" \
    --parcels "$PARCELS" --dates "$DATES" --threads "$THREADS" --linked "$LINKED" \
    --machine "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), GDAL $(pkg-config --modversion gdal)" \
    --verdant "$VERDANT (work tree at $tree)"
log "table written to $WORK/series-$SIZE-$PARCELS-$DATES.md; run files in $RUN"
exit "$STATUS"
}

main "$@"
exit $?
