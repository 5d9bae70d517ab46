import { randomUUID } from 'node:crypto';
import Dockerode from 'dockerode';
import { LABELS } from '../../labels';
import type { RuntimeSpec } from '../../runtime-backend';

/** The base image scripts/dev-env.sh builds (debootstrap Debian 12 + node). */
export const BASE_IMAGE = 'agentrt-local/node-base:bookworm';

/** One line of node: answers 'ok' on $PORT (8000 when unset) and $HOST (all when unset). */
export const OK_SERVER =
  "require('http').createServer((q,s)=>s.end('ok')).listen(Number(process.env.PORT||8000),process.env.HOST)";

export const docker = new Dockerode({ socketPath: '/var/run/docker.sock' });

/** An owner label value of one test file's own, so its cleanup touches nothing else. */
export function newOwner(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A runtime of the base image serving OK_SERVER on 8000, ready once it answers. */
export function okSpec(overrides: Partial<RuntimeSpec> = {}): RuntimeSpec {
  const runtimeId = `it-${randomUUID().slice(0, 12)}`;
  return {
    runtimeId,
    sessionId: `session-${runtimeId}`,
    image: BASE_IMAGE,
    command: ['node', '-e', OK_SERVER],
    environment: {},
    ports: [8000],
    resourceFactor: 1,
    pullPolicy: 'Never',
    labels: {},
    readiness: { port: 8000, path: '/', timeoutMs: 15_000 },
    ...overrides,
  };
}

/** The body `url` answers with, or undefined when it does not answer within 1 s. */
export async function bodyOf(url: string | undefined): Promise<string | undefined> {
  if (url === undefined) return undefined;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return await response.text();
  } catch {
    return undefined;
  }
}

const ownedBy = (owner: string) => ({ label: [`${LABELS.owner}=${owner}`] });

/** Removes the containers, volumes and networks carrying `owner`'s label, in that order. */
export async function removeOwned(owner: string): Promise<void> {
  const containers = await docker.listContainers({ all: true, filters: ownedBy(owner) });
  for (const c of containers) await docker.getContainer(c.Id).remove({ force: true, v: true });
  const { Volumes } = await docker.listVolumes({ filters: ownedBy(owner) });
  for (const v of Volumes) await docker.getVolume(v.Name).remove();
  const networks = await docker.listNetworks({ filters: ownedBy(owner) });
  for (const n of networks) await docker.getNetwork(n.Id).remove();
}
