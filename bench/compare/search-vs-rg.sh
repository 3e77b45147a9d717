#!/usr/bin/env bash
# Wall time of `lode search TEXT` (over one snapshot of DIR) versus `rg -F -n --no-heading -uu --sort path -- TEXT`
# run inside DIR, for 50 fixed literals; p50/p99 of each and their ratio as a markdown table, plus the number of
# literals whose outputs or exit codes differ (they must be byte-for-byte identical).
# usage: bench/compare/search-vs-rg.sh [DIR=/usr/include]      env RUNS=3: timed runs per query (median kept); LODE=path: use that lode instead of building one
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DIR=$(realpath "${1:-/usr/include}")
RUNS=${RUNS:-3}
[ -d "$DIR" ] || { echo "search-vs-rg: $DIR is not a directory" >&2; exit 2; }
ensure_tool rg ripgrep
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
LODE=${LODE:-$(build_lode "$WORK/bin")}

LITERALS=("${INCLUDE_LITERALS[@]}")

echo "snapshotting $DIR" >&2
"$LODE" --repo "$WORK/repo" snapshot "$DIR" > /dev/null

# run_rg TEXT and run_lode TEXT write stdout to $WORK/<tool>.out and return the tool's exit code.
run_rg() { (cd "$DIR" && rg -F -n --no-heading -uu --sort path -- "$1" < /dev/null > "$WORK/rg.out"); }
run_lode() { "$LODE" --repo "$WORK/repo" search "$1" < /dev/null > "$WORK/lode.out"; }


mismatches=0
: > "$WORK/lode.times"
: > "$WORK/rg.times"
for text in "${LITERALS[@]}"; do
    lode_rc=0; run_lode "$text" || lode_rc=$?
    rg_rc=0; run_rg "$text" || rg_rc=$?
    if [ "$lode_rc" -ne "$rg_rc" ] || ! cmp -s "$WORK/lode.out" "$WORK/rg.out"; then
        mismatches=$((mismatches + 1))
        echo "mismatch for '$text': lode exit $lode_rc, $(wc -l < "$WORK/lode.out") lines; rg exit $rg_rc, $(wc -l < "$WORK/rg.out") lines" >&2
    fi
    median_ns lode "$text" >> "$WORK/lode.times"
    median_ns rg "$text" >> "$WORK/rg.times"
done

lode_p50=$(percentile 50 < "$WORK/lode.times"); lode_p99=$(percentile 99 < "$WORK/lode.times")
rg_p50=$(percentile 50 < "$WORK/rg.times"); rg_p99=$(percentile 99 < "$WORK/rg.times")

echo
echo "Search over \`$DIR\`: ${#LITERALS[@]} literals, median of $RUNS runs each, end-to-end wall time (process start included); $(nproc) cores."
echo
echo "| | \`lode search\` (ms) | \`rg -F\` (ms) | ratio lode / rg |"
echo "|---|---:|---:|---:|"
echo "| p50 | $(ms "$lode_p50") | $(ms "$rg_p50") | $(ratio "$lode_p50" "$rg_p50") |"
echo "| p99 | $(ms "$lode_p99") | $(ms "$rg_p99") | $(ratio "$lode_p99" "$rg_p99") |"
echo
echo "output mismatches: $mismatches of ${#LITERALS[@]}"
