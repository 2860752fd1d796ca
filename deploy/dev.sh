#!/usr/bin/env bash
# The first README command: installs what is missing, builds, and runs `pathfolio dev`
# (a private PostgreSQL under ./.pathfolio, migrated, with a demo institution) on
# http://127.0.0.1:8080. Options are passed to `pathfolio dev` (see `pathfolio --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/install-dependencies.sh
swift build --product pathfolio
exec .build/debug/pathfolio dev "$@"
