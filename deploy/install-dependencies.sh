#!/usr/bin/env bash
# Installs the Debian packages Pathfolio needs to build, test and run, when they are missing:
# PostgreSQL (server, client, pgbench), libpq-dev, libssl-dev. Idempotent; changes nothing
# when everything is present. Needs root (or sudo) only when something must be installed.
set -euo pipefail

needed=(postgresql libpq-dev libssl-dev pkg-config)
missing=()
for package in "${needed[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing ${missing[*]} …"
if [ "$(id -u)" -eq 0 ]; then
    run=()
elif command -v sudo >/dev/null; then
    run=(sudo)
else
    echo "pathfolio: ${missing[*]} must be installed, which needs root: run 'apt-get install -y ${missing[*]}' as root" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq
"${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
