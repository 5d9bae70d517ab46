# A stand-in for registry:2 where images cannot be pulled (CI here): Debian 12's docker-registry
# (CNCF distribution 2.8) on the local base image (scripts/build-images --stand-ins), with the
# official image's configuration: port 5000, no auth, storage in /var/lib/registry. wget is the
# health check's client, as in the official image.
ARG BASE_IMAGE=agentrt-local/node-base:bookworm
FROM ${BASE_IMAGE}
# apt needs the network: build with `--network host` where containers have none.
RUN set -eu; \
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; \
    chmod 0755 /usr/sbin/policy-rc.d; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends docker-registry wget; \
    rm -rf /var/lib/apt/lists/* /usr/sbin/policy-rc.d; \
    install -d -o docker-registry -g docker-registry /var/lib/registry
COPY registry-config.yml /etc/docker/registry/config.yml
LABEL org.agentrt.base=local-standin
USER docker-registry
EXPOSE 5000
ENTRYPOINT ["docker-registry"]
CMD ["serve", "/etc/docker/registry/config.yml"]
