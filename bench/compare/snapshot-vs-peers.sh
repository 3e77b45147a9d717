#!/usr/bin/env bash
# Snapshot throughput and size of lode against restic, `tar -c | zstd -3 -T0` and `mksquashfs -comp zstd` on one tree,
# in one run, warm page cache: the first snapshot; a second snapshot of the unchanged tree (time, bytes added);
# a snapshot after changing 1 % of the files; and 1 KiB inserted at the front of a 48 MiB file (bytes added).
# The tree is copied to a temporary directory first so it can be changed. Prints markdown tables.
# usage: bench/compare/snapshot-vs-peers.sh [DIR=/usr/include]      env LODE=path: use that lode instead of building one
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DIR=$(realpath "${1:-/usr/include}")
[ -d "$DIR" ] || { echo "snapshot-vs-peers: $DIR is not a directory" >&2; exit 2; }
ensure_tool zstd zstd
ensure_tool restic restic
ensure_tool mksquashfs squashfs-tools
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
LODE=${LODE:-$(build_lode "$WORK/bin")}
export RESTIC_PASSWORD=lode-bench RESTIC_CACHE_DIR="$WORK/restic-cache"

TREE="$WORK/tree"
cp -a "$DIR" "$TREE"
files=$(find "$TREE" -type f | wc -l)
input=$(find "$TREE" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
tar -cf - -C "$WORK" tree > /dev/null

# timed VAR COMMAND...: runs the command, stores its wall time in nanoseconds in VAR.
timed() { local var=$1; shift; local t0; t0=$(now_ns); "$@" > /dev/null 2>&1; printf -v "$var" '%s' $(( $(now_ns) - t0 )); }
size() { du -sb "$1" | cut -f1; }
mbps() { awk -v b="$1" -v ns="$2" 'BEGIN { printf "%.0f", b / (ns / 1e9) / 1e6 }'; }

restic -r "$WORK/restic" init > /dev/null 2>&1
timed lode1 "$LODE" --repo "$WORK/lode" snapshot "$TREE"
timed restic1 restic -r "$WORK/restic" backup "$TREE"
timed tar1 sh -c "tar -cf - -C '$WORK' tree | zstd -3 -T0 -q -o '$WORK/tree.tar.zst'"
timed squash1 mksquashfs "$TREE" "$WORK/tree.sqfs" -comp zstd -noappend -quiet
lode_size1=$(size "$WORK/lode"); restic_size1=$(size "$WORK/restic")

echo "## First snapshot of $DIR ($files files, $input bytes)"
echo
echo "| tool | time | MB/s | stored bytes | time vs lode | bytes vs lode |"
echo "|---|---|---|---|---|---|"
row() { echo "| $1 | $(seconds "$2") s | $(mbps "$input" "$2") | $3 | $(ratio "$2" "$lode1") | $(ratio "$3" "$lode_size1") |"; }
row lode "$lode1" "$lode_size1"
row "restic $(restic version | cut -d' ' -f2)" "$restic1" "$restic_size1"
row "tar \| zstd -3 -T0" "$tar1" "$(stat -c %s "$WORK/tree.tar.zst")"
row "mksquashfs -comp zstd" "$squash1" "$(stat -c %s "$WORK/tree.sqfs")"

timed lode2 "$LODE" --repo "$WORK/lode" snapshot "$TREE"
timed restic2 restic -r "$WORK/restic" backup "$TREE"
lode_size2=$(size "$WORK/lode"); restic_size2=$(size "$WORK/restic")

# Change 1 % of the files: every 100th file (in sorted order) gets a line appended.
find "$TREE" -type f | sort | awk 'NR % 100 == 0' | while read -r f; do echo "// changed by the benchmark" >> "$f"; done
changed=$(find "$TREE" -type f | sort | awk 'NR % 100 == 0' | wc -l)
timed lode3 "$LODE" --repo "$WORK/lode" snapshot "$TREE"
timed restic3 restic -r "$WORK/restic" backup "$TREE"
lode_size3=$(size "$WORK/lode"); restic_size3=$(size "$WORK/restic")

echo
echo "## Later snapshots of the same tree"
echo
echo "| snapshot | lode time | lode bytes added | restic time | restic bytes added | time lode/restic |"
echo "|---|---|---|---|---|---|"
echo "| unchanged | $(seconds "$lode2") s | $((lode_size2 - lode_size1)) | $(seconds "$restic2") s | $((restic_size2 - restic_size1)) | $(ratio "$lode2" "$restic2") |"
echo "| $changed files (1 %) changed | $(seconds "$lode3") s | $((lode_size3 - lode_size2)) | $(seconds "$restic3") s | $((restic_size3 - restic_size2)) | $(ratio "$lode3" "$restic3") |"

# 1 KiB inserted at the front of a 48 MiB file of random bytes.
mkdir -p "$WORK/shift"
head -c $((48 << 20)) /dev/urandom > "$WORK/shift/big.bin"
"$LODE" --repo "$WORK/lode-shift" snapshot "$WORK/shift" > /dev/null
before=$(size "$WORK/lode-shift")
{ head -c 1024 /dev/urandom; cat "$WORK/shift/big.bin"; } > "$WORK/shift/big.new" && mv "$WORK/shift/big.new" "$WORK/shift/big.bin"
"$LODE" --repo "$WORK/lode-shift" snapshot "$WORK/shift" > /dev/null
added=$(( $(size "$WORK/lode-shift") - before ))
echo
echo "1 KiB inserted at the front of a 48 MiB file: lode added $added bytes ($(percent "$added" $((48 << 20))) % of the file)."
