#!/usr/bin/env bash
# Runs the test suite under Thread Sanitizer and under Address Sanitizer, each built in its own scratch path
# (.build-tsan, .build-asan) so the normal .build is left alone; fails on any report. Prints how long each took.
#
#   bash scripts/sanitize.sh [thread|address ...]     (default: both)
#
# Suppressions for reports outside the project, each with its reason, are in scripts/sanitizers/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-gdal.sh
sanitizers=("${@:-thread address}")
here="$(pwd)/scripts/sanitizers"
# halt_on_error: the first report fails the run (its test process exits non-zero).
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$here/tsan.supp${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# Thread Sanitizer runs the library suites whole (the engine's threads run in the test process there) and the
# command-line suites whose subject is the tool's own threads: progress, console, standard input, interruption
# and concurrent runs, and sharding. The other command-line suites run the same engine as child processes, where
# TSan's start-up and 5-15x slowdown cost some 450 s of CI time for no thread the library suites do not already
# exercise. VERDANT_TSAN_FILTER=. runs everything under TSan.
tsan_filter="${VERDANT_TSAN_FILTER:-^(GDALKitTests|VerdantCoreTests|VerdantTests)\.|^VerdantCLITests\.(InterruptedAndConcurrentRunsTests|TerminalProgressTests|ParcelsFromStandardInputTests|ShardAndMergeTests)\.}"
for sanitizer in ${sanitizers[@]}; do
    filter=()
    case "$sanitizer" in
        thread) scratch=.build-tsan; filter=(--filter "$tsan_filter") ;;
        # SlurmDeployTests drive a real Slurm cluster for some 150 s, one test at a time: under ASan they add
        # that time and check nothing the estimate and merge suites do not (VERDANT_ASAN_SKIP= runs them too).
        address) scratch=.build-asan; filter=(--skip "${VERDANT_ASAN_SKIP-SlurmDeployTests}") ;;
        *) echo "sanitize.sh: unknown sanitizer '$sanitizer' (thread or address)" >&2; exit 1 ;;
    esac
    start=$(date +%s)
    swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch"
    built=$(date +%s)
    swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" "${filter[@]}"
    done=$(date +%s)
    echo "sanitize.sh: $sanitizer: build $((built - start)) s, tests $((done - built)) s, clean"
done
