#!/usr/bin/env bash
# Suffix array construction: Lode (default exact mode; CaPS-SA with a 256-byte context on 1 and 2 threads and file to file in external memory
# with a quarter of the in-memory need, SA-IS alone) against libdivsufsort on the text of /usr/include (~130 MB),
# 100 MiB of random bytes, 100 MiB of random DNA and a highly repetitive text: time per build, ratio to divsufsort,
# peak resident memory and peak bytes per text byte, as one BenchmarkDotNet table (each case in its own process).
# usage: bench/compare/suffix-arrays-vs-divsufsort.sh      env LODE_SA_BENCH_MIB=N: every input N MiB (smoke runs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# The benchmark calls divsufsort through libdivsufsort.so.3 (Debian's libdivsufsort3, pulled in by -dev).
if ! ldconfig -p | grep -q 'libdivsufsort\.so\.3'; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo "installing libdivsufsort-dev" >&2
    $sudo apt-get update -qq >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libdivsufsort-dev >&2
fi

rm -rf "${TMPDIR:-/tmp}/lode-sa-bench-peaks"
cd "$REPO_ROOT"
dotnet run -c Release --project bench/Lode.Benchmarks -- --filter '*SuffixArrayVsDivsufsortBenchmarks*' "$@"
