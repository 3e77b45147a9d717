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
