#!/usr/bin/env bash
# Issue 13's "Measured" tables in one run on one machine: lode against restic (snapshot time and repository size) and
# against ripgrep (search wall time), over DIR and, optionally, over the same directory updated in place to UPDATE_DIR.
#
#   - Snapshots: `restic init` + `restic backup` and `lode --repo R snapshot --json`, warm page cache: wall time, repository
#     size (du -sb), lode's index bytes per indexed text byte (from its JSON: indexBytes, indexedTextBytes), the time until
#     lode's data is durable (JSON dataSeconds, when lode reports it) and until it is searchable (the command's wall time),
#     each against restic's.
#   - With UPDATE_DIR, DIR is first copied to a work directory and snapshotted from there; then UPDATE_DIR is applied to
#     that copy with `rsync -a --delete` (the same directory updated in place) and both tools snapshot it again.
#   - Search: for 50 literals, `lode --repo R search TEXT` (the latest snapshot) against
#     `rg -F -n --no-heading -uu --sort path -- TEXT` run in the tree as it is now; one untimed run each (warms the cache
#     and checks the outputs are byte-identical, exit codes included), then the median of RUNS timed runs; p50/p99 over the
#     literals and their ratio, an absent literal and a very frequent one (`return`) on their own rows, the per-literal
#     table, and the first mismatches.
# The literal list is the kernel one when the tree looks like a Linux source tree (MAINTAINERS and kernel/), otherwise
# the /usr/include one of search-vs-rg.sh; LITERAL_SET=kernel|include forces one.
#
# usage: bench/compare/index-vs-peers.sh [DIR=/usr/include] [UPDATE_DIR]
#   e.g. bench/compare/index-vs-peers.sh /usr/include
#        bench/compare/index-vs-peers.sh /work/corpora/linux-6.1 /work/corpora/linux-6.12    (about 15-25 min on 2 cores)
#   env RUNS=3: timed runs per query (median kept); LODE=path: use that lode instead of building one from this checkout;
#       SEARCH_ONLY_REPO=repo: take no snapshots, search that repository's latest snapshot (of DIR as it is now) only;
#       LODE_SOURCE=dir: build lode from that checkout instead; LITERAL_SET=kernel|include; TMPDIR: where the work
#       directory goes (the kernel pair needs about 1.5 GB for the copy plus both repositories: about 11 GB with lode's index of today).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DIR=$(realpath "${1:-/usr/include}")
UPDATE_DIR=${2:+$(realpath "$2")}
RUNS=${RUNS:-3}
[ -d "$DIR" ] || { echo "index-vs-peers: $DIR is not a directory" >&2; exit 2; }
[ -z "$UPDATE_DIR" ] || [ -d "$UPDATE_DIR" ] || { echo "index-vs-peers: $UPDATE_DIR is not a directory" >&2; exit 2; }
ensure_tool rg ripgrep
ensure_tool restic restic
ensure_tool jq jq
ensure_tool rsync rsync
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
LODE=${LODE:-$(build_lode "$WORK/bin" "${LODE_SOURCE:-$REPO_ROOT}")}
export RESTIC_PASSWORD=lode-bench RESTIC_CACHE_DIR="$WORK/restic-cache"
RESTIC_REPO="$WORK/restic"
LODE_REPO="$WORK/lode"

size() { du -sb "$1" | cut -f1; }
files_of() { find "$1" -type f | wc -l; }
bytes_of() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
warm() { tar -cf - -C "$1" . > /dev/null 2>&1 || true; }   # reads every file once, so both tools start from a warm cache
# s_to_ns SECONDS: nanoseconds, or empty when SECONDS is empty or n/a.
s_to_ns() { if [ -n "$1" ] && [ "$1" != n/a ]; then awk -v s="$1" 'BEGIN { printf "%.0f", s * 1e9 }'; fi; }
or_na() { if [ -n "$1" ]; then echo "$1"; else echo n/a; fi; }
# ratio_or_na A B: ratio A/B, n/a when either is missing.
ratio_or_na() { if [ -n "$1" ] && [ -n "$2" ]; then ratio "$1" "$2"; else echo n/a; fi; }
# bits IndexBytes IndexedTextBytes: 8 × index bytes per indexed byte, two decimals.
bits() { if [ -n "$1" ] && [ -n "$2" ] && [ "$2" != 0 ]; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", 8 * a / b }'; else echo n/a; fi; }
mb() { if [ -n "$1" ]; then awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; else echo n/a; fi; }
json_field() { jq -r --arg f "$2" '.[$f] // empty' "$1"; }

# restic_backup N: `restic backup` of TREE (with `restic init` first when N is 1); sets restic_ns_N and restic_size_N.
restic_backup() {
    local t0 rc=0
    t0=$(now_ns)
    if [ "$1" = 1 ]; then restic -r "$RESTIC_REPO" init > /dev/null 2>&1; restic_init_ns=$(($(now_ns) - t0)); fi
    restic -r "$RESTIC_REPO" backup "$TREE" > "$WORK/restic-$1.log" 2>&1 || rc=$?
    printf -v "restic_ns_$1" '%s' $(($(now_ns) - t0))
    [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || { cat "$WORK/restic-$1.log" >&2; echo "index-vs-peers: restic backup failed ($rc)" >&2; exit 1; }
    printf -v "restic_size_$1" '%s' "$(size "$RESTIC_REPO")"
}

# lode_snapshot N: `lode snapshot TREE --json` into $WORK/lode-N.json; sets lode_ns_N and lode_size_N.
lode_snapshot() {
    local t0 rc=0
    t0=$(now_ns)
    "$LODE" --repo "$LODE_REPO" snapshot "$TREE" --json > "$WORK/lode-$1.json" 2> "$WORK/lode-$1.err" < /dev/null || rc=$?
    printf -v "lode_ns_$1" '%s' $(($(now_ns) - t0))
    [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || { cat "$WORK/lode-$1.err" >&2; echo "index-vs-peers: lode snapshot failed ($rc)" >&2; exit 1; }
    printf -v "lode_size_$1" '%s' "$(size "$LODE_REPO")"
}

# ---- snapshots ----------------------------------------------------------------------------------------------------

if [ -n "${SEARCH_ONLY_REPO:-}" ]; then
    # Search alone, against an existing repository whose latest snapshot is of DIR as it is now.
    LODE_REPO=$(realpath "$SEARCH_ONLY_REPO")
    TREE=$DIR
    warm "$TREE"
    echo "searching the latest snapshot of $LODE_REPO (no snapshots taken)" >&2
else
    if [ -n "$UPDATE_DIR" ]; then
        TREE="$WORK/tree"
        echo "copying $DIR to $TREE" >&2
        rsync -a "$DIR/" "$TREE/"
    else
        TREE=$DIR
    fi
    files1=$(files_of "$TREE"); input1=$(bytes_of "$TREE")
    warm "$TREE"
    echo "first snapshot of $DIR ($files1 files, $input1 bytes): restic" >&2
    restic_backup 1
    echo "first snapshot: lode" >&2
    lode_snapshot 1
    snapshots=1

    if [ -n "$UPDATE_DIR" ]; then
        echo "updating the copy in place to $UPDATE_DIR (rsync -a --delete)" >&2
        rsync -a --delete "$UPDATE_DIR/" "$TREE/"
        files2=$(files_of "$TREE"); input2=$(bytes_of "$TREE")
        warm "$TREE"
        echo "second snapshot ($files2 files, $input2 bytes): restic" >&2
        restic_backup 2
        echo "second snapshot: lode" >&2
        lode_snapshot 2
        snapshots=2
    fi

    restic_version=$(restic version | cut -d' ' -f2)
    echo
    echo "## Snapshots: lode against restic $restic_version"
    echo
    echo "One run, warm page cache, $(nproc) cores. restic: \`restic init\` + \`restic backup\` (first), \`restic backup\` (update),"
    echo "temporary cache directory (\`restic init\` alone: $(seconds "$restic_init_ns") s). lode: \`lode --repo R snapshot TREE --json\`. \"durable\" is lode's reported \`dataSeconds\`"
    echo "(in-process, before indexing); \"searchable\" is the wall time of the whole command (process start included)."
    if [ -n "$UPDATE_DIR" ]; then
        echo "The tree is a copy of \`$DIR\`; the update applies \`$UPDATE_DIR\` to it with \`rsync -a --delete\`."
    fi
    echo
    echo "| snapshot | files | input bytes | restic time | lode durable | lode searchable | durable lode/restic | searchable lode/restic |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    for ((n = 1; n <= snapshots; n++)); do
        rns_var="restic_ns_$n"; lns_var="lode_ns_$n"; files_var="files$n"; input_var="input$n"
        data_s=$(json_field "$WORK/lode-$n.json" dataSeconds)
        data_ns=$(s_to_ns "$data_s")
        label="first (\`$(basename "$DIR")\`)"; [ "$n" = 1 ] || label="update in place (\`$(basename "$UPDATE_DIR")\`)"
        data_cell=n/a; [ -z "$data_s" ] || data_cell="$data_s s"
        echo "| $label | ${!files_var} | ${!input_var} | $(seconds "${!rns_var}") s | $data_cell | $(seconds "${!lns_var}") s | $(ratio_or_na "$data_ns" "${!rns_var}") | $(ratio "${!lns_var}" "${!rns_var}") |"
    done

    echo
    echo "| snapshot | restic repo (MB) | restic added (MB) | lode repo (MB) | lode added (MB) | repo lode/restic | added lode/restic | lode indexBytes (MB) | indexedTextBytes (MB) | bits per indexed byte | lode reported seconds |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    prev_r=0; prev_l=0
    for ((n = 1; n <= snapshots; n++)); do
        rs_var="restic_size_$n"; ls_var="lode_size_$n"
        index_bytes=$(json_field "$WORK/lode-$n.json" indexBytes)
        indexed=$(json_field "$WORK/lode-$n.json" indexedTextBytes)
        reported=$(json_field "$WORK/lode-$n.json" seconds)
        label=first; [ "$n" = 1 ] || label=update
        echo "| $label | $(mb "${!rs_var}") | $(mb $((${!rs_var} - prev_r))) | $(mb "${!ls_var}") | $(mb $((${!ls_var} - prev_l))) | $(ratio "${!ls_var}" "${!rs_var}") | $(ratio $((${!ls_var} - prev_l)) $((${!rs_var} - prev_r))) | $(mb "$index_bytes") | $(mb "$indexed") | $(bits "$index_bytes" "$indexed") | $(or_na "$reported") |"
        prev_r=${!rs_var}; prev_l=${!ls_var}
    done
    echo
    echo "(indexBytes and indexedTextBytes are as lode reports them for that snapshot; bits = 8 × indexBytes / indexedTextBytes.)"
fi

# ---- search -------------------------------------------------------------------------------------------------------

LITERAL_SET=${LITERAL_SET:-auto}
if [ "$LITERAL_SET" = auto ]; then
    if [ -f "$TREE/MAINTAINERS" ] && [ -d "$TREE/kernel" ]; then LITERAL_SET=kernel; else LITERAL_SET=include; fi
fi
ABSENT="zzzz_absent_zzzz"
FREQUENT="return"
case "$LITERAL_SET" in
    kernel)
        # Kernel identifiers, common to rare; phrases; absent strings; metacharacters (taken literally). No single
        # characters: on 1.3 GB of text their output alone is hundreds of megabytes.
        LITERALS=(
            "spin_lock_irqsave" "kmalloc" "EXPORT_SYMBOL_GPL" "struct task_struct" "copy_from_user" "mutex_lock"
            "printk" "pr_err" "dev_err" "kfree" "GFP_KERNEL" "list_for_each_entry" "container_of" "rcu_read_lock"
            "schedule_timeout" "MODULE_LICENSE" "static inline" "#include <linux/" "jiffies" "atomic_inc" "ioremap"
            "struct file_operations" "DEFINE_SPINLOCK" "BUG_ON" "WARN_ON_ONCE" "return -EINVAL;" "sk_buff"
            "CONFIG_SMP" "READ_ONCE" "__must_check" "unsigned long flags;" "wait_event_interruptible" "kthread_run"
            "request_irq" "of_property_read_u32" "xfs_btree_lookup" "ext4_fill_super" "tcp_v4_connect"
            "return"
            "qqqqqqqq" "no_such_identifier_xyz" "zzzz_absent_zzzz" "ABSENT_LITERAL_42" "lode compare absent"
            "->private_data" "[0]" "(*)"
            "SPDX-License-Identifier: GPL-2.0" "Linus Torvalds"
            "This program is free software; you can redistribute it"
        )
        ;;
    include)
        LITERALS=("${INCLUDE_LITERALS[@]}")
        ;;
    *) echo "index-vs-peers: LITERAL_SET must be kernel, include or auto" >&2; exit 2 ;;
esac

# run_rg TEXT and run_lode TEXT write stdout to $WORK/<tool>.out and return the tool's exit code.
run_rg() { (cd "$TREE" && rg -F -n --no-heading -uu --sort path -- "$1" < /dev/null > "$WORK/rg.out"); }
run_lode() { "$LODE" --repo "$LODE_REPO" search "$1" < /dev/null > "$WORK/lode.out"; }


md_code() { printf '`%s`' "$(printf '%s' "$1" | sed 's/|/\\|/g')"; }

echo "searching ${#LITERALS[@]} literals ($LITERAL_SET set), 1 + $RUNS runs each" >&2
mismatches=0; i=0
: > "$WORK/lode.times"; : > "$WORK/rg.times"; : > "$WORK/rows"; : > "$WORK/mismatches"
for text in "${LITERALS[@]}"; do
    i=$((i + 1)); echo "[$i/${#LITERALS[@]}] $text" >&2
    lode_rc=0; run_lode "$text" || lode_rc=$?
    rg_rc=0; run_rg "$text" || rg_rc=$?
    lines=$(wc -l < "$WORK/rg.out")
    same=yes
    if [ "$lode_rc" -ne "$rg_rc" ] || ! cmp -s "$WORK/lode.out" "$WORK/rg.out"; then
        same=NO
        mismatches=$((mismatches + 1))
        echo "mismatch for '$text': lode exit $lode_rc, $(wc -l < "$WORK/lode.out") lines; rg exit $rg_rc, $lines lines" >&2
        if [ "$mismatches" -le 5 ]; then
            {
                echo "- $(md_code "$text"): lode exit $lode_rc, $(wc -l < "$WORK/lode.out") lines; rg exit $rg_rc, $lines lines; first differences:"
                echo
                echo '```'
                diff "$WORK/lode.out" "$WORK/rg.out" | head -n 6 | cut -c1-200 || true
                echo '```'
            } >> "$WORK/mismatches"
        fi
    fi
    lode_t=$(median_ns lode "$text"); rg_t=$(median_ns rg "$text")
    echo "$lode_t" >> "$WORK/lode.times"; echo "$rg_t" >> "$WORK/rg.times"
    echo "| $(md_code "$text") | $lines | $(ms "$lode_t") | $(ms "$rg_t") | $(ratio "$lode_t" "$rg_t") | $same |" >> "$WORK/rows"
    [ "$text" != "$ABSENT" ] || { absent_lode=$lode_t; absent_rg=$rg_t; absent_lines=$lines; }
    [ "$text" != "$FREQUENT" ] || { freq_lode=$lode_t; freq_rg=$rg_t; freq_lines=$lines; }
done

lode_p50=$(percentile 50 < "$WORK/lode.times"); lode_p99=$(percentile 99 < "$WORK/lode.times")
rg_p50=$(percentile 50 < "$WORK/rg.times"); rg_p99=$(percentile 99 < "$WORK/rg.times")

echo
echo "## Search: \`lode search\` against \`rg -F\`"
echo
echo "Over the latest snapshot and the tree as it is now ($([ -n "$UPDATE_DIR" ] && echo "\`$DIR\` updated in place to \`$UPDATE_DIR\`" || echo "\`$DIR\`")):"
echo "${#LITERALS[@]} literals ($LITERAL_SET set), one untimed run each (warm cache, output check), then the median of $RUNS runs;"
echo "end-to-end wall time, process start included; $(nproc) cores. \`lode --repo R search TEXT\` against"
echo "\`rg -F -n --no-heading -uu --sort path -- TEXT\` run in the tree."
echo
echo "| | \`lode search\` (ms) | \`rg -F\` (ms) | ratio lode / rg |"
echo "|---|---:|---:|---:|"
echo "| p50 over ${#LITERALS[@]} literals | $(ms "$lode_p50") | $(ms "$rg_p50") | $(ratio "$lode_p50" "$rg_p50") |"
echo "| p99 over ${#LITERALS[@]} literals | $(ms "$lode_p99") | $(ms "$rg_p99") | $(ratio "$lode_p99" "$rg_p99") |"
echo "| absent $(md_code "$ABSENT") ($absent_lines lines) | $(ms "$absent_lode") | $(ms "$absent_rg") | $(ratio "$absent_lode" "$absent_rg") |"
echo "| frequent $(md_code "$FREQUENT") ($freq_lines lines) | $(ms "$freq_lode") | $(ms "$freq_rg") | $(ratio "$freq_lode" "$freq_rg") |"
echo
echo "output mismatches (output or exit code): $mismatches of ${#LITERALS[@]}"
if [ "$mismatches" -gt 0 ]; then
    echo
    echo "First mismatches (\`diff lode rg\`):"
    echo
    cat "$WORK/mismatches"
fi
echo
echo "<details><summary>Per literal</summary>"
echo
echo "| literal | lines (rg) | lode (ms) | rg (ms) | lode / rg | identical |"
echo "|---|---:|---:|---:|---:|---|"
cat "$WORK/rows"
echo
echo "</details>"
