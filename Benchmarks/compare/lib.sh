# Shared by run_series.sh and run_classify.sh (sourced inside their main): the prerequisites and the timed runs.
# The caller defines log and die and sets HERE, ROOT, WORK, VERDANT (empty: build one), IDLE_WAIT and REPEAT;
# RUN before calling timed. Sets PY, VERDANT, FLOOR (compare_prerequisites), STATUS (1 once a timed tool fails).

# Tools, the Python virtualenv $WORK/venv (requirements.txt, then each EXTRA requirements file on top, each
# reinstalled when it changes), verdant (release, in $ROOT/.build-compare, unless VERDANT is given) and the
# decode floor ($WORK/bin/decode_floor, recompiled when decode_floor.c is newer).
compare_prerequisites() {  # [EXTRA_REQUIREMENTS...]
    local tool extra stamp
    for tool in python3 cc flock pkg-config; do command -v "$tool" >/dev/null || die "$tool is needed"; done
    [[ -x /usr/bin/time ]] || die "/usr/bin/time is missing: apt-get install time"
    VENV="$WORK/venv"
    PY="$VENV/bin/python"
    if [[ ! -x "$PY" ]] || ! cmp -s "$HERE/requirements.txt" "$VENV/.requirements.txt"; then
        log "making the Python virtualenv $VENV"
        python3 -m venv "$VENV" && "$PY" -m pip install --quiet --disable-pip-version-check -r "$HERE/requirements.txt" \
            || die "pip install -r requirements.txt failed"
        cp "$HERE/requirements.txt" "$VENV/.requirements.txt"
    fi
    for extra in "$@"; do
        stamp="$VENV/.$(basename "$extra")"
        if ! cmp -s "$extra" "$stamp"; then
            log "installing $(basename "$extra") into $VENV"
            "$PY" -m pip install --quiet --disable-pip-version-check -r "$extra" || die "pip install -r $extra failed"
            cp "$extra" "$stamp"
        fi
    done
    if [[ -z "$VERDANT" ]]; then
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
}

STATUS=0
CLK_TCK="$(getconf CLK_TCK)"
machine_cpu() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $9 }' /proc/stat; }
wait_idle() {  # up to IDLE_WAIT s until other processes use less than a quarter of a core
    local waited=0 b s b2 s2 busy
    while ((IDLE_WAIT > 0)); do
        read -r b s < <(machine_cpu)
        sleep 1
        read -r b2 s2 < <(machine_cpu)
        busy=$(((b2 - b) * 100 / CLK_TCK))
        ((busy < 25)) && break
        if ((waited >= IDLE_WAIT)); then log "  still busy (${busy}% of a core) after ${IDLE_WAIT}s: timing anyway"; break; fi
        ((waited == 0)) && log "  waiting for the machine to be idle (${busy}% of a core in use)"
        waited=$((waited + 1))
    done
    return 0
}
timed() {  # TOOL REP COMMAND...: /usr/bin/time -v into $RUN/TOOL.REP.{time,log,cpu}
    local tool="$1" rep="$2" b s b2 s2
    shift 2
    wait_idle
    log "$tool (run $rep of $REPEAT)"
    read -r b s < <(machine_cpu)
    if ! /usr/bin/time -v -o "$RUN/$tool.$rep.time" "$@" >"$RUN/$tool.$rep.log" 2>&1; then
        log "  $tool FAILED; the last lines of $RUN/$tool.$rep.log:"
        tail -15 "$RUN/$tool.$rep.log" >&2
        STATUS=1
    fi
    read -r b2 s2 < <(machine_cpu)
    echo "$(((b2 - b) * 1000 / CLK_TCK)) $(((s2 - s) * 1000 / CLK_TCK))" >"$RUN/$tool.$rep.cpu"
}
