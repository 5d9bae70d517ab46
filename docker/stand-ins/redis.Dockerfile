# A stand-in for redis:7-bookworm where images cannot be pulled (CI here): Debian 12's
# redis-server on the local base image (scripts/build-images --stand-ins). What
# docker-compose.yml relies on works as with the official image: `redis-server` on PATH, data in
# the working directory /data, redis-cli for the health check, a non-root user.
ARG BASE_IMAGE=agentrt-local/node-base:bookworm
FROM ${BASE_IMAGE}
# The package's postinst would start the service inside the build: policy-rc.d forbids it. apt
# needs the network: build with `--network host` where containers have none.
RUN set -eu; \
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; \
    chmod 0755 /usr/sbin/policy-rc.d; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server; \
    rm -rf /var/lib/apt/lists/* /usr/sbin/policy-rc.d; \
    install -d -o redis -g redis /data
LABEL org.agentrt.base=local-standin
WORKDIR /data
USER redis
EXPOSE 6379
# Without a config file the official image also turns protected mode off (its entrypoint does).
CMD ["redis-server", "--protected-mode", "no"]
