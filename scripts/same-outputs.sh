#!/usr/bin/env bash
# Checks that the working tree's `verdant` writes byte-identical outputs to those of commit REF, on the sample
# rasters: map (NDVI, AGB, CO2e COGs), estimate (CSV, JSON, GeoJSON, GeoPackage, HTML report, Markdown summary,
# quicklook PNG, --json), estimate with a calibrated model (analytic and Monte Carlo intervals), the drone
# sample, calibrate and credits. For refactors that must not change a number.
#
#   bash scripts/same-outputs.sh REF        e.g. bash scripts/same-outputs.sh 2eca617
#
# REF is built (release) in a temporary git worktree; both binaries run the same cases into two folders, and
# every file is compared with cmp. Fields that legitimately differ between two runs (the time, the version and
# commit, elapsed seconds) are masked first in the text outputs; a GeoPackage is compared through ogrinfo's
# dump of its features. Exits 1 and names the files that differ.
set -euo pipefail
cd "$(dirname "$0")/.."
ref="${1:?usage: same-outputs.sh REF}"
root=$(pwd)
work=$(mktemp -d /tmp/verdant-same.XXXXXX)
trap 'git -C "$root" worktree remove --force "$work/ref" > /dev/null 2>&1 || true; rm -rf "$work"' EXIT
bash scripts/ensure-gdal.sh
git worktree add --detach "$work/ref" "$ref" > /dev/null
(cd "$work/ref" && swift build -c release --product verdant > "$work/ref-build.log" 2>&1) || { tail -20 "$work/ref-build.log"; exit 1; }
swift build -c release --product verdant > "$work/new-build.log" 2>&1 || { tail -20 "$work/new-build.log"; exit 1; }

cat > "$work/plots.csv" <<'EOF'
plot_id,lon,lat,radius_m,agb_t_ha
P0,99.931585699,14.467188831,12,60
P1,99.938080200,14.467163034,12,95
P2,99.944574689,14.467137057,12,130
P3,99.951069164,14.467110902,12,165
P4,99.931559322,14.460860520,12,85
P5,99.938053640,14.460834734,12,120
P6,99.944547945,14.460808770,12,155
P7,99.951042236,14.460782626,12,75
P8,99.931532958,14.454532205,12,110
P9,99.938027092,14.454506432,12,145
P10,99.944521213,14.454480479,12,65
P11,99.951015322,14.454454347,12,100
EOF

s=sample-rasters
input=(--raster $s/sentinel2_l2a_stack.tif --red B04 --nir B08 --scale 0.0001 --offset -0.1)
scl=(--sensor sentinel2-l2a --band scl=$s/sentinel2_l2a_SCL_20m.tif)
parcels=(--parcels $s/sentinel2_parcels.geojson --id-field parcel_id)

# Masks the timings JSONEncoder writes with a space before the colon (`"seconds" : 0.03`, each phase's
# `"tiles" : 0.013` in credits.json): they differ between any two runs of the same binary.
timings() {
    sed -E -e 's/"(elapsed_s|seconds|duration_s|inputs|parcels and coverage|tiles|figures)" : [0-9]+(\.[0-9]+(e[+-]?[0-9]+)?|e[+-]?[0-9]+)/"\1" : 0/g'
}

# Runs every case with binary $1 into folder $2 (standard output and exit code of each case kept too).
run_cases() {
    local bin=$1 out=$2
    mkdir -p "$out"
    step() { local name=$1; shift; local rc=0; "$bin" "$@" > "$out/$name.stdout" 2> "$out/$name.stderr" || rc=$?; echo "$rc" > "$out/$name.rc"; }
    step map map "${input[@]}" "${scl[@]}" --model example-linear --ndvi-out "$out/ndvi.tif" --agb-out "$out/agb.tif" \
        --carbon-out "$out/co2e.tif" --quiet
    step estimate estimate "${input[@]}" "${scl[@]}" --model example-linear "${parcels[@]}" --out "$out/parcels.csv" \
        --report "$out/report.html" --summary "$out/summary.md" --quicklook "$out/quicklook.png" --json
    step estimate-json estimate "${input[@]}" --model example-linear "${parcels[@]}" --out "$out/parcels.json"
    step estimate-geojson estimate "${input[@]}" --model example-linear "${parcels[@]}" --out "$out/parcels.geojson"
    step estimate-gpkg estimate "${input[@]}" --model example-linear "${parcels[@]}" --out "$out/parcels.gpkg"
    step calibrate calibrate "${input[@]}" --plots "$work/plots.csv" --out "$out/model.json"
    step estimate-model estimate "${input[@]}" "${parcels[@]}" --model-file "$out/model.json" --factors tver \
        --class general-trees --out "$out/model-parcels.csv"
    step estimate-mc estimate "${input[@]}" "${parcels[@]}" --model-file "$out/model.json" --uncertainty montecarlo \
        --draws 500 --seed 3 --root-shoot mokany --out "$out/mc-parcels.json"
    step credits credits --t0-raster $s/sentinel2_l2a_stack.tif --t1-raster $s/sentinel2_l2a_stack.tif --red B04 --nir B08 \
        --scale 0.0001 --offset -0.1 "${parcels[@]}" --model-file "$out/model.json" --factors tver --class general-trees \
        --leakage 5 --buffer 10 --out "$out/credits.json"
    step drone estimate --raster $s/drone_multispectral.tif --sensor micasense-rededge --scale 1 \
        --parcels $s/drone_parcels.geojson --model example-linear --out "$out/drone.csv"
    step bad-input estimate "${input[@]}" --model example-linear --parcels $s/missing.geojson --out "$out/never.csv"
}
run_cases "$work/ref/.build/release/verdant" "$work/a"
run_cases "$root/.build/release/verdant" "$work/b"

# Masks what differs between any two runs: times, durations (also each phase's), Verdant's version and commit, the
# folders; and drops progress lines (printed as work completes, so their order varies).
normalise() {
    grep -Ev '^verdant: .*: [0-9]+/[0-9]+ [a-z]+ \([0-9]+%\)' "$1" | sed -E -e "s#$work/[ab]#OUT#g" -e "s#$work/ref#ROOT#g" -e "s#$root#ROOT#g" \
        -e 's/"(started|finished|created|generated|date_time)" *: *"[^"]*"/"\1": "T"/g' \
        -e 's/"(elapsed_s|seconds|duration_s)" *: *[0-9.e+-]+/"\1": 0/g' \
        -e '/"phases_seconds"/,/}/ s/" *: *[0-9.e+-]+/": 0/' \
        -e 's/"(verdant_version|version|commit)" *: *"[^"]*"/"\1": "V"/g' \
        -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z?/T/g' -e 's/[0-9]+(\.[0-9]+)? s\b/N s/g'
}
differ=0
for a in "$work"/a/*; do
    name=$(basename "$a") b="$work/b/$name"
    [ -e "$b" ] || { echo "missing in the new run: $name"; differ=1; continue; }
    case "$name" in
        *.tif|*.png) cmp -s "$a" "$b" || { echo "differs: $name"; differ=1; } ;;
        *.gpkg) diff -q <(ogrinfo -ro -al -q "$a" | sed "s#$work/a#OUT#g") <(ogrinfo -ro -al -q "$b" | sed "s#$work/b#OUT#g") > /dev/null \
                    || { echo "differs: $name"; differ=1; } ;;
        *) diff -q <(normalise "$a" | timings) <(normalise "$b" | timings) > /dev/null \
               || { echo "differs: $name"; diff <(normalise "$a" | timings) <(normalise "$b" | timings) | head -8; differ=1; } ;;
    esac
done
for b in "$work"/b/*; do [ -e "$work/a/$(basename "$b")" ] || { echo "new in this run: $(basename "$b")"; differ=1; }; done
count=$(ls "$work/a" | wc -l)
if [ "$differ" -eq 0 ]; then echo "same outputs as $ref: $count files"; else echo "outputs differ from $ref"; exit 1; fi
