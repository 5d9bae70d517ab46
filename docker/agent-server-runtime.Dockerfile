# The image the docker backend runs for each runtime: the built agent server plus the tools its
# terminal, code cells and CLI agents use (tmux, git, bash, ps, python3), as a non-root user
# (uid 1000) owning /workspace. scripts/build-runtime-image.sh builds it from a context it assembles:
#   app/           the built agent server (nx build: dist/apps/agent-server)
#   node_modules/  production dependencies (npm install --omit=dev, see scripts/lib/prod-deps.sh)
# Building on the host keeps dev dependencies out and works with bases that have no npm.
ARG BASE_IMAGE=node:22-bookworm-slim
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

WORKDIR /app
COPY node_modules ./node_modules
COPY app/ ./
# V8's code cache for app.js, made by this image's own node: it halves the agent server's boot,
# which every cold runtime start waits for (apps/agent-server/src/main.ts). Made here because
# /app is read-only for the agent's user.
RUN node /app/main.js --write-code-cache

ENV NODE_ENV=production WORKSPACE_DIR=/workspace PORT=8000 HOST=0.0.0.0
USER 1000:1000
WORKDIR /workspace
EXPOSE 8000
CMD ["node", "/app/main.js"]
