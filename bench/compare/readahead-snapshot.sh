#!/usr/bin/env bash
# End-to-end effect of read-ahead on `lode snapshot DIR`: lode built at REVISION (before read-ahead) against this
# checkout, each into a fresh repository, with a cold page cache (every file of DIR evicted first) and a warm one.
# Prints a markdown table.
# usage: bench/compare/readahead-snapshot.sh [DIR=/usr/share/dotnet] [REVISION=8639105] [AFTER_REVISION=this checkout]
# (REVISION f59568c~1 against AFTER_REVISION f59568c isolates the commit that put read-ahead into the engine.)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DIR=$(realpath "${1:-/usr/share/dotnet}")
REVISION=${2:-8639105}
AFTER_REVISION=${3:-}
[ -d "$DIR" ] || { echo "readahead-snapshot: $DIR is not a directory" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'for w in before after; do git -C "$REPO_ROOT" worktree remove --force "$WORK/src-$w" > /dev/null 2>&1 || true; done; rm -rf "$WORK"' EXIT

git -C "$REPO_ROOT" worktree add --detach "$WORK/src-before" "$REVISION" > /dev/null 2>&1
BEFORE=$(build_lode "$WORK/before" "$WORK/src-before")
if [ -n "$AFTER_REVISION" ]; then
    git -C "$REPO_ROOT" worktree add --detach "$WORK/src-after" "$AFTER_REVISION" > /dev/null 2>&1
    AFTER=$(build_lode "$WORK/after" "$WORK/src-after")
else
    AFTER=$(build_lode "$WORK/after")
fi
files=$(find "$DIR" -type f | wc -l)
input=$(find "$DIR" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')

# run NAME LODE CACHE: one snapshot into a fresh repository; prints seconds.
run() {
    local name=$1 lode=$2 cache=$3
    rm -rf "$WORK/repo"
    if [ "$cache" = cold ]; then evict_tree "$DIR"; else tar -cf - -C "$(dirname "$DIR")" "$(basename "$DIR")" > /dev/null; fi
    local t0 t1
    t0=$(now_ns)
    "$lode" --repo "$WORK/repo" snapshot "$DIR" > /dev/null 2>&1 || { echo "$name snapshot failed" >&2; exit 1; }
    t1=$(now_ns)
    seconds $((t1 - t0))
}

echo "| page cache | before ($REVISION) | after (${AFTER_REVISION:-this checkout}) | ratio before/after |"
echo "|---|---|---|---|"
for cache in cold warm cold warm; do
    b=$(run before "$BEFORE" $cache)
    a=$(run after "$AFTER" $cache)
    echo "| $cache | $b s | $a s | $(ratio "$b" "$a")x |"
done
echo
echo "input: $DIR, $files files, $input bytes"
