#!/usr/bin/env bash
# Sharded estimate vs one machine (issue 16): the synthetic scene of run.sh (default 10980² cells, 10,000
# parcels) as one `verdant estimate`, then as N shards run one after another plus `verdant merge`. Prints, and
# writes to DIR/results-shards-<size>-<parcels>-<N>.md: each run's wall and CPU time (user + system, from
# /usr/bin/time), the shards' summed CPU over the single run's, the merge's time over the single run's, and the
# modelled wall time on N machines (the slowest shard + the merge). Checks the merged CSV is the single run's.
#
#   bash Benchmarks/compare/run_shards.sh [--size N] [--parcels K] [--shards N] [--threads T] [--work DIR]
set -euo pipefail
main() {
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SIZE=10980 PARCELS=10000 SHARDS=4 THREADS=2 WORK=/tmp/verdant-compare VERDANT="" IDLE_WAIT=60 REPEAT=1
die() { echo "run_shards.sh: error: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
while (($#)); do
    case "$1" in
        --size) SIZE="$2"; shift 2 ;;
        --parcels) PARCELS="$2"; shift 2 ;;
        --shards) SHARDS="$2"; shift 2 ;;
        --threads) THREADS="$2"; shift 2 ;;
        --work) WORK="$2"; shift 2 ;;
        --verdant) VERDANT="$2"; shift 2 ;;
        -h|--help) sed -n 2,8p "${BASH_SOURCE[0]}"; exit 0 ;;
        *) die "unknown option $1" ;;
    esac
done
mkdir -p "$WORK"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
compare_prerequisites
DATA="$WORK/data"
mkdir -p "$DATA"
SCENE="$DATA/scene-$SIZE.tif" SCL="$DATA/scl-$SIZE.tif" PARCELS_FILE="$DATA/parcels-$SIZE-$PARCELS.geojson"
# The scene and parcels of run.sh (made here when missing; run.sh reuses them when its generators match).
[[ -f "$SCENE" && -f "$SCL" ]] || (cd "$HERE" && "$PY" make_scene.py --size "$SIZE" --scene "$SCENE" --scl "$SCL")
[[ -f "$PARCELS_FILE" ]] || (cd "$HERE" && "$PY" make_parcels.py --size "$SIZE" --count "$PARCELS" --out "$PARCELS_FILE")
RUN="$WORK/runs/shards-$SIZE-$PARCELS-$SHARDS"
rm -rf "$RUN" && mkdir -p "$RUN"
ARGS=(estimate --raster "$SCENE" --red B04 --nir B08 --band "scl=$SCL" --scale 0.0001 --offset -0.1
    --parcels "$PARCELS_FILE" --id-field parcel_id --model linear:-30,250 --threads "$THREADS" --quiet)
cd "$RUN"
# Every run reads the scene from the page cache (as run.sh times them): read it once first.
cat "$SCENE" "$SCL" "$PARCELS_FILE" >/dev/null
timed single 1 "$VERDANT" "${ARGS[@]}" --out single.csv
for ((k = 0; k < SHARDS; k++)); do
    timed "shard$k" 1 "$VERDANT" "${ARGS[@]}" --shard "$k/$SHARDS" --out "part-$k.vpart"
done
timed merge 1 "$VERDANT" merge part-*.vpart --out merged.csv --quiet
((STATUS == 0)) || die "a run failed (logs in $RUN)"
cmp -s single.csv merged.csv || die "the merged table differs from the single run's"
# wall and CPU seconds of a run, from /usr/bin/time -v
seconds() {
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
        /User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f %.2f\n", w, u + s }' "$RUN/$1.1.time"
}
read -r single_wall single_cpu < <(seconds single)
read -r merge_wall merge_cpu < <(seconds merge)
shard_cpu=0 slowest=0 rows=""
for ((k = 0; k < SHARDS; k++)); do
    read -r w c < <(seconds "shard$k")
    shard_cpu=$(awk -v a="$shard_cpu" -v b="$c" 'BEGIN { print a + b }')
    slowest=$(awk -v a="$slowest" -v b="$w" 'BEGIN { print (b > a ? b : a) }')
    rows+="| shard $k/$SHARDS | $w | $c | $(du -k "part-$k.vpart" | cut -f1) KiB partial |"$'\n'
done
out="$WORK/results-shards-$SIZE-$PARCELS-$SHARDS.md"
{
    echo "Sharded estimate, $SIZE² cells, $PARCELS parcels, $SHARDS shards, $THREADS threads; $(nproc) cores, $(uname -n), $(date -I)"
    echo
    echo "| run | wall s | CPU s | |"
    echo "|---|---|---|---|"
    echo "| one machine | $single_wall | $single_cpu | |"
    printf '%s' "$rows"
    echo "| merge | $merge_wall | $merge_cpu | |"
    echo
    awk -v s="$shard_cpu" -v c="$single_cpu" -v mw="$merge_wall" -v sw="$single_wall" -v sl="$slowest" -v n="$SHARDS" 'BEGIN {
        printf "- shards summed CPU / single CPU: %.3f (target <= 1.1)\n", s / c
        printf "- merge wall / single wall: %.3f (target <= 0.05)\n", mw / sw
        printf "- modelled wall on %d machines: slowest shard %.2f s + merge %.2f s = %.2f s (single: %.2f s)\n", n, sl, mw, sl + mw, sw }'
    echo "- the merged CSV is byte-identical to the single run's"
} | tee "$out"
}
main "$@"
