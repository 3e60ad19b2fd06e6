#!/usr/bin/env bash
# End-to-end comparison: verdant estimate vs the rasterio + numpy + exactextract pipeline vs the GDAL decode
# floor, on one deterministic synthetic Sentinel-2 scene. See README.md beside this script.
#
#   bash Benchmarks/compare/run.sh [--size N] [--parcels K] [--threads T] [--work DIR] [--no-mask] [--repeat R]
#   bash Benchmarks/compare/run.sh --scaling [--scaling-grid] [--threads T] [--work DIR] [--no-mask]
set -euo pipefail

# The whole script is one function, read in full before anything runs: editing this file, or a git checkout,
# while a run is going cannot break that run.
main() {
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

SIZE=10980
PARCELS=10000
THREADS=2
WORK=/tmp/verdant-compare
MASK=1
REPEAT=3
SCALING=0
SCALING_GRID=0
VERDANT=""
IDLE_WAIT=180

usage() {
    cat <<'EOF'
usage: bash Benchmarks/compare/run.sh [options]

  --size N         scene edge in 10 m cells (default 10980, a Sentinel-2 tile; 5490 = 1/4 area, 21960 = 4x)
  --parcels K      number of parcels (default 10000)
  --threads T      threads for verdant, the peer and the decode floor (default 2)
  --work DIR       work directory: venv, cached data, runs, results (default /tmp/verdant-compare)
  --no-mask        leave the SCL mask out of verdant and the peer (for a verdant without --band scl=)
  --repeat R       time each tool R times and report the fastest (default 3)
  --verdant PATH   time this verdant binary instead of building one
  --idle-wait S    before each timed run, wait up to S seconds for other processes to leave the CPUs
                   (default 180; 0: do not wait)
  --scaling        run 1/4, 1 and 4x area (5490, 10980, 21960 at 10,000 parcels) and 1k, 10k, 100k parcels
                   (at 10980), then print how the cost grows; takes long (run by hand, not in CI)
  --scaling-grid   with --scaling: every size with every parcel count (9 runs) instead of the 5 above
  -h, --help       this text

Results: a table on standard output and in DIR/results-<size>-<parcels>[-nomask].md; the run's files
(outputs, logs, /usr/bin/time -v reports) in DIR/runs/<size>-<parcels>-t<T>-<mask|nomask>/.
EOF
}

die() { echo "run.sh: error: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
is_int() { [[ "$1" =~ ^[1-9][0-9]*$ ]]; }

while (($#)); do
    case "$1" in
        --size) [[ $# -ge 2 ]] || die "--size needs a value"; SIZE="$2"; shift 2 ;;
        --parcels) [[ $# -ge 2 ]] || die "--parcels needs a value"; PARCELS="$2"; shift 2 ;;
        --threads) [[ $# -ge 2 ]] || die "--threads needs a value"; THREADS="$2"; shift 2 ;;
        --work) [[ $# -ge 2 ]] || die "--work needs a value"; WORK="$2"; shift 2 ;;
        --repeat) [[ $# -ge 2 ]] || die "--repeat needs a value"; REPEAT="$2"; shift 2 ;;
        --verdant) [[ $# -ge 2 ]] || die "--verdant needs a value"; VERDANT="$2"; shift 2 ;;
        --idle-wait) [[ $# -ge 2 ]] || die "--idle-wait needs a value"; IDLE_WAIT="$2"; shift 2 ;;
        --size=*) SIZE="${1#*=}"; shift ;;
        --parcels=*) PARCELS="${1#*=}"; shift ;;
        --threads=*) THREADS="${1#*=}"; shift ;;
        --work=*) WORK="${1#*=}"; shift ;;
        --repeat=*) REPEAT="${1#*=}"; shift ;;
        --verdant=*) VERDANT="${1#*=}"; shift ;;
        --idle-wait=*) IDLE_WAIT="${1#*=}"; shift ;;
        --no-mask) MASK=0; shift ;;
        --scaling) SCALING=1; shift ;;
        --scaling-grid) SCALING=1; SCALING_GRID=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option '$1'" ;;
    esac
done
is_int "$SIZE" || die "--size must be a positive integer, not '$SIZE'"
is_int "$PARCELS" || die "--parcels must be a positive integer, not '$PARCELS'"
is_int "$THREADS" || die "--threads must be a positive integer, not '$THREADS'"
is_int "$REPEAT" || die "--repeat must be a positive integer, not '$REPEAT'"
[[ "$IDLE_WAIT" =~ ^[0-9]+$ ]] || die "--idle-wait must be a number of seconds, not '$IDLE_WAIT'"
((SIZE >= 64)) || die "--size must be at least 64"
mkdir -p "$WORK" || die "cannot create the work directory $WORK"
WORK="$(cd "$WORK" && pwd)"

# ---------------------------------------------------------------------------------------------- scaling mode
if ((SCALING)); then
    common=(--threads "$THREADS" --work "$WORK" --repeat "$REPEAT" --idle-wait "$IDLE_WAIT")
    ((MASK)) || common+=(--no-mask)
    if [[ -z "$VERDANT" ]]; then
        # one binary for every row, even if the work tree changes during the sweep
        command -v swift >/dev/null || die "swift is needed to build verdant (or pass --verdant PATH)"
        log "scaling: building verdant (release) in $ROOT/.build-compare"
        (cd "$ROOT" && swift build -c release --product verdant --scratch-path "$ROOT/.build-compare" >"$WORK/build.log" 2>&1) \
            || { tail -30 "$WORK/build.log" >&2; die "swift build failed (log: $WORK/build.log)"; }
        mkdir -p "$WORK/bin"
        VERDANT="$WORK/bin/verdant-$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo build)$(git -C "$ROOT" diff --quiet HEAD -- Sources Package.swift 2>/dev/null || echo '-dirty')"
        cp "$(cd "$ROOT" && swift build -c release --product verdant --scratch-path "$ROOT/.build-compare" --show-bin-path)/verdant" "$VERDANT"
    fi
    common+=(--verdant "$VERDANT")
    if ((SCALING_GRID)); then
        combos=()
        for s in 5490 10980 21960; do for k in 1000 10000 100000; do combos+=("$s:$k"); done; done
    else
        combos=(5490:10000 10980:10000 21960:10000 10980:1000 10980:100000)
    fi
    failed=0
    runs=()
    for c in "${combos[@]}"; do
        s="${c%%:*}"; k="${c##*:}"
        log "scaling: size $s, $k parcels"
        bash "$HERE/run.sh" --size "$s" --parcels "$k" "${common[@]}" || { failed=1; log "scaling: run $s/$k failed (continuing)"; }
        runs+=("$WORK/runs/$s-$k-t$THREADS-$( ((MASK)) && echo mask || echo nomask)")
    done
    suffix=$( ((MASK)) || echo "-nomask")
    "$WORK/venv/bin/python" "$HERE/scaling_report.py" --out "$WORK/scaling-t$THREADS$suffix.md" "${runs[@]}"
    exit "$failed"
fi

# ------------------------------------------------------------------------------------------- prerequisites
step_begin() { STEP_NAME="$1"; STEP_T0=$(date +%s.%N); log "$1"; }
step_end() { awk -v n="$STEP_NAME" -v a="$STEP_T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%s\t%.3f\n", n, b - a }' >>"$STEPS_FILE"; }
STEPS_FILE="$(mktemp)"
trap 'rm -f "$STEPS_FILE"' EXIT

step_begin "prerequisites (tools, venv, verdant build, decode floor)"
command -v python3 >/dev/null || die "python3 is needed (for the peer and the data generator only)"
command -v cc >/dev/null || die "a C compiler (cc) is needed for the decode floor"
command -v flock >/dev/null || die "flock is needed (util-linux)"
pkg-config --exists gdal || die "GDAL's development files are needed (apt-get install libgdal-dev)"
if [[ ! -x /usr/bin/time ]]; then
    [[ $(id -u) -eq 0 ]] || die "/usr/bin/time is missing: apt-get install time"
    log "installing /usr/bin/time (apt-get install time)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q time >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q time >/dev/null; } \
        || die "could not install the 'time' package"
fi

VENV="$WORK/venv"
PY="$VENV/bin/python"
if [[ ! -x "$PY" ]] || ! cmp -s "$HERE/requirements.txt" "$VENV/.requirements.txt"; then
    log "making the Python virtualenv $VENV (peer and generators only)"
    python3 -m venv "$VENV" || die "python3 -m venv failed (on Debian: apt-get install python3-venv)"
    "$PY" -m pip install --quiet --disable-pip-version-check -r "$HERE/requirements.txt" \
        || die "pip install -r $HERE/requirements.txt failed"
    cp "$HERE/requirements.txt" "$VENV/.requirements.txt"
fi

VERDANT_GIVEN=0
[[ -n "$VERDANT" ]] && VERDANT_GIVEN=1
if [[ -z "$VERDANT" ]]; then
    command -v swift >/dev/null || die "swift is needed to build verdant (or pass --verdant PATH)"
    log "building verdant (release) in $ROOT/.build-compare"
    (cd "$ROOT" && swift build -c release --product verdant --scratch-path "$ROOT/.build-compare" >"$WORK/build.log" 2>&1) \
        || { tail -30 "$WORK/build.log" >&2; die "swift build failed (log: $WORK/build.log)"; }
    VERDANT="$(cd "$ROOT" && swift build -c release --product verdant --scratch-path "$ROOT/.build-compare" --show-bin-path)/verdant"
fi
[[ -x "$VERDANT" ]] || die "no verdant binary at $VERDANT"

mkdir -p "$WORK/bin"
FLOOR="$WORK/bin/decode_floor"
if [[ ! -x "$FLOOR" || "$HERE/decode_floor.c" -nt "$FLOOR" ]]; then
    # shellcheck disable=SC2046
    cc -O2 -Wall -o "$FLOOR" "$HERE/decode_floor.c" $(pkg-config --cflags --libs gdal) -lpthread \
        || die "could not compile decode_floor.c"
fi
step_end

# -------------------------------------------------------------------------------------------------- data
DATA="$WORK/data"
mkdir -p "$DATA"
exec 9>"$DATA/.lock"
flock 9  # one generator at a time per work dir
SCENE="$DATA/scene-$SIZE.tif"
SCL="$DATA/scl-$SIZE.tif"
PARCELS_FILE="$DATA/parcels-$SIZE-$PARCELS.geojson"
# A cached file is reused only when it was made by the same generator code with the same numerical libraries.
value_libs="$(grep -E '^(numpy|pyproj|shapely)==' "$HERE/requirements.txt")"
scene_key="$(cat "$HERE/make_scene.py" "$HERE/scene_grid.py" <(echo "$value_libs") | sha256sum | cut -c1-16)"
parcels_key="$(cat "$HERE/make_parcels.py" "$HERE/scene_grid.py" <(echo "$value_libs") | sha256sum | cut -c1-16)"

step_begin "scene $SIZE x $SIZE"
if [[ -f "$SCENE" && -f "$SCL" && "$(cat "$DATA/scene-$SIZE.stamp" 2>/dev/null)" == "$scene_key" ]]; then
    log "  cached: $SCENE, $SCL"
    STEP_NAME="scene $SIZE x $SIZE (cached)"
else
    rm -f "$SCENE" "$SCL" "$DATA/scene-$SIZE.stamp"
    t0=$(date +%s)
    (cd "$HERE" && "$PY" make_scene.py --size "$SIZE" --scene "$SCENE" --scl "$SCL") || die "making the scene failed"
    echo "$scene_key" >"$DATA/scene-$SIZE.stamp"
    printf '%s\tmade\tscene\t%s\t%s\t%ss\n' "$(date -Is)" "$SIZE" "$scene_key" "$(($(date +%s) - t0))" >>"$DATA/generation.log"
    STEP_NAME="scene $SIZE x $SIZE (made)"
fi
step_end

step_begin "parcels $PARCELS"
if [[ -f "$PARCELS_FILE" && "$(cat "$DATA/parcels-$SIZE-$PARCELS.stamp" 2>/dev/null)" == "$parcels_key" ]]; then
    log "  cached: $PARCELS_FILE"
    STEP_NAME="parcels $PARCELS (cached)"
else
    rm -f "$PARCELS_FILE" "$DATA/parcels-$SIZE-$PARCELS.stamp"
    t0=$(date +%s)
    (cd "$HERE" && "$PY" make_parcels.py --size "$SIZE" --count "$PARCELS" --out "$PARCELS_FILE") || die "making the parcels failed"
    echo "$parcels_key" >"$DATA/parcels-$SIZE-$PARCELS.stamp"
    printf '%s\tmade\tparcels\t%s-%s\t%s\t%ss\n' "$(date -Is)" "$SIZE" "$PARCELS" "$parcels_key" "$(($(date +%s) - t0))" >>"$DATA/generation.log"
    STEP_NAME="parcels $PARCELS (made)"
fi
step_end
flock -u 9

# ---------------------------------------------------------------------------------------------- the runs
MASK_NAME=$( ((MASK)) && echo mask || echo nomask)
RUN="$WORK/runs/$SIZE-$PARCELS-t$THREADS-$MASK_NAME"
rm -rf "$RUN"
mkdir -p "$RUN"
mv "$STEPS_FILE" "$RUN/steps.tsv"
STEPS_FILE="$RUN/steps.tsv"
trap - EXIT

if ((MASK)); then
    # Does this verdant know the SCL role yet? (--band scl=FILE; being added to Verdant.)
    probe="$("$VERDANT" estimate --raster "$SCENE" --red B04 --nir B08 --band "scl=$SCL" --parcels "$RUN/none.geojson" \
        --id-field parcel_id --model linear:-30,250 --out "$RUN/probe.csv" 2>&1 || true)"
    if grep -qi "unknown band role" <<<"$probe"; then
        die "this verdant does not know --band scl= yet ($(grep -i 'unknown band role' <<<"$probe" | head -1)); rerun with --no-mask"
    fi
    rm -f "$RUN/probe.csv"
fi

VERDANT_ARGS=(estimate --raster "$SCENE" --red B04 --nir B08)
((MASK)) && VERDANT_ARGS+=(--band "scl=$SCL")
VERDANT_ARGS+=(--scale 0.0001 --offset -0.1 --parcels "$PARCELS_FILE" --id-field parcel_id --model linear:-30,250
    --threads "$THREADS")  # + --out RUN/verdant.REP.csv: each repetition writes its own file
PEER_ARGS=("$HERE/peer_estimate.py" --scene "$SCENE" --red B04 --nir B08)
((MASK)) && PEER_ARGS+=(--scl "$SCL")
PEER_ARGS+=(--parcels "$PARCELS_FILE" --id-field parcel_id --scale 0.0001 --offset -0.1 --model=-30,250
    --threads "$THREADS")
FLOOR_ARGS=("$SCENE" B04 B08 "$THREADS")
((MASK)) && FLOOR_ARGS+=("$SCL")

step_begin "flush and warm the page cache (sync, then read the inputs once)"
sync  # freshly generated files are still being written back: that would slow the first timed tool
cat "$SCENE" "$PARCELS_FILE" >/dev/null
((MASK)) && cat "$SCL" >/dev/null
step_end

STATUS=0
CLK_TCK="$(getconf CLK_TCK)"
machine_cpu() {  # busy ticks of the whole machine (user nice system irq softirq) and steal ticks, from /proc/stat
    awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $9 }' /proc/stat
}
wait_idle() {  # waits (up to IDLE_WAIT s) until other processes use less than a quarter of a core
    local waited=0 b s b2 s2 busy
    while ((IDLE_WAIT > 0)); do
        read -r b s < <(machine_cpu)
        sleep 1
        read -r b2 s2 < <(machine_cpu)
        busy=$(((b2 - b) * 100 / CLK_TCK))  # % of one core, whole machine
        ((busy < 25)) && break
        if ((waited >= IDLE_WAIT)); then
            log "  the machine is still busy (${busy}% of a core in use by other processes) after ${IDLE_WAIT}s: timing anyway"
            break
        fi
        ((waited == 0)) && log "  waiting for the machine to be idle (${busy}% of a core in use by other processes)"
        waited=$((waited + 1))
    done
    return 0
}
timed() {  # TOOL REP COMMAND...: runs COMMAND under /usr/bin/time -v; logs in $RUN/TOOL.REP.{time,log,cpu}
    local tool="$1" rep="$2" b s b2 s2
    shift 2
    wait_idle
    step_begin "$tool (run $rep of $REPEAT)"
    read -r b s < <(machine_cpu)
    if ! /usr/bin/time -v -o "$RUN/$tool.$rep.time" "$@" >"$RUN/$tool.$rep.log" 2>&1; then
        log "  $tool FAILED; the last lines of $RUN/$tool.$rep.log:"
        tail -15 "$RUN/$tool.$rep.log" >&2
        STATUS=1
    fi
    read -r b2 s2 < <(machine_cpu)
    # the machine's CPU seconds during the run (all processes) and the hypervisor's steal, to spot a busy machine
    echo "$(((b2 - b) * 1000 / CLK_TCK)) $(((s2 - s) * 1000 / CLK_TCK))" >"$RUN/$tool.$rep.cpu"
    step_end
}

for ((rep = 1; rep <= REPEAT; rep++)); do
    timed floor "$rep" "$FLOOR" "${FLOOR_ARGS[@]}"
    timed verdant "$rep" "$VERDANT" "${VERDANT_ARGS[@]}" --out "$RUN/verdant.$rep.csv"
    timed peer "$rep" "$PY" "${PEER_ARGS[@]}" --out "$RUN/peer.$rep.csv" --timings "$RUN/peer.$rep.timings.json"
done
for tool in verdant peer; do  # the outputs compared: the last repetition that wrote one
    for ((rep = REPEAT; rep >= 1; rep--)); do
        if [[ -s "$RUN/$tool.$rep.csv" ]]; then
            cp "$RUN/$tool.$rep.csv" "$RUN/$tool.csv"
            break
        fi
    done
done

step_begin "agreement check"
if [[ -s "$RUN/verdant.csv" && -s "$RUN/peer.csv" ]]; then
    "$PY" "$HERE/compare_results.py" "$RUN/verdant.csv" "$RUN/peer.csv" --json "$RUN/agreement.json" \
        | tee "$RUN/agreement.txt" >&2 || STATUS=1
else
    log "  skipped: an output is missing"
    STATUS=1
fi
step_end

# ---------------------------------------------------------------------------------------------- the report
q() {  # a command line to copy and paste: arguments quoted only when they need it
    local out="" a
    for a in "$@"; do
        if [[ "$a" =~ ^[A-Za-z0-9_./=:,+@%-]+$ ]]; then out+="$a "; else out+="'${a//\'/\'\\\'\'}' "; fi
    done
    printf '%s' "${out% }"
}
export META_SIZE="$SIZE" META_PARCELS="$PARCELS" META_THREADS="$THREADS" META_MASK="$MASK" META_REPEAT="$REPEAT"
export META_SCENE="$SCENE" META_SCL="$( ((MASK)) && echo "$SCL" || true)" META_PARCELS_FILE="$PARCELS_FILE"
export META_MACHINE="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
tree="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- Sources Package.swift 2>/dev/null || echo ' + uncommitted changes in Sources')"
if ((VERDANT_GIVEN)); then
    export META_VERDANT="$VERDANT (given with --verdant, built $(date -r "$VERDANT" '+%Y-%m-%d %H:%M'); the work tree is at $tree)"
else
    export META_VERDANT="$VERDANT, built from the work tree at $tree"
fi
export META_GDAL="$(pkg-config --modversion gdal)"
export META_VERDANT_CMD="$(q "$VERDANT" "${VERDANT_ARGS[@]}" --out "$RUN/verdant.1.csv")"
export META_PEER_CMD="$(q "$PY" "${PEER_ARGS[@]}" --out "$RUN/peer.1.csv")"
export META_FLOOR_CMD="$(q "$FLOOR" "${FLOOR_ARGS[@]}")"
"$PY" - "$RUN/meta.json" <<'EOF'
import json, os, sys
import numpy, rasterio, exactextract, pyproj, platform
e = os.environ
meta = {
    "size": int(e["META_SIZE"]), "parcels": int(e["META_PARCELS"]), "threads": int(e["META_THREADS"]),
    "mask": e["META_MASK"] == "1", "repeat": int(e["META_REPEAT"]), "machine": e["META_MACHINE"],
    "verdant_version": e["META_VERDANT"], "gdal_version": e["META_GDAL"],
    "peer_versions": "Python %s, rasterio %s (GDAL %s), numpy %s, exactextract %s, pyproj %s" % (
        platform.python_version(), rasterio.__version__, rasterio.__gdal_version__, numpy.__version__,
        getattr(exactextract, "__version__", "?"), pyproj.__version__),
    "scene": e["META_SCENE"], "scene_mib": os.path.getsize(e["META_SCENE"]) / 2**20,
    "scl": e["META_SCL"] or None, "parcels_file": e["META_PARCELS_FILE"],
    "parcels_mib": os.path.getsize(e["META_PARCELS_FILE"]) / 2**20,
    "verdant_cmd": e["META_VERDANT_CMD"], "peer_cmd": e["META_PEER_CMD"], "floor_cmd": e["META_FLOOR_CMD"],
}
json.dump(meta, open(sys.argv[1], "w"), indent=1)
EOF
SUFFIX=$( ((MASK)) || echo "-nomask")
"$PY" "$HERE/report.py" --run "$RUN" --out "$WORK/results-$SIZE-$PARCELS$SUFFIX.md" --json "$RUN/results.json"
log "table written to $WORK/results-$SIZE-$PARCELS$SUFFIX.md; run files in $RUN"
((STATUS == 0)) || log "some step failed (see above); the table shows what was measured"
exit "$STATUS"
}

main "$@"
exit $?
