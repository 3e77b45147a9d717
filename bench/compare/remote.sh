#!/usr/bin/env bash
# Lode on a remote repository (s3rver on loopback, as is and with LODE_TEST_LATENCY_MS of injected latency per
# request) against a local repository of the same snapshot: cold and warm `search`, cold and warm `cat` of a 4 KiB
# range, restore throughput with 1/4/8/16 cache streams (`--cache-streams`) of a container holding one big random
# file, and snapshot upload throughput. Cold = an empty cache (`lode cache clear`); warm = the run after it. Every
# figure is the end-to-end wall time of the `lode` process; "results" is when the first output line arrived (the
# command's answer), "exit" includes waiting for the background cache fill that a cold lazy read leaves running.
# Prints a markdown table.
# usage: bench/compare/remote.sh [DIR=/usr/include]
#   env LATENCIES="0 20"  injected latency per request (ms); 0 = plain s3rver
#       STREAMS="1 4 8 16"  cache streams of the restore rows
#       BIG_MB=256  size of the random file of the restore-throughput container
#       TEXT=EXIT_SUCCESS  the search literal; CAT_PATH=stdio.h (relative to DIR) the file of the 4 KiB cat
#       RUNS=3  warm runs (median kept); LODE=path  use that lode instead of building one
#       SMOKE=1  a tiny run that proves the script works: DIR=/usr/include/linux, BIG_MB=16, RUNS=1, STREAMS="1 4"
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if [ "${SMOKE:-0}" = 1 ]; then
    DIR=$(realpath "${1:-/usr/include/linux}")
    BIG_MB=${BIG_MB:-16}; RUNS=${RUNS:-1}; STREAMS=${STREAMS:-"1 4"}; CAT_PATH=${CAT_PATH:-stat.h}; TEXT=${TEXT:-statx}
else
    DIR=$(realpath "${1:-/usr/include}")
fi
LATENCIES=${LATENCIES:-"0 20"}
STREAMS=${STREAMS:-"1 4 8 16"}
BIG_MB=${BIG_MB:-256}
TEXT=${TEXT:-EXIT_SUCCESS}
CAT_PATH=${CAT_PATH:-stdio.h}
RUNS=${RUNS:-3}
[ -d "$DIR" ] || { echo "remote: $DIR is not a directory" >&2; exit 2; }
[ -f "$DIR/$CAT_PATH" ] || { echo "remote: $DIR/$CAT_PATH is not a file; set CAT_PATH" >&2; exit 2; }
ensure_tool node nodejs
ensure_tool npm npm
WORK=$(mktemp -d)
S3PID=""
cleanup() {
    exec 7>&- 2> /dev/null || true
    [ -z "$S3PID" ] || kill "$S3PID" 2> /dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
LODE=${LODE:-$(build_lode "$WORK/bin")}

# s3rver on a loopback port; it exits when fd 7 (its stdin) closes.
S3RVER_DIR="$REPO_ROOT/tests/s3rver"
[ -f "$S3RVER_DIR/node_modules/s3rver/package.json" ] || npm ci --prefix "$S3RVER_DIR" --no-audit --no-fund --loglevel=error >&2
mkdir -p "$WORK/s3"
mkfifo "$WORK/s3.in"
node "$S3RVER_DIR/start.js" --directory "$WORK/s3" --bucket lode < "$WORK/s3.in" > "$WORK/s3.out" 2> "$WORK/s3.err" &
S3PID=$!
exec 7> "$WORK/s3.in"
for _ in $(seq 100); do grep -q '^PORT ' "$WORK/s3.out" 2> /dev/null && break; sleep 0.1; done
PORT=$(awk '/^PORT /{ print $2 }' "$WORK/s3.out")
[ -n "$PORT" ] || { echo "remote: s3rver did not start: $(cat "$WORK/s3.err")" >&2; exit 2; }
export AWS_ENDPOINT_URL="http://127.0.0.1:$PORT" AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER
export LODE_CACHE_DIR="$WORK/cache"
unset AWS_ENDPOINT_URL_S3 AWS_PROFILE LODE_REPO

# The container of the restore rows: one incompressible file, so the restore is bound by fetching it.
mkdir -p "$WORK/big"
head -c "$((BIG_MB * 1024 * 1024))" /dev/urandom > "$WORK/big/random.bin"

# timed OUT CMD...: runs CMD with stdout to OUT; prints "RESULTS_NS EXIT_NS" (first output line, process exit).
timed() {
    local out=$1; shift
    local t0 first=""
    t0=$(now_ns)
    "$@" < /dev/null | while IFS= read -r line; do
        [ -n "$first" ] || { first=$(now_ns); echo "$first" > "$out.first"; }
        printf '%s\n' "$line"
    done > "$out"
    local end
    end=$(now_ns)
    [ -s "$out.first" ] || echo "$end" > "$out.first"
    echo "$(($(cat "$out.first") - t0)) $((end - t0))"
    rm -f "$out.first"
}

# median_of N CMD...: the median "RESULTS EXIT" of N timed runs (by exit time).
median_of() {
    local n=$1; shift
    local i
    for ((i = 0; i < n; i++)); do timed "$WORK/run.out" "$@"; done | sort -n -k2 | awk -v n="$n" 'NR == int((n + 1) / 2)'
}

# row LABEL "RESULTS EXIT" ["LOCAL_RESULTS LOCAL_EXIT"]: one table row in milliseconds, with the ratio to local.
row() {
    local label=$1 remote=$2 local_times=${3:-}
    read -r r e <<< "$remote"
    if [ -n "$local_times" ]; then
        read -r lr _ <<< "$local_times"
        echo "| $label | $(ms "$r") | $(ms "$e") | $(ms "$lr") | $(ratio "$r" "$lr") |"
    else
        echo "| $label | $(ms "$r") | $(ms "$e") | | |"
    fi
}

echo "snapshotting $DIR and $BIG_MB MiB of random bytes into a local repository" >&2
LOCAL="$WORK/local"
local_snapshot=$(timed "$WORK/snap.json" "$LODE" --repo "$LOCAL" snapshot "$DIR" --json)
"$LODE" --repo "$WORK/local-big" snapshot "$WORK/big" > /dev/null
local_restore=$(timed "$WORK/restore.out" "$LODE" --repo "$WORK/local-big" restore latest "$WORK/restore-local")
rm -rf "$WORK/restore-local"

TABLE="$WORK/table.md"
{
    echo "Remote repository on s3rver (loopback) vs a local repository; \`$DIR\`, search \`$TEXT\`, cat 4 KiB of \`$CAT_PATH\`; $(nproc) cores."
    echo "Warm rows: median of $RUNS runs. Times are end-to-end \`lode\` wall times in ms."
    echo
    echo "| case | results (ms) | exit (ms) | local (ms) | remote / local |"
    echo "|---|---:|---:|---:|---:|"
} > "$TABLE"
THROUGHPUT="$WORK/throughput.md"
{
    echo
    echo "| case | MiB | seconds | MiB/s |"
    echo "|---|---:|---:|---:|"
    read -r _ e <<< "$local_restore"
    echo "| local restore of the ${BIG_MB} MiB file | $BIG_MB | $(seconds "$e") | $(awk -v b="$BIG_MB" -v ns="$e" 'BEGIN { printf "%.1f", b / (ns / 1e9) }') |"
} > "$THROUGHPUT"

for latency in $LATENCIES; do
    export LODE_TEST_LATENCY_MS=$latency
    repo="s3://lode/bench-$latency"
    big="s3://lode/big-$latency"
    echo "latency $latency ms: snapshot uploads" >&2
    "$LODE" cache clear > /dev/null
    up=$(timed "$WORK/up.json" "$LODE" --repo "$repo" snapshot "$DIR" --json)
    up_big=$(timed "$WORK/upbig.json" "$LODE" --repo "$big" snapshot "$WORK/big" --json)
    for pair in "text:$up:$WORK/up.json" "big:$up_big:$WORK/upbig.json"; do
        IFS=: read -r what times json <<< "$pair"
        read -r _ e <<< "$times"
        stored=$(grep -o '"bytesStored":[0-9]*' "$json" | cut -d: -f2)
        mib=$(awk -v b="$stored" 'BEGIN { printf "%.1f", b / 1048576 }')
        echo "| snapshot upload ($what tree), ${latency} ms latency | $mib | $(seconds "$e") | $(awk -v m="$mib" -v ns="$e" 'BEGIN { printf "%.1f", m / (ns / 1e9) }') |" >> "$THROUGHPUT"
    done

    echo "latency $latency ms: search and cat" >&2
    # The local baselines are measured next to the remote runs they are compared with (machines drift).
    local_search=$(median_of "$RUNS" "$LODE" --repo "$LOCAL" search "$TEXT")
    local_cat=$(median_of "$RUNS" "$LODE" --repo "$LOCAL" cat "latest:$CAT_PATH" --offset 4096 --length 4096)
    "$LODE" cache clear > /dev/null
    row "cold search, ${latency} ms latency" "$(timed "$WORK/run.out" "$LODE" --repo "$repo" search "$TEXT")" "$local_search" >> "$TABLE"
    row "warm search, ${latency} ms latency" "$(median_of "$RUNS" "$LODE" --repo "$repo" search "$TEXT")" "$local_search" >> "$TABLE"
    "$LODE" cache clear > /dev/null
    row "cold cat 4 KiB, ${latency} ms latency" "$(timed "$WORK/run.out" "$LODE" --repo "$repo" cat "latest:$CAT_PATH" --offset 4096 --length 4096)" "$local_cat" >> "$TABLE"
    row "warm cat 4 KiB, ${latency} ms latency" "$(median_of "$RUNS" "$LODE" --repo "$repo" cat "latest:$CAT_PATH" --offset 4096 --length 4096)" "$local_cat" >> "$TABLE"

    for streams in $STREAMS; do
        echo "latency $latency ms: restore with $streams streams" >&2
        "$LODE" cache clear > /dev/null
        times=$(timed "$WORK/restore.out" "$LODE" --repo "$big" --cache-streams "$streams" restore latest "$WORK/restore-$streams")
        rm -rf "$WORK/restore-$streams"
        read -r _ e <<< "$times"
        echo "| cold restore, $streams streams, ${latency} ms latency | $BIG_MB | $(seconds "$e") | $(awk -v b="$BIG_MB" -v ns="$e" 'BEGIN { printf "%.1f", b / (ns / 1e9) }') |" >> "$THROUGHPUT"
    done
done

read -r _ e <<< "$local_snapshot"
echo "| local snapshot of \`$DIR\` (no upload) | | $(seconds "$e") | |" >> "$THROUGHPUT"
echo
cat "$TABLE" "$THROUGHPUT"
