import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentDefinition, ApiKeyCreated, GatewayScope } from '@agentrt/contracts';
import { FakeOpenAiServer, freePort } from '@agentrt/testing';
import { Deployment } from '../runtime-api/deployment';
import { redisCli, RUNTIME_IMAGE } from '../runtime-api/runtime-api.harness';
import { AppProcess } from '../support/app-process';

/** The model agents ask for; the fake expects it without the `litellm_proxy/` prefix. */
export const FAKE_MODEL = 'fake-model';
const LLM_KEY = 'sk-fake-llm-key-for-gateway-e2e';
const LLM_KEY_REF = 'fake-llm';

export interface GatewayReplica {
  process: AppProcess;
  url: string;
  adminUrl: string;
}

export interface CallOptions {
  key?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A whole platform for one gateway spec: a FAKE LLM, runtime-api on the local backend (real
 * agent servers as processes), and one or more gateway replicas sharing one Redis prefix. Keys:
 * `run` (scope run), `debug` (run + debug), `admin` (admin). tearDown removes everything.
 */
export class GatewayStack {
  readonly replicas: GatewayReplica[] = [];
  readonly keys = {
    run: `gw-run-${randomUUID()}`,
    debug: `gw-debug-${randomUUID()}`,
    admin: `gw-admin-${randomUUID()}`,
  };
  readonly prefix = `gw-e2e-${randomUUID().slice(0, 8)}`;

  private constructor(
    readonly llm: FakeOpenAiServer,
    readonly runtimeApi: Deployment,
    private readonly secretsDir: string,
  ) {}

  static async start(
    options: {
      gatewayEnv?: Record<string, string>;
      replicas?: number;
      /** Extra variables for the runtime-api deployment (e.g. BUILD_DATA_DIR). */
      runtimeApiEnv?: Record<string, string>;
    } = {},
  ) {
    const llm = await FakeOpenAiServer.start({ model: FAKE_MODEL, apiKey: LLM_KEY });
    const secretsDir = await mkdtemp(join(tmpdir(), 'agentrt-gw-secrets-'));
    await writeFile(join(secretsDir, LLM_KEY_REF), `${LLM_KEY}\n`, { mode: 0o600 });
    let runtimeApi: Deployment | undefined;
    try {
      runtimeApi = await Deployment.start(options.runtimeApiEnv);
      const stack = new GatewayStack(llm, runtimeApi, secretsDir);
      try {
        for (let i = 0; i < (options.replicas ?? 1); i += 1)
          await stack.replica(options.gatewayEnv);
      } catch (error) {
        await stack.tearDown();
        throw error;
      }
      return stack;
    } catch (error) {
      await runtimeApi?.tearDown();
      await llm.close();
      await rm(secretsDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** The first replica. */
  get gateway(): GatewayReplica {
    const [first] = this.replicas;
    if (!first) throw new Error('no gateway replica was started');
    return first;
  }

  /** Starts another gateway replica on the same Redis prefix, with `overrides`. */
  async replica(overrides: Record<string, string> = {}): Promise<GatewayReplica> {
    const adminPort = await freePort();
    const hash = (key: string) => createHash('sha256').update(key).digest('hex');
    const process = await AppProcess.start('gateway', {
      REDIS_URL: this.runtimeApi.env['REDIS_URL'] ?? '',
      REDIS_KEY_PREFIX: this.prefix,
      RUNTIME_API_URL: this.runtimeApi.api.url,
      RUNTIME_API_KEY: this.runtimeApi.apiKey,
      RUNTIME_STATE_KEY_PREFIX: this.runtimeApi.prefix,
      LLM_SECRETS_DIR: this.secretsDir,
      GATEWAY_API_KEYS: [
        `${hash(this.keys.run)}:run`,
        `${hash(this.keys.debug)}:run+debug`,
        `${hash(this.keys.admin)}:admin`,
      ].join(','),
      ADMIN_PORT: String(adminPort),
      ...overrides,
    });
    const replica = { process, url: process.url, adminUrl: `http://127.0.0.1:${adminPort}` };
    this.replicas.push(replica);
    await process.listening();
    return replica;
  }

  /** An agent whose LLM is the fake, stored through the admin API. */
  async createAgent(overrides: Partial<AgentDefinition> = {}): Promise<AgentDefinition> {
    const agent = {
      id: `agent-${randomUUID().slice(0, 8)}`,
      name: 'Test agent',
      version: '1.0',
      llm: {
        provider: 'openai-compatible',
        model: FAKE_MODEL,
        api_key_ref: LLM_KEY_REF,
        base_url: `${this.llm.baseUrl}`,
      },
      tools: [{ name: 'terminal' }],
      runtime_image: RUNTIME_IMAGE,
      resource_factor: 1,
      ...overrides,
    };
    const response = await this.call('POST', `${this.gateway.adminUrl}/agents`, {
      key: this.keys.admin,
      body: agent,
    });
    if (response.status !== 201) {
      throw new Error(`creating agent answered ${response.status}: ${await response.text()}`);
    }
    return (await response.json()) as AgentDefinition;
  }

  /** A new API key with `scopes`, created on the admin port (another caller than the stack's). */
  async createKey(scopes: GatewayScope[]): Promise<string> {
    const response = await this.call('POST', `${this.gateway.adminUrl}/keys`, {
      key: this.keys.admin,
      body: { name: `e2e-${randomUUID().slice(0, 8)}`, scopes },
    });
    if (response.status !== 201) {
      throw new Error(`creating a key answered ${response.status}: ${await response.text()}`);
    }
    return ((await response.json()) as ApiKeyCreated).key;
  }

  /** A request with `X-API-Key` (default: the run key) to a full URL or a path on the first replica. */
  call(method: string, urlOrPath: string, options: CallOptions = {}): Promise<Response> {
    const url = urlOrPath.startsWith('http') ? urlOrPath : `${this.gateway.url}${urlOrPath}`;
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key ?? this.keys.run;
    if (key) headers['x-api-key'] = key;
    let body: string | FormData | undefined;
    if (options.body instanceof FormData) body = options.body;
    else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    return fetch(url, { method, headers, body });
  }

  async tearDown(): Promise<void> {
    await Promise.all(this.replicas.map((replica) => replica.process.stop()));
    await this.runtimeApi.tearDown();
    await this.llm.close();
    await rm(this.secretsDir, { recursive: true, force: true });
    const keys = redisCli('--scan', '--pattern', `${this.prefix}:*`).split('\n').filter(Boolean);
    for (let i = 0; i < keys.length; i += 100) redisCli('DEL', ...keys.slice(i, i + 100));
  }
}
