#!/usr/bin/env bash
# dev-env.sh: install and start what agentrt's tests and local runs need on a Debian 12 machine
# (Redis, Docker engine, a local registry, a local stand-in for node:22-bookworm-slim with npm).
# Idempotent: on a ready machine it only checks, and takes a few seconds.
# See shared/design/environment.md for why each piece is done the way it is.
set -euo pipefail

# chromium: the agent server's browser tool drives Debian's build (no browser is ever downloaded).
# nginx-light: benchmark B4 compares the gateway's runtime proxy with nginx (started by the bench).
# wrk: benchmark B4's load generator (C, epoll: a tenth of the CPU a Node generator takes).
readonly PACKAGES=(redis-server tmux docker.io docker-registry debootstrap docker-compose curl ca-certificates chromium nginx-light wrk)
readonly SUITE=bookworm # the Debian release of the base image; the host's node is a Debian 12 build
readonly REGISTRY_CONFIG=/etc/docker/registry/config.yml

REDIS_PORT=${AGENTRT_REDIS_PORT:-6379}
REGISTRY_PORT=${AGENTRT_REGISTRY_PORT:-5000}
BASE_IMAGE=${AGENTRT_BASE_IMAGE:-agentrt-local/node-base:bookworm}

# Services we start must outlive this script, so their logs go where root keeps logs; a non-root
# developer (who can only start Redis) falls back to the temp dir.
LOG_DIR=/var/log
[[ -w $LOG_DIR ]] || LOG_DIR=${TMPDIR:-/tmp}
readonly DOCKERD_LOG=$LOG_DIR/agentrt-dockerd.log
readonly REGISTRY_LOG=$LOG_DIR/agentrt-registry.log
readonly REDIS_LOG=$LOG_DIR/agentrt-redis.log
readonly APT_LOG=$LOG_DIR/agentrt-apt.log

QUIET=0
NO_DOCKER=0
DRY_RUN=0
BUILD_DIR=''
POLICY_RC_D_ADDED=0
declare -A STATE=()

usage() {
  cat <<EOF
Usage: scripts/dev-env.sh [--no-docker] [--quiet] [--dry-run] [--help]

Installs (apt) and starts what is missing, then prints a summary:
  1. packages: ${PACKAGES[*]}
  2. Redis on 127.0.0.1:\$AGENTRT_REDIS_PORT (no persistence)
  3. Docker engine (dockerd --iptables=false, log $DOCKERD_LOG)
  4. a registry on 127.0.0.1:\$AGENTRT_REGISTRY_PORT (Debian's docker-registry, log $REGISTRY_LOG)
  5. the local base image \$AGENTRT_BASE_IMAGE (debootstrap $SUITE + the host's node and npm),
     used in place of node:22-bookworm-slim, which cannot be pulled here
Anything already there is left alone. Installing and steps 3-5 need root.

Options:
  --no-docker  only packages, Redis (and tmux); skip steps 3-5
  --quiet      print only the summary and errors
  --dry-run    check everything, but only report what would be installed, started or built
  --help       this text

Environment:
  AGENTRT_REDIS_PORT     Redis port (default 6379)
  AGENTRT_REGISTRY_PORT  registry port (default 5000)
  AGENTRT_BASE_IMAGE     base image name (default agentrt-local/node-base:bookworm)
  TMPDIR                 where logs go when /var/log is not writable (default /tmp)

The summary ends with KEY=value lines for callers, e.g.
  eval "\$(scripts/dev-env.sh --quiet | grep -E '^[A-Z_]+=')"
EOF
}

log() { ((QUIET)) || printf '[dev-env] %s\n' "$*"; }
die() {
  printf '[dev-env] ERROR: %s\n' "$*" >&2
  exit 1
}
show_tail() {
  [[ -f $1 ]] || return 0
  tail -n 20 "$1" | sed 's/^/[dev-env]   | /' >&2
}

need_root() { ((EUID == 0)) || die "$1 needs root (run as root or with sudo)"; }

# In dry-run mode, report the action instead of doing it; returns 0 when the caller should stop.
dry() {
  ((DRY_RUN)) || return 1
  log "$2: would $1 (dry run)"
  STATE["$2"]="missing (dry run)"
}

parse_args() {
  while (($#)); do
    case $1 in
      --no-docker) NO_DOCKER=1 ;;
      --quiet) QUIET=1 ;;
      --dry-run) DRY_RUN=1 ;;
      -h | --help) usage && exit 0 ;;
      *) die "unknown option: $1 (see --help)" ;;
    esac
    shift
  done
  [[ $REDIS_PORT =~ ^[0-9]+$ ]] || die "AGENTRT_REDIS_PORT is not a port number: $REDIS_PORT"
  [[ $REGISTRY_PORT =~ ^[0-9]+$ ]] || die "AGENTRT_REGISTRY_PORT is not a port number: $REGISTRY_PORT"
}

# Two callers at once (CI and a test's global setup) must not both start dockerd or debootstrap.
# The lock file is opened read-only so root and non-root runs can share it.
take_lock() {
  local lock=${TMPDIR:-/tmp}/agentrt-dev-env.lock
  [[ -e $lock ]] || { : >"$lock" && chmod 0666 "$lock"; } 2>/dev/null || true
  exec 9<"$lock"
  flock -n 9 && return 0
  log "waiting for another dev-env.sh run to finish ..."
  flock -w 900 9 || die "another dev-env.sh run still holds $lock after 15 min"
}

# Start a long-lived service detached from our session (setsid) so that neither the end of this
# script nor a Ctrl-C in the caller's terminal stops it; fd 9 (the lock) must not leak into it.
start_bg() {
  local logfile=$1
  shift
  printf '=== %s dev-env.sh: %s\n' "$(date -Is)" "$*" >>"$logfile"
  setsid nohup "$@" >>"$logfile" 2>&1 </dev/null 9<&- &
  BG_PID=$!
}

# Poll CHECK... every 0.5 s for SECS; returns 2 early if PID (when not empty) has exited.
wait_for() {
  local pid=$2 deadline=$((SECONDS + $1))
  shift 2
  until "$@"; do
    [[ -z $pid ]] || kill -0 "$pid" 2>/dev/null || return 2
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

# Wait for a service we just started, or die showing the end of its log.
await() {
  local name=$1 logfile=$2 secs=$3 pid=$4 rc=0
  shift 4
  wait_for "$secs" "$pid" "$@" || rc=$?
  ((rc == 0)) && return 0
  show_tail "$logfile"
  ((rc == 2)) && die "$name: exited during start-up (log: $logfile)"
  die "$name: not answering after $secs s (log: $logfile)"
}

# ---------------------------------------------------------------------------- 1. packages

missing_packages() {
  local installed p
  # One dpkg-query for all; "ii" is the only state in which a package is really there.
  installed=$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${PACKAGES[@]}" 2>/dev/null |
    awk '$2 == "ii" { print $1 }' || true)
  for p in "${PACKAGES[@]}"; do
    grep -qxF "$p" <<<"$installed" || echo "$p"
  done
}

# Keep the postinst scripts from starting redis/dockerd with Debian's defaults (persistence,
# iptables): this script starts them itself with the flags the project needs.
block_service_starts() {
  [[ -e /usr/sbin/policy-rc.d ]] && return 0
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod 0755 /usr/sbin/policy-rc.d
  POLICY_RC_D_ADDED=1
}

apt_fail() {
  show_tail "$APT_LOG"
  if grep -qE '^Err:|Failed to fetch|Temporary failure resolving|Could not connect' "$APT_LOG"; then
    die "$1: the Debian archive looks unreachable (log: $APT_LOG)"
  fi
  die "$1 (log: $APT_LOG)"
}

ensure_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  if ((${#missing[@]} == 0)); then
    log "packages: all ${#PACKAGES[@]} present"
    STATE[packages]="already there"
    return
  fi
  log "packages: missing ${missing[*]}"
  dry "apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" packages && return
  need_root "packages: installing ${missing[*]}"
  block_service_starts
  log "packages: apt-get update ..."
  apt-get update >"$APT_LOG" 2>&1 || apt_fail "apt-get update failed"
  log "packages: apt-get install ${missing[*]} ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" \
    >>"$APT_LOG" 2>&1 || apt_fail "apt-get install failed"
  mapfile -t missing < <(missing_packages)
  ((${#missing[@]} == 0)) || die "packages still missing after apt-get install: ${missing[*]}"
  STATE[packages]=installed
}

# ---------------------------------------------------------------------------- 2. redis

redis_up() { [[ $(timeout 3 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

ensure_redis() {
  if redis_up; then
    log "redis: already running on 127.0.0.1:$REDIS_PORT"
    STATE[redis]="already there"
    return
  fi
  dry "start redis-server on 127.0.0.1:$REDIS_PORT" redis && return
  log "redis: starting redis-server on 127.0.0.1:$REDIS_PORT ..."
  # --daemonize forks and detaches by itself; no persistence: test data is throwaway.
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --logfile "$REDIS_LOG" 9<&- || {
    show_tail "$REDIS_LOG"
    die "redis: redis-server failed to start (log: $REDIS_LOG)"
  }
  await redis "$REDIS_LOG" 10 '' redis_up
  STATE[redis]=started
}

# ---------------------------------------------------------------------------- 3. docker engine

docker_up() { timeout 20 docker info >/dev/null 2>&1; }

ensure_docker() {
  local pid
  if docker_up; then
    log "docker: engine already running"
    STATE[docker]="already there"
    return
  fi
  dry "start dockerd --iptables=false" docker && return
  need_root "docker: 'docker info' fails, and starting dockerd"
  # A dockerd that is still starting (another caller's) would refuse a second one: wait for it.
  if pid=$(pgrep -xo dockerd); then
    log "docker: dockerd (pid $pid) is running but not answering yet; waiting ..."
  else
    log "docker: starting dockerd ..."
    # Default bridge network kept: testcontainers needs it (no --bridge=none).
    start_bg "$DOCKERD_LOG" dockerd --iptables=false
    pid=$BG_PID
  fi
  await docker "$DOCKERD_LOG" 60 "$pid" docker_up
  STATE[docker]=started
}

# ---------------------------------------------------------------------------- 4. registry

registry_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$REGISTRY_PORT/v2/" || true
}
registry_up() { [[ $(registry_status) == 200 ]]; }

ensure_registry() {
  local status
  status=$(registry_status)
  if [[ $status == 200 ]]; then
    log "registry: already running on 127.0.0.1:$REGISTRY_PORT"
    STATE[registry]="already there"
    return
  fi
  # Something answers but not as an open registry (e.g. one started with Debian's auth config).
  [[ $status == 000 ]] || die "registry: 127.0.0.1:$REGISTRY_PORT/v2/ answers HTTP $status;" \
    "stop that server or set AGENTRT_REGISTRY_PORT to a free port"
  dry "start docker-registry on 127.0.0.1:$REGISTRY_PORT" registry && return
  need_root "registry: starting docker-registry"
  log "registry: starting docker-registry on 127.0.0.1:$REGISTRY_PORT ..."
  # Debian's config.yml turns on htpasswd auth with no users (every request gets 401);
  # REGISTRY_AUTH='{}' replaces that section with none. It listens on loopback only.
  REGISTRY_HTTP_ADDR=127.0.0.1:$REGISTRY_PORT REGISTRY_AUTH='{}' \
    start_bg "$REGISTRY_LOG" docker-registry serve "$REGISTRY_CONFIG"
  await registry "$REGISTRY_LOG" 20 "$BG_PID" registry_up
  STATE[registry]=started
}

# ---------------------------------------------------------------------------- 5. base image

# Stanzas of deb822 .sources files whose Suites has exactly $SUITE (so not -security/-updates).
deb822_uris() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -e $f ]] || continue
    awk -v suite="$SUITE" '
      function flush() {
        if ((" " types " ") ~ / deb / && (" " suites " ") ~ (" " suite " ") &&
            tolower(enabled) != "no" && uris != "") { split(uris, u, " "); print u[1] }
        types = suites = uris = enabled = ""
      }
      /^[[:space:]]*#/ { next }
      /^[[:space:]]*$/ { flush(); next }
      /^[^[:space:]]/ {
        key = tolower($1); sub(/:.*/, "", key)
        val = $0; sub(/^[^:]*:[[:space:]]*/, "", val); gsub(/[[:space:]]+/, " ", val)
        if (key == "types") types = val; else if (key == "uris") uris = val
        else if (key == "suites") suites = val; else if (key == "enabled") enabled = val
      }
      END { flush() }' "$f"
  done
}

# One-line "deb [options] URI SUITE components" entries.
sources_list_uris() {
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk -v suite="$SUITE" '
    $1 == "deb" {
      i = 2
      if ($2 ~ /^\[/) { while (i < NF && $i !~ /\]$/) i++; i++ }
      if ($(i + 1) == suite) print $i
    }' || true
}

# The archive differs between machines (mirror, snapshot, proxy): use the one this machine's apt
# already fetches from, never a host name written in the repo.
debian_mirror() {
  local uris
  uris=$({ deb822_uris; sources_list_uris; } | grep -E '^(https?|file):/' || true)
  [[ -n $uris ]] || return 1
  printf '%s\n' "${uris%%$'\n'*}"
}

cleanup() {
  ((POLICY_RC_D_ADDED)) && rm -f /usr/sbin/policy-rc.d
  remove_build_dir
}

remove_build_dir() {
  [[ -n $BUILD_DIR && -d $BUILD_DIR ]] || return 0
  # debootstrap mounts /proc and /sys inside the root (and binds /dev on some hosts); unmount
  # whatever is left first, so that rm cannot reach the host's files through a mount.
  awk -v d="$BUILD_DIR/" 'index($2, d) == 1 { print $2 }' /proc/self/mounts | sort -r |
    xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf --one-file-system "$BUILD_DIR"
}

run_debootstrap() {
  local root=$1 mirror proxy=''
  mirror=$(debian_mirror) || die "base image: no deb line for '$SUITE' in /etc/apt/sources.list{,.d/}"
  # debootstrap ignores apt.conf: hand it apt's proxy, if the machine has one.
  eval "$(apt-config shell proxy Acquire::http::Proxy)"
  [[ -z $proxy || -n ${http_proxy:-} ]] || export http_proxy=$proxy
  log "base image: debootstrap --variant=minbase $SUITE from $mirror (about 30 s) ..."
  debootstrap --variant=minbase --include=ca-certificates "$SUITE" "$root" "$mirror" \
    >"$BUILD_DIR/debootstrap.log" 2>&1 || {
    show_tail "$BUILD_DIR/debootstrap.log"
    die "base image: debootstrap failed"
  }
}

# The host's node is a Debian 12 build needing only libc/libstdc++/libgcc_s, which minbase has.
# Running it in the new root proves that now, with the loader's own message if not.
add_node() {
  local root=$1 version
  install -D -m 0755 "$(readlink -f /usr/bin/node)" "$root/usr/local/bin/node"
  version=$(chroot "$root" /usr/local/bin/node -e 'process.stdout.write(process.version)' 2>&1) ||
    die "base image: the host's /usr/bin/node does not run in a $SUITE minbase root: $version"
  log "base image: node $version runs in the new root"
}

# Drop what only bloats the image; docker supplies resolv.conf and hostname at run time, so the
# host's copies that debootstrap put in are not kept.
trim_root() {
  local root=$1
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  : >"$root/etc/resolv.conf"
  : >"$root/etc/hostname"
}

import_root() {
  local root=$1
  log "base image: docker import $BASE_IMAGE ..."
  tar --numeric-owner --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -C "$root" -c . |
    docker import \
      --change 'ENV PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["node"]' \
      --change 'LABEL org.agentrt.base=local-standin' \
      - "$BASE_IMAGE" >/dev/null || die "base image: docker import failed"
}

verify_image() {
  local out
  out=$(docker run --rm --pull never "$BASE_IMAGE" sh -c 'echo "node $(node --version), npm $(npm --version)"' 2>&1) || {
    # Remove it so that the next run rebuilds instead of trusting a broken image.
    docker image rm "$BASE_IMAGE" >/dev/null 2>&1 || true
    die "base image: docker run of the new image failed (image removed): $out"
  }
  log "base image: docker run $BASE_IMAGE -> $out"
}

# node images carry npm (/usr/local/lib/node_modules/npm, linked from /usr/local/bin) and the app
# Dockerfiles run it, so the stand-in gets the host's npm in the same place. The label says it is
# there: a stand-in built before this step gets npm once, checked without running a container.
readonly NPM_LABEL=org.agentrt.npm

base_has_npm() {
  [[ -n $(docker image inspect -f "{{index .Config.Labels \"$NPM_LABEL\"}}" "$BASE_IMAGE" 2>/dev/null) ]]
}

# The host's npm package directory (<root>/bin/npm-cli.js is what `npm` links to).
host_npm_root() {
  local cli
  cli=$(readlink -f "$(command -v npm)" 2>/dev/null) || return 1
  [[ -f $cli && $(basename "$cli") == npm-cli.js ]] || return 1
  dirname "$(dirname "$cli")"
}

add_npm() {
  local npm_root version context
  npm_root=$(host_npm_root) || die "base image: no npm on this machine to copy into $BASE_IMAGE"
  version=$(node "$npm_root/bin/npm-cli.js" --version) || die "base image: the host's npm does not run"
  log "base image: adding the host's npm $version to $BASE_IMAGE ..."
  BUILD_DIR=$(mktemp -d /var/tmp/agentrt-base.XXXXXX)
  context=$BUILD_DIR/npm-layer
  mkdir "$context"
  cp -a "$npm_root" "$context/npm"
  printf '%s\n' \
    "FROM $BASE_IMAGE" \
    'COPY npm /usr/local/lib/node_modules/npm' \
    'RUN cd /usr/local/bin && ln -s ../lib/node_modules/npm/bin/npm-cli.js npm && ln -s ../lib/node_modules/npm/bin/npx-cli.js npx && npm --version' \
    "LABEL $NPM_LABEL=$version" >"$context/Dockerfile"
  docker build -t "$BASE_IMAGE" "$context" >"$BUILD_DIR/npm-layer.log" 2>&1 || {
    show_tail "$BUILD_DIR/npm-layer.log"
    die "base image: adding npm failed"
  }
  remove_build_dir
}

ensure_base_image() {
  local state=built
  if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    if base_has_npm; then
      log "base image: $BASE_IMAGE already present (with npm)"
      STATE["base image"]="already there"
      return
    fi
    dry "add npm to $BASE_IMAGE" "base image" && return
    need_root "base image: adding npm to $BASE_IMAGE"
    state="npm added"
  else
    dry "build $BASE_IMAGE" "base image" && return
    need_root "base image: building $BASE_IMAGE (debootstrap, chroot)"
    BUILD_DIR=$(mktemp -d /var/tmp/agentrt-base.XXXXXX)
    run_debootstrap "$BUILD_DIR/root"
    add_node "$BUILD_DIR/root"
    trim_root "$BUILD_DIR/root"
    import_root "$BUILD_DIR/root"
    remove_build_dir # now rather than at exit, so the summary's time includes it
  fi
  add_npm
  verify_image
  STATE["base image"]=$state
}

# ---------------------------------------------------------------------------- summary

print_summary() {
  local start_ns=$1 ms c
  ms=$((($(date +%s%N) - start_ns) / 1000000))
  printf '[dev-env] ---- summary ----\n'
  for c in packages redis docker registry "base image"; do
    printf '[dev-env] %-11s %s\n' "$c" "${STATE[$c]:-skipped (--no-docker)}"
  done
  printf 'REDIS_URL=redis://127.0.0.1:%s\n' "$REDIS_PORT"
  if ((!NO_DOCKER)); then
    printf 'AGENTRT_BASE_IMAGE=%s\n' "$BASE_IMAGE"
    printf 'AGENTRT_REGISTRY=127.0.0.1:%s\n' "$REGISTRY_PORT"
  fi
  printf '[dev-env] total %d.%d s\n' $((ms / 1000)) $((ms % 1000 / 100))
}

main() {
  local start_ns
  start_ns=$(date +%s%N)
  parse_args "$@"
  trap cleanup EXIT
  trap 'printf "[dev-env] interrupted\n" >&2; exit 130' INT TERM
  take_lock
  ensure_packages
  ensure_redis
  if ((!NO_DOCKER)); then
    ensure_docker
    ensure_registry
    ensure_base_image
  fi
  print_summary "$start_ns"
}

main "$@"
