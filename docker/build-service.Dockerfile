# build-service, built from source: docker build -f docker/build-service.Dockerfile .
# (scripts/build-images builds every image, passing the host's proxy, npm registry and CAs.)
#
# Stages: deps (every dependency from the lockfile, and the production subset in /prod) -> build
# (nx build of the three services) -> app-base (user, production node_modules) -> the image.
# The stages before the app's own are the same in runtime-api, build-service and gateway
# .Dockerfile, so the classic builder (no BuildKit here) runs them once for all three; keep them
# identical (scripts/build-images refuses files that differ above the "app image" line).
#
# npm needs the network: build with `--network host` where containers have none (dockerd
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
# Only what their nx build reads: the context also holds the agent server's sources (for the
# runtime image), which must not invalidate this stage.
COPY nx.json tsconfig.base.json jest.preset.js eslint.config.mjs ./
COPY tools/webpack/ tools/webpack/
COPY libs/ libs/
COPY apps/runtime-api/ apps/runtime-api/
COPY apps/build-service/ apps/build-service/
COPY apps/gateway/ apps/gateway/
RUN NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false \
    npx nx run-many -t build -p runtime-api build-service gateway --outputStyle=static

FROM ${BASE_IMAGE} AS app-base
# uid/gid 1000: node images already have them (user `node`); other bases get `app`. /data/builds
# is where compose mounts the builds volume: a new volume takes this owner.
RUN set -eu; \
    getent group 1000 >/dev/null || groupadd --gid 1000 app; \
    getent passwd 1000 >/dev/null \
      || useradd --uid 1000 --gid 1000 --no-create-home --shell /usr/sbin/nologin app; \
    install -d -o 1000 -g 1000 /data /data/builds
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY --from=deps /prod/node_modules ./node_modules

# ---- app image: build-service ----
FROM app-base
COPY --from=build /src/dist/apps/build-service/ ./
ENV PORT=5055 BUILD_DATA_DIR=/data/builds
LABEL org.agentrt.app="build-service"
EXPOSE 5055
USER 1000:1000
# No curl in slim images: node asks /health (503 while Redis or the worker is down).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "main.js"]
