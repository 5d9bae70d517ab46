#!/usr/bin/env bash
# Builds the agent-server runtime image (docker/agent-server-runtime.Dockerfile): the image the
# docker backend runs for each runtime. Idempotent: it rebuilds the agent server and the image,
# and the engine's layer cache makes an unchanged rebuild quick.
#
# Environment:
#   AGENTRT_RUNTIME_IMAGE  the tag to build (default agentrt/agent-server-runtime:dev)
#   AGENTRT_BASE_IMAGE     base image (default agentrt-local/node-base:bookworm, the stand-in
#                          scripts/dev-env.sh makes; node:22-bookworm-slim where it can be pulled)
#   AGENTRT_DIST_DIR       where nx builds the apps (default dist/apps), as for every app build
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
readonly IMAGE=${AGENTRT_RUNTIME_IMAGE:-agentrt/agent-server-runtime:dev}
readonly BASE_IMAGE=${AGENTRT_BASE_IMAGE:-agentrt-local/node-base:bookworm}
readonly DIST_DIR=${AGENTRT_DIST_DIR:-dist/apps}
readonly DOCKERFILE=docker/agent-server-runtime.Dockerfile
CONTEXT=''

log() { printf '[runtime-image] %s\n' "$*"; }
die() {
  printf '[runtime-image] ERROR: %s\n' "$*" >&2
  exit 1
}
cleanup() { [[ -z $CONTEXT ]] || rm -rf "$CONTEXT"; }

# Two builds at once (say, two test workers finding the image missing) would race on the tag.
take_lock() {
  mkdir -p .agentrt
  exec 9>.agentrt/runtime-image.lock
  flock -n 9 && return 0
  log "waiting for another build of the runtime image ..."
  flock -w 1200 9 || die "another build still holds .agentrt/runtime-image.lock after 20 min"
}

build_agent_server() {
  local args=(run agent-server:build --outputStyle=static) build_log=.agentrt/runtime-image-nx.log
  # Nx restores cached outputs to dist/apps only; another dist dir needs a real build.
  [[ $DIST_DIR == dist/apps ]] || args+=(--skip-nx-cache)
  log "building the agent server into $DIST_DIR/agent-server ..."
  npx nx "${args[@]}" >"$build_log" 2>&1 || {
    tail -n 30 "$build_log" >&2
    die "nx build of agent-server failed (log: $build_log)"
  }
  [[ -f $DIST_DIR/agent-server/main.js ]] || die "no $DIST_DIR/agent-server/main.js after the build"
}

# Only these two folders go into the context; hard links make the copy of node_modules free.
assemble_context() {
  CONTEXT=$(mktemp -d .agentrt/runtime-image-context.XXXXXX)
  cp -al .agentrt/image/node_modules "$CONTEXT/node_modules" 2>/dev/null ||
    cp -a .agentrt/image/node_modules "$CONTEXT/node_modules"
  cp -a "$DIST_DIR/agent-server" "$CONTEXT/app"
  # The image makes its own code cache with its own node (see the Dockerfile).
  rm -f "$CONTEXT"/app/*.code-cache
}

# apt inside the build needs a network: the host's (containers have none with --iptables=false),
# and the host's apt proxy if it has one (as scripts/dev-env.sh hands it to debootstrap).
build_image() {
  local proxy='' args=(--network host --build-arg "BASE_IMAGE=$BASE_IMAGE")
  eval "$(apt-config shell proxy Acquire::http::Proxy 2>/dev/null || true)"
  proxy=${http_proxy:-$proxy}
  [[ -z $proxy ]] || args+=(--build-arg "http_proxy=$proxy")
  log "docker build $IMAGE (base $BASE_IMAGE) ..."
  docker build "${args[@]}" -f "$DOCKERFILE" -t "$IMAGE" "$CONTEXT" |
    sed -u 's/^/[runtime-image]   | /'
}

main() {
  trap cleanup EXIT
  take_lock
  docker image inspect "$BASE_IMAGE" >/dev/null 2>&1 || docker pull "$BASE_IMAGE" >/dev/null ||
    die "base image $BASE_IMAGE is missing (run scripts/dev-env.sh, or set AGENTRT_BASE_IMAGE)"
  build_agent_server
  scripts/lib/prod-deps.sh
  assemble_context
  build_image
  log "built $(docker image inspect -f '{{.RepoTags}} {{.Id}} {{.Size}} bytes' "$IMAGE")"
}

main "$@"
