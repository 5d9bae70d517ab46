import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type ErrorBody,
  ErrorBodySchema,
  type Runtime,
  type RuntimeLookupResponse,
  RuntimeSchema,
} from '@agentrt/contracts';
import { waitFor } from '@agentrt/testing';
import { E2E } from '../support/e2e-env';

/**
 * The agent-server runtime image scripts/build-runtime-image.sh builds (the test command builds
 * it); the docker backend runs it, the local backend only records it.
 */
export const RUNTIME_IMAGE = 'agentrt/agent-server-runtime:dev';

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

  /** A call that must answer 200; its parsed JSON body. */
  async json(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await this.call(method, path, body);
    const text = await response.text();
    if (response.status !== 200)
      throw new Error(`${method} ${path} -> ${response.status}: ${text}`);
    return JSON.parse(text) as unknown;
  }

  /** POST that must answer 200 with a runtime object. */
  async runtimeCall(path: string, body: unknown): Promise<Runtime> {
    return RuntimeSchema.parse(await this.json('POST', path, body));
  }

  /** GET /list, which must answer 200. */
  async list(): Promise<{ runtimes: Runtime[]; total: number }> {
    return (await this.json('GET', '/list')) as { runtimes: Runtime[]; total: number };
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

/** Runs `redis-cli` on the e2e Redis: tests read or damage state the way an operator would. */
export function redisCli(...args: string[]): string {
  const result = spawnSync('redis-cli', ['-u', E2E.redisUrl, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`redis-cli ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
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
