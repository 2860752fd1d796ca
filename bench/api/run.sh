#!/usr/bin/env bash
# The API benchmark (bench/README.md): builds the service and the driver in release, then runs
# W1 (evidence + review), W2 (progress), the CASE import and the plans workload (template
# instantiation, a 500-advisee caseload) against pgbench / psql \copy / the bare statements on one
# private cluster it creates and removes. Arguments go to the driver, e.g.
#   bench/api/run.sh --seconds 10 --clients 4,16,64 --learners 10000
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then echo "please install: ${need[*]}" >&2; exit 1; fi
    apt-get install -y "${need[@]}" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "${need[@]}" >/dev/null; }
fi

swift build -c release --product pathfolio >/dev/null
swift build -c release --product PathfolioAPIBench >/dev/null
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec .build/release/PathfolioAPIBench --pathfolio "$PWD/.build/release/pathfolio" "$@"
