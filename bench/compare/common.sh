# Shared helpers of the comparison scripts (sourced, not run).
# shellcheck shell=bash

COMPARE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$COMPARE_DIR/../.." && pwd)

# ensure_tool COMMAND PACKAGE: installs the Debian package when the command is missing.
ensure_tool() {
    command -v "$1" > /dev/null && return
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo "installing $2 (for $1)" >&2
    $sudo apt-get update -qq >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >&2
}

# build_lode OUTDIR [SOURCE_ROOT]: publishes the CLI in Release (ReadyToRun, framework-dependent) from this checkout
# (or another one) and prints the executable's path.
build_lode() {
    local out=$1 root=${2:-$REPO_ROOT}
    echo "building lode (Release, ReadyToRun) from $root into $out" >&2
    dotnet publish "$root/src/Lode.Cli/Lode.Cli.csproj" -c Release -r linux-x64 --self-contained false \
        -p:PublishReadyToRun=true -o "$out" -v quiet -nologo >&2
    echo "$out/lode"
}

# evict_tree DIR...: drops every file under DIR from the page cache (POSIX_FADV_DONTNEED through the benchmark tool).
evict_tree() {
    dotnet run -c Release --project "$REPO_ROOT/bench/Lode.Benchmarks" -v quiet -- evict "$@" > /dev/null
}

# now_ns: wall clock in nanoseconds.
now_ns() { date +%s%N; }

# ms NANOSECONDS: milliseconds with one decimal.
ms() { awk -v ns="$1" 'BEGIN { printf "%.1f", ns / 1e6 }'; }

# ratio A B: A/B with two decimals, or n/a when B is 0.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }

# percentile P < numbers: nearest-rank percentile of the numbers on stdin, one per line.
percentile() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int((p / 100) * NR); if (i < (p / 100) * NR) i++; if (i < 1) i = 1; print v[i] }'; }

# seconds NANOSECONDS: seconds with two decimals.
seconds() { awk -v ns="$1" 'BEGIN { printf "%.2f", ns / 1e9 }'; }

# percent PART WHOLE: PART as a percentage of WHOLE, one decimal.
percent() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.1f", 100 * a / b }'; }

# The /usr/include literal set of the search comparisons: common and rare identifiers, absent strings, short and
# long, regex metacharacters (taken literally).
INCLUDE_LITERALS=(
    "int" "struct" "define" "return" "const" "unsigned" "void" "typedef" "#include" "size_t"
    "uint32_t" "pthread_mutex_t" "SIGKILL" "errno" "EXIT_SUCCESS" "O_RDONLY" "memcpy" "malloc" "FILE *" "__attribute__"
    "xcb_connection_t" "PNG_LIBPNG_VER" "GL_TEXTURE_2D" "EGL_NO_DISPLAY" "XK_Escape" "ZSTD_compress" "ncurses"
    "sqlite3_open" "Py_INCREF" "__BEGIN_DECLS"
    "qqqqqqqq" "no_such_identifier_xyz" "zzzz_absent_zzzz" "ABSENT_LITERAL_42" "lode compare absent"
    "a" "e" "{" ";" "x"
    "a.b" "*)" "[]" "$" "\\"
    "Copyright (C) 1991-2022 Free Software Foundation, Inc."
    "This program is free software; you can redistribute it"
    "#ifndef _SYS_TYPES_H"
    "extern int pthread_create (pthread_t *__restrict __newthread"
    "static inline"
)

# median_ns TOOL TEXT: the median wall time of RUNS runs of the caller's run_TOOL TEXT, in nanoseconds.
median_ns() {
    local i t0
    for ((i = 0; i < RUNS; i++)); do
        t0=$(now_ns)
        "run_$1" "$2" || true
        echo $(($(now_ns) - t0))
    done | percentile 50
}

