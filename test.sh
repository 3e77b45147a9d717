#!/usr/bin/env bash
# Runs every test of Lode: builds the solution (warnings are errors) and runs each test project.
# Installs what the tests need on a fresh machine: ripgrep (the acceptance tests compare `lode search` with it) and
# s3rver (the S3-compatible server the object-storage, engine and acceptance tests start on loopback; needs Node and npm).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v rg >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ripgrep >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ripgrep >/dev/null
  fi
fi

if [ ! -f tests/s3rver/node_modules/s3rver/package.json ]; then
  npm ci --prefix tests/s3rver --no-audit --no-fund --loglevel=error
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Lode.sln -c Release -nologo -v quiet
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Lode.sln -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?

# One plain summary line over all test assemblies: "N passed, N failed".
awk '/(Passed|Failed)! +- Failed: / {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"
