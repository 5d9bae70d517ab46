import { freePort } from '@agentrt/testing';
import { runTool } from './run-tool';

/** Loopback ports of one stack, all free when it was planned. */
export interface StackPorts {
  gateway: number;
  admin: number;
  runtimeApi: number;
  buildService: number;
  redis: number;
  registry: number;
}

/** `docker-compose` (the v1 CLI) where installed, else the `docker compose` plugin. */
export async function composeCommand(): Promise<readonly string[]> {
  if ((await runTool('docker-compose', ['version'])).code === 0) return ['docker-compose'];
  if ((await runTool('docker', ['compose', 'version'])).code === 0) return ['docker', 'compose'];
  throw new Error('neither docker-compose nor `docker compose` is installed (scripts/dev-env.sh)');
}

/** Six different free loopback ports (the OS may hand one out twice in a row). */
export async function distinctPorts(): Promise<StackPorts> {
  const ports = new Set<number>();
  for (let attempt = 0; ports.size < 6 && attempt < 50; attempt += 1) ports.add(await freePort());
  const [gateway, admin, runtimeApi, buildService, redis, registry] = [...ports];
  if (!gateway || !admin || !runtimeApi || !buildService || !redis || !registry) {
    throw new Error('could not find six free loopback ports');
  }
  return { gateway, admin, runtimeApi, buildService, redis, registry };
}
