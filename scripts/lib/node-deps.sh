#!/usr/bin/env bash
# Installs node_modules from the lockfile when they are missing or older than the lockfile.
#
# `npm install`, not `npm ci`: the npm registry these machines reach carries only the Linux
# builds of platform-specific optional packages (@swc/core-darwin-*, ...), so the lockfile holds
# no entries for the others and `npm ci` refuses it as "out of sync". `npm install` installs the
# locked versions all the same; the check below keeps it as strict as `npm ci` about drift.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if [[ -f node_modules/.package-lock.json && node_modules/.package-lock.json -nt package-lock.json ]]; then
  echo "[deps] node_modules up to date"
  exit 0
fi
echo "[deps] installing node modules from package-lock.json ..."
before=$(sha256sum package-lock.json)
npm install --no-audit --no-fund --loglevel=error
if [[ $(sha256sum package-lock.json) != "$before" ]]; then
  echo "[deps] ERROR: package-lock.json does not match package.json (npm had to change it)." >&2
  echo "[deps] Run 'npm install' and commit the updated package-lock.json." >&2
  exit 1
fi
