#!/usr/bin/env bash
# Submits a sharded `verdant estimate` to Slurm: the job array (estimate-array.sbatch, one task per shard), then the
# merge (merge.sbatch) with --dependency=afterok:<array job id>, so that it runs once every shard succeeded (when a
# shard fails, Slurm cancels the merge). Prints both job ids as ARRAY_JOB_ID=… and MERGE_JOB_ID=… lines.
#
#   SHARDS=8 PARTS=/shared/run1/parts VERDANT_ARGS_FILE=job.args OUT=/shared/run1/parcels.csv deploy/slurm/submit.sh
#
# Environment (see the two .sbatch files):
#   VERDANT            the verdant executable on the nodes (default: `verdant` on PATH)
#   SHARDS             the number of shards (default 4)
#   PARTS              the shared folder for the partials (required)
#   VERDANT_ARGS_FILE  the job's `verdant estimate` arguments, one per line, without --out and --shard
#   VERDANT_ARGS       or: the arguments in one variable, split at white space
#   OUT                the merged output (.csv, .json, .geojson, .gpkg; required); REPORT, SUMMARY, MERGE_ARGS optional
#   LOGS               the folder for the jobs' logs (default: PARTS/logs)
#   SBATCH_ARGS        more sbatch options for both jobs, split at white space (e.g. --partition=batch --time=1:00:00)
# Options after the script's name are passed to sbatch for both jobs too.
set -euo pipefail

fail() { echo "submit.sh: $*" >&2; exit 1; }
absolute() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
command -v sbatch > /dev/null || fail "sbatch: not found (run this on a Slurm login node)"
export SHARDS=${SHARDS:-4}
[[ "$SHARDS" =~ ^[1-9][0-9]*$ ]] || fail "SHARDS: '$SHARDS' is not a positive whole number"
[ -n "${PARTS:-}" ] || fail "PARTS: not set (a folder every node sees, for the partials)"
[ -n "${OUT:-}" ] || fail "OUT: not set (the merged output file)"
[ -n "${VERDANT_ARGS_FILE:-}" ] || [ -n "${VERDANT_ARGS:-}" ] ||
    fail "neither VERDANT_ARGS_FILE nor VERDANT_ARGS is set (the job's verdant estimate arguments)"
if [ -n "${VERDANT_ARGS_FILE:-}" ]; then
    [ -r "$VERDANT_ARGS_FILE" ] || fail "VERDANT_ARGS_FILE: cannot read '$VERDANT_ARGS_FILE'"
    VERDANT_ARGS_FILE=$(absolute "$VERDANT_ARGS_FILE")
fi
export PARTS=$(absolute "$PARTS") OUT=$(absolute "$OUT") VERDANT_ARGS_FILE VERDANT_ARGS
[ -z "${REPORT:-}" ] || export REPORT=$(absolute "$REPORT")
[ -z "${SUMMARY:-}" ] || export SUMMARY=$(absolute "$SUMMARY")
LOGS=$(absolute "${LOGS:-$PARTS/logs}")
mkdir -p "$PARTS" "$LOGS"
extra=()
[ -z "${SBATCH_ARGS:-}" ] || read -r -a extra <<< "$SBATCH_ARGS"
extra+=("$@")

# --parsable prints "jobid" or "jobid;cluster".
array=$(sbatch --parsable "${extra[@]}" --array="0-$((SHARDS - 1))" --output="$LOGS/estimate-%A_%a.log" \
    "$here/estimate-array.sbatch")
array=${array%%;*}
[[ "$array" =~ ^[0-9]+$ ]] || fail "sbatch did not print a job id for the array: '$array'"
merge=$(sbatch --parsable "${extra[@]}" --dependency="afterok:$array" --kill-on-invalid-dep=yes \
    --output="$LOGS/merge-%j.log" "$here/merge.sbatch")
merge=${merge%%;*}
[[ "$merge" =~ ^[0-9]+$ ]] || fail "sbatch did not print a job id for the merge: '$merge'"
echo "ARRAY_JOB_ID=$array"
echo "MERGE_JOB_ID=$merge"
