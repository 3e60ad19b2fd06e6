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
for sanitizer in ${sanitizers[@]}; do
    case "$sanitizer" in
        thread) scratch=.build-tsan ;;
        address) scratch=.build-asan ;;
        *) echo "sanitize.sh: unknown sanitizer '$sanitizer' (thread or address)" >&2; exit 1 ;;
    esac
    start=$(date +%s)
    swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch"
    built=$(date +%s)
    swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch"
    done=$(date +%s)
    echo "sanitize.sh: $sanitizer: build $((built - start)) s, tests $((done - built)) s, clean"
done
