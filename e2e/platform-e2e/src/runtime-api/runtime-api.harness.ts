import { createHash, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ErrorBody,
  ErrorBodySchema,
  type Runtime,
  type RuntimeLookupResponse,
  RuntimeSchema,
} from '@agentrt/contracts';
import { waitFor } from '@agentrt/testing';
import Redis from 'ioredis';
import { AppProcess } from '../support/app-process';
import { E2E } from '../support/e2e-env';

/** A runtime-api process on the local backend (real agent-server processes), isolated per test file. */
export interface RuntimeApiStack {
  readonly apiKey: string;
  /** Variables shared by every replica of this deployment (same Redis prefix, owner, root). */
  readonly env: Record<string, string>;
  readonly root: string;
  replicas: AppProcess[];
  url: string;
}

/** Environment of a runtime-api deployment with its own Redis prefix, owner label and root. */
export async function runtimeApiEnv(
  extra: Record<string, string> = {},
): Promise<{ apiKey: string; env: Record<string, string>; root: string }> {
  const id = randomUUID().slice(0, 8);
  const apiKey = `rt-e2e-key-${id}`;
  const root = await mkdtemp(join(tmpdir(), `agentrt-rtapi-${id}-`));
  const env = {
    REDIS_URL: E2E.redisUrl,
    REDIS_KEY_PREFIX: `rtapi-e2e-${id}`,
    QUEUE_PREFIX: `rtapi-e2e-${id}`,
    RUNTIME_API_KEY_HASHES: createHash('sha256').update(apiKey).digest('hex'),
    RUNTIME_OWNER: `e2e-${id}`,
    RUNTIME_BACKEND: 'local',
    LOCAL_RUNTIME_ROOT: root,
    AGENT_SERVER_COMMAND: `${process.execPath},${join(E2E.distDir, 'agent-server', 'main.js')}`,
    RUNTIME_READY_TIMEOUT_SECONDS: '30',
    ...extra,
  };
  return { apiKey, env, root };
}

/** Starts one replica of the deployment; RUNTIME_PUBLIC_URL follows its own port unless set. */
export async function startReplica(env: Record<string, string>): Promise<AppProcess> {
  return await (await AppProcess.start('runtime-api', env)).listening();
}

/** Talks to a runtime-api the way an OpenHands client does: JSON over HTTP with X-API-Key. */
export class RuntimeApiClient {
  constructor(
    readonly baseUrl: string,
    readonly apiKey: string | undefined,
  ) {}

  async call(method: string, path: string, body?: unknown): Promise<Response> {
    return await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.apiKey ? { 'X-API-Key': this.apiKey } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** POST that must answer 200 with a runtime object. */
  async runtimeCall(path: string, body: unknown): Promise<Runtime> {
    const response = await this.call('POST', path, body);
    const text = await response.text();
    if (response.status !== 200) throw new Error(`POST ${path} -> ${response.status}: ${text}`);
    return RuntimeSchema.parse(JSON.parse(text));
  }

  start(body: Record<string, unknown>): Promise<Runtime> {
    return this.runtimeCall('/start', body);
  }

  async lookup(runtimeId: string): Promise<RuntimeLookupResponse> {
    const response = await this.call('GET', `/runtime/${runtimeId}`);
    expect(response.status).toBe(200);
    return (await response.json()) as RuntimeLookupResponse;
  }

  /** The readiness poll every OpenHands client runs after /start. */
  async waitReady(runtimeId: string, timeoutMs = 30_000): Promise<Runtime> {
    return await waitFor(
      async () => {
        const found = await this.lookup(runtimeId);
        if (found.pod_status === 'failed' || found.pod_status === 'crashloopbackoff') {
          throw new Error(`runtime failed: ${JSON.stringify(found)}`);
        }
        return 'status' in found && found.status === 'running' && found.pod_status === 'ready'
          ? RuntimeSchema.parse(found)
          : undefined;
      },
      { timeoutMs, intervalMs: 50, description: `runtime ${runtimeId} to be ready` },
    );
  }
}

/** Runs a command in a runtime through its public URL, as an agent client would. */
export async function executeBash(
  runtime: Pick<Runtime, 'url' | 'session_api_key'>,
  command: string,
  key: string = runtime.session_api_key,
): Promise<Response> {
  return await fetch(`${runtime.url}/api/bash/execute_bash_command`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Session-API-Key': key },
    body: JSON.stringify({ command, timeout: 30 }),
  });
}

/** Stops every runtime still listed, then the replicas, then removes the root. */
export async function tearDown(
  client: RuntimeApiClient | undefined,
  replicas: AppProcess[],
  root: string | undefined,
): Promise<void> {
  if (client) {
    const response = await client.call('GET', '/list').catch(() => undefined);
    if (response?.ok) {
      const { runtimes } = (await response.json()) as { runtimes: Runtime[] };
      await Promise.all(
        runtimes.map((r) => client.call('POST', '/stop', { runtime_id: r.runtime_id })),
      );
    }
  }
  await Promise.all(replicas.map((replica) => replica.stop()));
  if (root) {
    await killLeftovers(root);
    await rm(root, { recursive: true, force: true });
  }
}

/**
 * A failed test may leave local runtimes (process groups, tmux servers) behind; their ownership
 * records under `<root>/.owned/` say where they are.
 */
async function killLeftovers(root: string): Promise<void> {
  const dir = join(root, '.owned');
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const record = JSON.parse(await readFile(join(dir, name), 'utf8')) as {
      pid: number;
      runtimeId: string;
    };
    try {
      process.kill(-record.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    spawnSync('tmux', ['-L', `agentrt-${record.runtimeId}`, 'kill-server'], { stdio: 'ignore' });
  }
}

/** Runs `redis-cli` on the e2e Redis: tests read or damage state the way an operator would. */
export function redisCli(...args: string[]): string {
  const result = spawnSync('redis-cli', ['-u', E2E.redisUrl, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`redis-cli ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** Removes every Redis key of a deployment (its REDIS_KEY_PREFIX), so a test leaves none behind. */
export function dropRedisKeys(prefix: string): void {
  const keys = redisCli('--scan', '--pattern', `${prefix}:*`).split('\n').filter(Boolean);
  for (let i = 0; i < keys.length; i += 100) redisCli('DEL', ...keys.slice(i, i + 100));
}

/** What the local backend records about each runtime it runs (`<root>/.owned/<id>.json`). */
export interface OwnedRuntime {
  runtimeId: string;
  /** The process group leader (also the group id). */
  pid: number;
  /** The agent server's own loopback port (internal; clients go through the proxy). */
  port: number;
}

/** Records being written or removed at this moment are left out; poll for settled counts. */
export async function ownedRuntimes(root: string): Promise<OwnedRuntime[]> {
  const dir = join(root, '.owned');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
  const read = async (name: string): Promise<OwnedRuntime[]> => {
    try {
      return [JSON.parse(await readFile(join(dir, name), 'utf8')) as OwnedRuntime];
    } catch {
      return [];
    }
  };
  return (await Promise.all(names.map(read))).flat();
}

/** True while `pid` runs (a zombie waiting for its reaper counts as gone). */
export async function processAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return false;
  const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  return state !== undefined && state !== 'Z';
}

/** Starts the deployment again at the address `previous` had, so runtime urls stay valid. */
export async function restartReplica(
  previous: AppProcess,
  env: Record<string, string>,
): Promise<AppProcess> {
  const port = Number(new URL(previous.url).port);
  return await (await AppProcess.start('runtime-api', env, port)).listening();
}

/** Every field runtime-api.md requires on a runtime object. */
export const RUNTIME_FIELDS = [
  'runtime_id',
  'session_id',
  'url',
  'session_api_key',
  'status',
  'pod_status',
  'work_hosts',
  'restart_count',
  'restart_reasons',
  'image',
  'resource_factor',
  'created_at',
] as const;

/** Diagnostics a runtime object carries only when known (runtime-api.md, The runtime object). */
export const RUNTIME_DIAGNOSTIC_FIELDS = ['pod_logs', 'container_statuses', 'events'] as const;

/**
 * Asserts a runtime object's key set (every required field, nothing outside the contract) and
 * parses it. OpenHands clients index into these fields without checking, so a missing one is a
 * crash on their side, not a detail.
 */
export function expectRuntimeFields(value: unknown): Runtime {
  const keys = Object.keys(value as object);
  expect(keys).toEqual(expect.arrayContaining([...RUNTIME_FIELDS]));
  const allowed: readonly string[] = [...RUNTIME_FIELDS, ...RUNTIME_DIAGNOSTIC_FIELDS];
  expect(keys.filter((key) => !allowed.includes(key))).toEqual([]);
  return RuntimeSchema.parse(value);
}

/**
 * The agent server built next to runtime-api. OpenHands clients send their image's own command
 * (`/usr/local/bin/openhands-agent-server --port 60000`, or V0's action execution server); on the
 * local backend a runtime is a process on this machine, so replays send this argv in its place.
 */
export function agentServerArgv(): string[] {
  return [process.execPath, join(E2E.distDir, 'agent-server', 'main.js')];
}

/** sha256 hex of an API key, as RUNTIME_API_KEY_HASHES lists it. */
export function keyHashOf(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** An error answer's body, checked against our one error shape ({detail, code, request_id}). */
export async function errorBodyOf(response: Response): Promise<ErrorBody> {
  const text = await response.text();
  try {
    return ErrorBodySchema.parse(JSON.parse(text));
  } catch {
    throw new Error(`${response.status} is not our error body: ${text.slice(0, 500)}`);
  }
}

/**
 * HTTP the way a replayed OpenHands client sends it (JSON bodies, repeated query parameters),
 * remembering `METHOD path status` of every call so a test can compare the whole sequence.
 */
export class ReplayHttp {
  readonly calls: string[] = [];

  async send(
    method: string,
    url: string,
    options: { headers?: Record<string, string>; json?: unknown; params?: [string, string][] } = {},
  ): Promise<Response> {
    const target = new URL(url);
    for (const [name, value] of options.params ?? []) target.searchParams.append(name, value);
    const response = await fetch(target, {
      method,
      headers: {
        ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
    });
    this.calls.push(`${method} ${target.pathname}${target.search} ${response.status}`);
    return response;
  }

  /** The calls with repeated polls collapsed into one line, so sequences do not hang on timing. */
  sequence(): string[] {
    return this.calls.filter((call, index) => call !== this.calls[index - 1]);
  }

  /** Like httpx's `raise_for_status()`: the parsed JSON of a 2xx answer, else an error. */
  async json<T>(response: Response): Promise<T> {
    const text = await response.text();
    if (!response.ok) throw new HttpStatusError(response.status, text);
    return JSON.parse(text) as T;
  }
}

/** A non-2xx answer, as httpx's `HTTPStatusError` reports it to the clients we replay. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}: ${body.slice(0, 300)}`);
  }
}

/**
 * Deletes a deployment's Redis keys (`<prefix>:*`): tearDown leaves stopped records, kept for
 * RUNTIME_RETENTION_SECONDS, and rate windows behind. Run it after the replicas have stopped.
 */
export async function removeRedisKeys(prefix: string | undefined): Promise<void> {
  if (!prefix) return;
  const redis = new Redis(E2E.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
