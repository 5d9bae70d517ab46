#!/usr/bin/env bash
# Builds the agent-server runtime image (docker/agent-server-runtime.Dockerfile): the image the
# docker backend runs for each runtime. From source, in the engine (npm install, nx build
# agent-server, apt for the tools), with the repository root as context; scripts/build-images
# runs it after the service images, whose npm install layer it shares. Idempotent: the engine's
# layer cache makes an unchanged rebuild take seconds, an agent-server change about a minute.
#
# Environment:
#   AGENTRT_RUNTIME_IMAGE  the tag to build (default agentrt/agent-server-runtime:dev)
#   AGENTRT_BASE_IMAGE     base image (default agentrt-local/node-base:bookworm, the stand-in
#                          scripts/dev-env.sh makes, when the engine has it; else
#                          node:22-bookworm-slim)
#   AGENTRT_EXTRA_CA_FILE  PEM certificates npm in the build should trust, besides the host's
#                          own additions (/usr/local/share/ca-certificates/*.crt, always passed)
#   http_proxy, https_proxy, no_proxy
#                          passed to the build (npm and apt run inside it with the host's network)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/image-build.sh
source scripts/lib/image-build.sh
readonly IMAGE=${AGENTRT_RUNTIME_IMAGE:-agentrt/agent-server-runtime:dev}

log() { printf '[runtime-image] %s\n' "$*"; }
die() {
  printf '[runtime-image] ERROR: %s\n' "$*" >&2
  exit 1
}

# Two builds at once (say, two test workers finding the image missing) would race on the tag.
take_lock() {
  mkdir -p .agentrt
  exec 9>.agentrt/runtime-image.lock
  flock -n 9 && return 0
  log "waiting for another build of the runtime image ..."
  flock -w 1200 9 || die "another build still holds .agentrt/runtime-image.lock after 20 min"
}

# The engine's output, each line prefixed, as it comes: a cold build runs for minutes.
build_image() {
  log "docker build $IMAGE (base $BASE_IMAGE) ..."
  docker build "${COMMON_ARGS[@]}" "${NPM_ARGS[@]}" -f "$RUNTIME_DOCKERFILE" -t "$IMAGE" . 2>&1 |
    sed -u 's/^/[runtime-image]   | /'
}

main() {
  local started=$SECONDS
  take_lock
  docker info >/dev/null 2>&1 || die "the Docker engine does not answer (run scripts/dev-env.sh)"
  choose_base
  check_shared_stages
  common_build_args
  npm_build_args
  build_image || die "docker build of $IMAGE failed (see above)"
  log "built in $((SECONDS - started)) s: $(docker image inspect -f '{{.RepoTags}} {{.Id}} {{.Size}} bytes' "$IMAGE")"
}

main "$@"
