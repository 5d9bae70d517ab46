#!/usr/bin/env bash
# Installs node_modules from the lockfile when they are missing or older than the lockfile.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if [[ -f node_modules/.package-lock.json && node_modules/.package-lock.json -nt package-lock.json ]]; then
  echo "[deps] node_modules up to date"
  exit 0
fi
echo "[deps] installing node modules from package-lock.json ..."
npm ci --no-audit --no-fund --loglevel=error
