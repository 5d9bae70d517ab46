# One image per app, from artifacts built on the host by ./scripts/build-images:
#   dist/apps/<app>/main.js              (nx build)
#   .agentrt/image/node_modules          (npm ci --omit=dev)
# Building on the host keeps the image free of dev dependencies and works with the classic
# builder and with base images that have no npm (the local stand-in has only node).
ARG BASE_IMAGE=node:22-bookworm-slim
FROM ${BASE_IMAGE}
ARG APP
LABEL org.agentrt.app="${APP}"
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY .agentrt/image/node_modules ./node_modules
COPY dist/apps/${APP}/ ./
USER 1000:1000
CMD ["node", "main.js"]
