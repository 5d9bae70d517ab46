# shellcheck shell=bash
# What scripts/build-images and scripts/build-runtime-image.sh share: the base image, the build
# arguments every image build gets, and the check that the Dockerfiles' shared stages agree.
# Sourced from the repository root by a script that defines log and die.

readonly STANDIN_BASE=agentrt-local/node-base:bookworm
readonly OFFICIAL_BASE=node:22-bookworm-slim
readonly APP_DOCKERFILES=(docker/runtime-api.Dockerfile docker/build-service.Dockerfile docker/gateway.Dockerfile)
readonly RUNTIME_DOCKERFILE=docker/agent-server-runtime.Dockerfile

# BASE_IMAGE: AGENTRT_BASE_IMAGE, else the stand-in where this machine has one (it cannot pull),
# else what real users pull.
choose_base() {
  BASE_IMAGE=${AGENTRT_BASE_IMAGE:-}
  if [[ -z $BASE_IMAGE ]]; then
    BASE_IMAGE=$OFFICIAL_BASE
    docker image inspect "$STANDIN_BASE" >/dev/null 2>&1 && BASE_IMAGE=$STANDIN_BASE
  fi
  docker image inspect "$BASE_IMAGE" >/dev/null 2>&1 || docker pull "$BASE_IMAGE" >/dev/null ||
    die "base image $BASE_IMAGE is missing and cannot be pulled (run scripts/dev-env.sh, or set AGENTRT_BASE_IMAGE)"
}

# COMMON_ARGS, for every build. --network host: npm and apt need the network, which containers
# lack where dockerd runs with --iptables=false. Proxies are build args docker predefines (kept
# out of the image's history).
common_build_args() {
  local proxy='' var
  COMMON_ARGS=(--network host --build-arg "BASE_IMAGE=$BASE_IMAGE")
  # apt's own proxy, as scripts/dev-env.sh hands it to debootstrap.
  eval "$(apt-config shell proxy Acquire::http::Proxy 2>/dev/null || true)"
  [[ -n ${http_proxy:-} || -z $proxy ]] || COMMON_ARGS+=(--build-arg "http_proxy=$proxy")
  for var in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
    [[ -z ${!var:-} ]] || COMMON_ARGS+=(--build-arg "$var=${!var}")
  done
}

# NPM_ARGS, for the builds with a deps stage: npm there uses the host's registry and trusts the
# CAs the host added to its own (a TLS-inspecting proxy's): node in the image knows only its
# bundled ones. AGENTRT_EXTRA_CA_FILE adds more.
npm_build_args() {
  local registry ca
  NPM_ARGS=()
  registry=$(npm config get registry 2>/dev/null || true)
  [[ $registry != http* ]] || NPM_ARGS+=(--build-arg "NPM_REGISTRY=$registry")
  ca=$(cat "${AGENTRT_EXTRA_CA_FILE:-/dev/null}" /usr/local/share/ca-certificates/*.crt 2>/dev/null || true)
  [[ -z $ca ]] || NPM_ARGS+=(--build-arg "EXTRA_CA_CERTS=$ca")
}

# The engine runs a stage once for every Dockerfile that has it word for word: the services share
# all stages above '# ---- app image:', the runtime image the deps stage (npm install). A
# difference would silently run them again per image. Comments and blank lines do not count.
check_shared_stages() {
  local file first=${APP_DOCKERFILES[0]}
  for file in "${APP_DOCKERFILES[@]:1}"; do
    [[ $(_shared_stages "$file") == "$(_shared_stages "$first")" ]] ||
      die "$file differs from $first above its '# ---- app image:' line; keep the shared stages identical"
  done
  [[ $(_deps_stage "$RUNTIME_DOCKERFILE") == "$(_deps_stage "$first")" ]] || {
    diff <(_deps_stage "$first") <(_deps_stage "$RUNTIME_DOCKERFILE") | sed 's/^/  /' >&2 || true
    die "the deps stage of $RUNTIME_DOCKERFILE differs from $first's (diff above); keep it identical"
  }
}

_instructions() { grep -v -e '^#' -e '^[[:space:]]*$' || true; }
_shared_stages() { sed '/^# ---- app image:/,$d' "$1" | _instructions; }
# Everything before the second FROM: the global ARGs and the deps stage.
_deps_stage() { awk '/^FROM /{n++} n<2' "$1" | _instructions; }
