#!/usr/bin/env bash
# Time and bytes of `lode snapshot DIR` into a fresh repository versus `tar -cf - DIR | zstd -3 -T0`, in one run,
# on a warm page cache. Prints a markdown table.
# usage: bench/compare/snapshot-vs-tar.sh [DIR=/usr/include]      env LODE=path: use that lode instead of building one
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DIR=$(realpath "${1:-/usr/include}")
[ -d "$DIR" ] || { echo "snapshot-vs-tar: $DIR is not a directory" >&2; exit 2; }
ensure_tool zstd zstd
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
LODE=${LODE:-$(build_lode "$WORK/bin")}

files=$(find "$DIR" -type f | wc -l)
input=$(find "$DIR" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
echo "warming the page cache: reading $DIR once" >&2
tar -cf - -C "$(dirname "$DIR")" "$(basename "$DIR")" > /dev/null

t0=$(now_ns)
"$LODE" --repo "$WORK/repo" snapshot "$DIR" --json > "$WORK/snapshot.json"
t1=$(now_ns)
tar -cf - -C "$(dirname "$DIR")" "$(basename "$DIR")" | zstd -3 -T0 -q -o "$WORK/tree.tar.zst"
t2=$(now_ns)

lode_ns=$((t1 - t0))
tar_ns=$((t2 - t1))
lode_bytes=$(du -sb "$WORK/repo" | cut -f1)
tar_bytes=$(stat -c %s "$WORK/tree.tar.zst")
reported=$(sed -nE 's/.*"bytesStored"[[:space:]]*:[[:space:]]*([0-9]+).*/\1/p' "$WORK/snapshot.json")

echo
echo "Snapshot of \`$DIR\`: $files files, $input bytes; $(nproc) cores; repository size by \`du -sb\` (data + index + metadata)."
echo
echo "| tool | seconds | bytes stored | % of input |"
echo "|---|---:|---:|---:|"
printf '| `lode snapshot` | %s | %s | %s |\n' "$(seconds "$lode_ns")" "$lode_bytes" "$(percent "$lode_bytes" "$input")"
printf '| `tar \\| zstd -3 -T0` | %s | %s | %s |\n' "$(seconds "$tar_ns")" "$tar_bytes" "$(percent "$tar_bytes" "$input")"
printf '| ratio lode / tar | %s | %s | |\n' "$(ratio "$lode_ns" "$tar_ns")" "$(ratio "$lode_bytes" "$tar_bytes")"
echo
echo "lode reported bytesStored = ${reported:-?}"
