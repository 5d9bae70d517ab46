#!/usr/bin/env bash
# Installs the production node_modules that app images copy in (.agentrt/image/node_modules),
# unless they are already newer than package.json and package-lock.json.
# Used by scripts/build-runtime-image.sh (the app images install theirs inside the build).
#
# `npm install`, not `npm ci`: see scripts/lib/node-deps.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
readonly DIR=.agentrt/image
mkdir -p "$DIR"
# Two image builds at once must not run npm in the same folder.
exec 8>"$DIR.lock"
flock -w 600 8 || { echo "[prod-deps] ERROR: $DIR.lock still held after 10 min" >&2; exit 1; }
stamp=$DIR/node_modules/.package-lock.json
if [[ -f $stamp && $stamp -nt package-lock.json && $stamp -nt package.json ]]; then
  echo "[prod-deps] production node_modules up to date"
  exit 0
fi
echo "[prod-deps] installing production dependencies into $DIR ..."
cp package.json package-lock.json "$DIR/"
(cd "$DIR" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
