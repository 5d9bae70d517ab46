# The image the docker backend runs for each runtime: the agent server plus the tools its
# terminal, code cells and CLI agents use (tmux, git, bash, ps, python3), as a non-root user
# (uid 1000) owning /workspace, with a health check. Built from source, the repository root as
# context: docker build -f docker/agent-server-runtime.Dockerfile .
# (scripts/build-runtime-image.sh builds it, passing the host's proxy, npm registry and CAs.)
#
# Stages: deps (every dependency from the lockfile, and the production subset in /prod) -> build
# (nx build agent-server: main.js, the loader, and app.js, the server bundled with its packages)
# -> runtime-deps (only the packages app.js leaves external: scripts/lib/bundle-node-modules.mjs)
# -> the image. The deps stage is the one in docker/<app>.Dockerfile, so the classic builder (no
# BuildKit here) runs npm install once for all four images; keep it identical (scripts/build-images
# and build-runtime-image.sh refuse a difference). The later stages copy only what the agent
# server's build reads, so editing a service does not rebuild this image.
#
# npm and apt need the network: build with `--network host` where containers have none (dockerd
# --iptables=false). No dependency is compiled: install scripts are skipped, and the optional
# native addons (cpu-features, msgpackr-extract) fall back to JavaScript or prebuilt packages.
ARG BASE_IMAGE=node:22-bookworm-slim

FROM ${BASE_IMAGE} AS deps
ARG NPM_REGISTRY=https://registry.npmjs.org/
# PEM certificates npm should trust besides node's own (a TLS-inspecting proxy's CA); this stage
# only, so they stay out of the image.
ARG EXTRA_CA_CERTS=
WORKDIR /src
COPY package.json package-lock.json ./
# `npm install`, not `npm ci` (see scripts/lib/node-deps.sh), held to the lockfile all the same:
# the build fails when npm installs any version other than the locked ones. /prod gets the
# production subset in the same step: pruning looks platform packages up in the registry, so it
# needs the same certificates.
RUN set -eu; \
    if [ -n "$EXTRA_CA_CERTS" ]; then \
      printf '%s\n' "$EXTRA_CA_CERTS" >/tmp/extra-ca.pem; \
      export NODE_EXTRA_CA_CERTS=/tmp/extra-ca.pem; \
    fi; \
    locked() { node -e 'const l = require("/src/package-lock.json"); console.log(JSON.stringify(Object.entries(l.packages).map(([p, v]) => [p, v.version])))'; }; \
    locked >/tmp/locked.json; \
    npm install --ignore-scripts --no-audit --no-fund --loglevel=error \
      --registry="$NPM_REGISTRY" --cache=/tmp/npm-cache; \
    locked >/tmp/installed.json; \
    if ! cmp -s /tmp/locked.json /tmp/installed.json; then \
      echo 'package-lock.json does not match package.json: run npm install and commit the lockfile' >&2; \
      exit 1; \
    fi; \
    mkdir /prod; \
    cp package.json package-lock.json /prod/; \
    cp -al node_modules /prod/node_modules; \
    cd /prod; \
    npm prune --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error \
      --registry="$NPM_REGISTRY" --cache=/tmp/npm-cache; \
    rm -rf /tmp/npm-cache /tmp/extra-ca.pem

FROM deps AS build
COPY nx.json tsconfig.base.json jest.preset.js eslint.config.mjs ./
COPY tools/webpack/ tools/webpack/
# The libs the agent server imports (webpack fails naming a missing one: add its line here).
COPY libs/contracts/ libs/contracts/
COPY libs/platform/ libs/platform/
COPY libs/tmux/ libs/tmux/
COPY apps/agent-server/ apps/agent-server/
RUN NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false \
    npx nx run agent-server:build --outputStyle=static

# app.js carries every package it loads at boot; node_modules keeps only what it leaves to
# `require` at run time (the AI SDK and playwright-core, loaded at first use) and their
# dependencies, taken from the production tree: ~60 MB instead of the services' ~260 MB.
FROM deps AS runtime-deps
COPY scripts/lib/bundle-node-modules.mjs /usr/local/lib/
COPY --from=build /src/dist/apps/agent-server/main.js /src/dist/apps/agent-server/app.js /bundle/
RUN node /usr/local/lib/bundle-node-modules.mjs --from /prod --to /runtime /bundle/main.js /bundle/app.js

FROM ${BASE_IMAGE}

# Installs only what the base lacks, so a base that already has the tools builds offline. The
# apt step needs the network: build with `--network host` where the engine's containers have
# none (dockerd --iptables=false).
RUN if command -v tmux && command -v git && command -v ps && command -v bash \
      && command -v python3 && [ -e /etc/ssl/certs/ca-certificates.crt ]; then \
      echo "tmux, git, ps, bash, python3 and CA certificates already present"; \
    else \
      apt-get update \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        tmux git procps bash python3 ca-certificates \
      && rm -rf /var/lib/apt/lists/*; \
    fi

# uid/gid 1000: node images already have them (user `node`); other bases get `agent`. A named
# workspace volume copies /workspace's owner on first mount, so the volume is writable too.
RUN set -eu; \
    getent group 1000 >/dev/null || groupadd --gid 1000 agent; \
    getent passwd 1000 >/dev/null \
      || useradd --uid 1000 --gid 1000 --create-home --shell /bin/bash agent; \
    install -d -o 1000 -g 1000 /workspace

# Owned by root: the agent's user cannot change the server it runs under.
WORKDIR /app
COPY --from=runtime-deps /runtime/node_modules ./node_modules
COPY --from=build /src/dist/apps/agent-server/ ./
# V8's code cache for app.js, made by this image's own node: it halves the agent server's boot,
# which every cold runtime start waits for (apps/agent-server/src/main.ts). Made here because
# /app is read-only for the agent's user.
RUN node /app/main.js --write-code-cache

ENV NODE_ENV=production WORKSPACE_DIR=/workspace PORT=8000 HOST=0.0.0.0
# Runs in every runtime, so no node process per check: bash alone asks /alive (public, no
# session key, not counted as activity by the idle reaper) and wants a 200 status line.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/\"${PORT:-8000}\" && printf 'GET /alive HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n' >&3 && read -r -t 4 status <&3 && [[ $status == *' 200 '* ]]"]
USER 1000:1000
WORKDIR /workspace
EXPOSE 8000
CMD ["node", "/app/main.js"]
