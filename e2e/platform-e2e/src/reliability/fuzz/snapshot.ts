import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { GatewayStack } from '../../gateway/gateway-stack';
import type { Deployment } from '../../runtime-api/deployment';
import { redisCli } from '../../runtime-api/runtime-api.harness';

// Keys that come and go on their own: BullMQ's stall checks, rate windows, locks.
const TRANSIENT_KEY = /stalled-check|:ratelimit:|:rt:rate:|:lock\b|:lock:/;
const MAX_ENTRIES = 5_000;

export interface SnapshotSources {
  runtimeApi: Deployment;
  gateway: GatewayStack;
  buildDir: string;
  agentServer?: { url: string; credentials: Record<string, string> };
}

/**
 * What the platform holds, as comparable lines: Redis keys of both prefixes, files under the
 * runtimes' root and the build data dir, runtimes, agents, API keys, runs, the agent server's
 * conversations and CLI agents. A rejected request must leave every line as it was.
 */
export async function platformSnapshot(sources: SnapshotSources): Promise<string[]> {
  const { runtimeApi, gateway, buildDir, agentServer } = sources;
  const admin = { 'x-api-key': gateway.keys.admin };
  const lines = await Promise.all([
    redisKeys(runtimeApi.prefix),
    redisKeys(gateway.prefix),
    files(runtimeApi.root, 'runtime root'),
    files(buildDir, 'build dir'),
    listed(`${runtimeApi.api.url}/list`, { 'x-api-key': runtimeApi.apiKey }, 'runtimes'),
    listed(`${gateway.gateway.adminUrl}/agents`, admin, 'agents'),
    listed(`${gateway.gateway.adminUrl}/keys`, admin, 'keys'),
    listed(`${gateway.gateway.url}/api/runs`, { 'x-api-key': gateway.keys.debug }, 'runs'),
    ...(agentServer
      ? [
          listed(
            `${agentServer.url}/api/conversations/count`,
            agentServer.credentials,
            'conversations',
          ),
          listed(`${agentServer.url}/api/cli-agents`, agentServer.credentials, 'cli agents'),
        ]
      : []),
  ]);
  return lines.flat();
}

function redisKeys(prefix: string): Promise<string[]> {
  const keys = redisCli('--scan', '--pattern', `${prefix}:*`).split('\n').filter(Boolean);
  return Promise.resolve(
    keys.filter((key) => !TRANSIENT_KEY.test(key)).map((key) => `redis ${key}`),
  );
}

/** File and directory names under `root` (names only: a growing log is not a new thing). */
async function files(root: string, label: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true }).catch(() => [] as string[]);
  return entries.slice(0, MAX_ENTRIES).map((entry) => `${label} ${join(entry)}`);
}

/** A listing endpoint's ids, names and counts (timestamps and statuses may move on their own). */
async function listed(
  url: string,
  headers: Record<string, string>,
  label: string,
): Promise<string[]> {
  const response = await fetch(url, { headers }).catch(() => undefined);
  if (!response) return [`${label}: unreachable`];
  const text = await response.text();
  if (!response.ok) return [`${label}: ${response.status} ${text.slice(0, 200)}`];
  return identities(JSON.parse(text) as unknown).map((line) => `${label} ${line}`);
}

const IDENTITY = /(^|_)id$|^total$|^count$|^name$/;

function identities(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => identities(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return path === '' ? [String(value)] : [];
  return Object.entries(value).flatMap(([key, inner]) =>
    inner !== null && typeof inner === 'object'
      ? identities(inner, `${path}.${key}`)
      : IDENTITY.test(key)
        ? [`${path}.${key}=${String(inner)}`]
        : [],
  );
}
