import { resolve } from 'node:path';

// eslint-disable-next-line no-restricted-properties -- test setup reads its settings, once
const env = process.env;

/**
 * What the compose tier takes from the machine. The defaults are what scripts/dev-env.sh and
 * `scripts/build-images --stand-ins` make; images are never pulled (nothing can be, here).
 */
export const COMPOSE_E2E = {
  workspaceRoot: resolve(__dirname, '../../../..'),
  appTag: env['AGENTRT_TAG'] ?? 'dev',
  runtimeImage: env['AGENTRT_RUNTIME_IMAGE'] ?? 'agentrt/agent-server-runtime:dev',
  /** The FROM of the image the smoke test builds: builds use what the engine has. */
  baseImage: env['AGENTRT_BASE_IMAGE'] ?? 'agentrt-local/node-base:bookworm',
  redisImage: env['COMPOSE_E2E_REDIS_IMAGE'] ?? 'agentrt-local/redis:7-bookworm',
  registryImage: env['COMPOSE_E2E_REGISTRY_IMAGE'] ?? 'agentrt-local/registry:2',
  dockerSocket: '/var/run/docker.sock',
  /** The environment of docker and docker-compose: where they are, and nothing else of ours. */
  toolEnv: {
    PATH: env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: env['HOME'] ?? '/root',
    ...(env['DOCKER_HOST'] ? { DOCKER_HOST: env['DOCKER_HOST'] } : {}),
  },
};
