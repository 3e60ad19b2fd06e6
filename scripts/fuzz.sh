#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/Targets) with -sanitize=fuzzer,address in .build-fuzz and runs each for
# SECONDS seconds (default 60) from its seed corpus (Fuzz/Corpus/<target>), VERDANT_FUZZ_JOBS at a time
# (default: one per core).
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET ...]      e.g. bash scripts/fuzz.sh 30 geojson csv
#
# New inputs go to .build-fuzz/corpus/<target> (kept between runs, never committed); a crash, leak or failed
# check writes its input to .build-fuzz/artifacts/<target>/ and makes the script fail. A summary line per
# target (inputs run, corpus size, outcome) is printed at the end. Long runs (hours, several processes):
# see docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-gdal.sh
seconds="${1:-60}"
# A fixed seed makes a run repeatable: CI's fuzzing is a gate whose failures replay here with the same seed
# (VERDANT_FUZZ_SEED=0 lets libFuzzer pick one, for exploring; docs/fuzzing.md).
seed="${VERDANT_FUZZ_SEED:-1}"
shift || true
all=(geojson json-scanner wkb csv job-file model-file coverage dates)
targets=("${@:-${all[@]}}")

# Only the fuzz package (VERDANT_FUZZ) declares the fuzzers; every module gets coverage and AddressSanitizer.
# --manifest-cache none: SwiftPM's shared manifest cache does not key on the environment.
export VERDANT_FUZZ=1
start=$(date +%s)
# (The linker warns about every ASan helper symbol it cannot export: those lines are dropped.)
swift build --scratch-path .build-fuzz --manifest-cache none -c debug -Xswiftc -sanitize=fuzzer,address 2>&1 | { grep -v "Cannot export local symbol" || true; }
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "fuzz.sh: the fuzz build failed" >&2; exit 1; }
echo "fuzz build: $(( $(date +%s) - start )) s"
bin="$(swift build --scratch-path .build-fuzz --manifest-cache none -c debug -Xswiftc -sanitize=fuzzer,address --show-bin-path)"

dictionary() {
    case "$1" in
        geojson|json-scanner|model-file) echo "-dict=Fuzz/Dictionaries/json.dict" ;;
        csv|dates) echo "-dict=Fuzz/Dictionaries/csv.dict" ;;
        job-file) echo "-dict=Fuzz/Dictionaries/yaml.dict" ;;
    esac
}

# GDAL and Foundation keep caches for the process's life: LeakSanitizer reports only leaks of a finished run.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
# Swift's own backtracer does not work under AddressSanitizer; ASan prints the stack.
export SWIFT_BACKTRACE=enable=no
# Leaks outside the project, each with its reason.
export LSAN_OPTIONS="suppressions=$(pwd)/Fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# The targets run side by side, VERDANT_FUZZ_JOBS at a time (default: one per core); each is one process with
# its own seed, corpus and log, so running them together changes nothing but the wall time.
jobs="${VERDANT_FUZZ_JOBS:-$(nproc)}"
fuzz_one() {
    local t="$1" corpus=".build-fuzz/corpus/$1" artifacts=".build-fuzz/artifacts/$1" log=".build-fuzz/fuzz-$1.log"
    mkdir -p "$corpus" "$artifacts"
    local status=0
    # -max_len: room for the seeds; -timeout: an input slower than 10 s counts as a hang.
    "$bin/fuzz-$t" "$corpus" "Fuzz/Corpus/$t" $(dictionary "$t") -max_total_time="$seconds" -seed="$seed" -max_len=8192 \
        -timeout=10 -rss_limit_mb=3072 -print_final_stats=1 -artifact_prefix="$artifacts/" \
        > "$log" 2>&1 || status=$?
    echo "$status" > ".build-fuzz/fuzz-$t.status"
}
report_one() {
    local t="$1" corpus=".build-fuzz/corpus/$1" artifacts=".build-fuzz/artifacts/$1" log=".build-fuzz/fuzz-$1.log"
    local status runs size outcome
    status=$(cat ".build-fuzz/fuzz-$t.status")
    echo "== fuzz-$t: ${seconds} s"
    runs=$(grep -h "stat::number_of_executed_units" "$log" | awk '{print $2}' | tail -n 1)
    size=$(find "$corpus" -type f | wc -l)
    if [ "$status" -eq 0 ]; then outcome="no crash"; else outcome="FAILED (exit $status, seed $seed, see $log and $artifacts)"; failed=1; fi
    # What failed, where CI shows it: the failed check or sanitizer report and its stack, and the input.
    if [ "$status" -ne 0 ]; then
        grep -n -m 1 -A 30 -E "fuzz check failed|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)" "$log" || true
        for a in "$artifacts"/*; do [ -f "$a" ] && { echo "-- $a (base64):"; head -c 4096 "$a" | base64; }; done
    fi
    summary+=("fuzz-$t: $runs inputs in ${seconds} s, corpus $size files, $outcome")
    tail -n 4 "$log"
}
summary=()
failed=0
for ((i = 0; i < ${#targets[@]}; i += jobs)); do
    batch=("${targets[@]:i:jobs}")
    for t in "${batch[@]}"; do rm -f ".build-fuzz/fuzz-$t.status"; fuzz_one "$t" & done
    wait
    for t in "${batch[@]}"; do report_one "$t"; done
done
echo "== fuzz summary ($(uname -n), $(nproc) cores, $jobs at a time)"
printf '%s\n' "${summary[@]}"
exit "$failed"
