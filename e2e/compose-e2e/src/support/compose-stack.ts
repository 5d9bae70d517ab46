import { createHash, randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@agentrt/testing';
import { composeCommand, distinctPorts, type StackPorts } from './compose-plan';
import { containersLabelled, imagesMatching, inspect, volumesLabelled } from './docker-objects';
import { COMPOSE_E2E } from './e2e-env';
import { runTool, runToolOk } from './run-tool';

export const SERVICES = ['redis', 'registry', 'runtime-api', 'build-service', 'gateway'] as const;
export type Service = (typeof SERVICES)[number];

/**
 * docker-compose.yml brought up as a project of its own (unique name, runtime owner and loopback
 * ports, its own env file), the way a user runs it, with one warm runtime pooled so that a plain
 * start is a warm claim. What the platform starts outside the project (runtimes, built images)
 * carries the owner label or the registry prefix, so `down()` finds and removes it.
 */
export class ComposeStack {
  readonly owner: string;
  private readonly envFile: string;
  private composeUp = true;

  private constructor(
    readonly project: string,
    readonly apiKey: string,
    readonly ports: StackPorts,
    private readonly dir: string,
    private readonly compose: readonly string[],
  ) {
    this.owner = project;
    this.envFile = join(dir, 'compose.env');
  }

  /** Up and healthy; on failure the logs are in the error and everything is removed again. */
  static async up(): Promise<ComposeStack> {
    await requireLocalImages();
    const project = `agentrt-smoke-${randomBytes(4).toString('hex')}`;
    const dir = await mkdtemp(join(tmpdir(), 'agentrt-compose-e2e-'));
    const apiKey = randomBytes(24).toString('hex');
    const stack = new ComposeStack(
      project,
      apiKey,
      await distinctPorts(),
      dir,
      await composeCommand(),
    );
    try {
      await stack.writeEnvFile();
      await stack.cli(['up', '-d'], 180_000);
      await stack.waitHealthy();
      return stack;
    } catch (error) {
      const logs = await stack.logs();
      await stack.down();
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${reason}\n--- compose logs (last lines) ---\n${logs}`);
    }
  }

  url(port: keyof StackPorts): string {
    return `http://127.0.0.1:${this.ports[port]}`;
  }

  /** Where builds push (runtime-api's REGISTRY_PREFIX in docker-compose.yml). */
  get registryPrefix(): string {
    return `127.0.0.1:${this.ports.registry}/agentrt`;
  }

  /** The container of a service. */
  async container(service: Service): Promise<string> {
    const id = (await this.cli(['ps', '-q', service])).trim();
    if (!id) throw new Error(`${service} has no container in ${this.project}`);
    return id;
  }

  /** The last log lines of every service (for failure messages). */
  async logs(): Promise<string> {
    const [file = 'docker-compose', ...args] = [...this.compose, ...this.fileArgs()];
    const run = await runTool(file, [...args, 'logs', '--no-color', '--tail', '40']);
    return run.stdout + run.stderr;
  }

  /** `docker-compose down -v`: the project's containers, network and volumes (once). */
  async composeDown(): Promise<void> {
    if (!this.composeUp) return;
    await this.cli(['down', '-v', '--remove-orphans', '--timeout', '20'], 120_000);
    this.composeUp = false;
  }

  /** Everything: the project, then what it left on the engine, then the env file. */
  async down(): Promise<void> {
    const steps = [
      () => this.composeDown(),
      () => this.removeRuntimes(),
      () => this.removeBuiltImages(),
      () => rm(this.dir, { recursive: true, force: true }),
    ];
    const failures: unknown[] = [];
    for (const step of steps) await step().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
  }

  /** Runtimes (containers, workspace volumes) runtime-api started for this stack's owner. */
  async removeRuntimes(): Promise<void> {
    const label = `org.agentrt.owner=${this.owner}`;
    const containers = await containersLabelled(label);
    if (containers.length > 0) await runToolOk('docker', ['rm', '-fv', ...containers]);
    const volumes = await volumesLabelled(label);
    if (volumes.length > 0) await runToolOk('docker', ['volume', 'rm', '-f', ...volumes]);
  }

  private async removeBuiltImages(): Promise<void> {
    const images = await imagesMatching(`${this.registryPrefix}/*`);
    if (images.length > 0) await runToolOk('docker', ['rmi', '-f', ...images]);
  }

  private async waitHealthy(): Promise<void> {
    await waitFor(
      async () => {
        const states = await Promise.all(
          SERVICES.map(async (s) => `${s}: ${await this.health(s)}`),
        );
        const waiting = states.filter((state) => !state.endsWith('/healthy'));
        // Thrown, so that a timeout names the services that never became healthy.
        if (waiting.length > 0) throw new Error(`not healthy yet: ${waiting.join(', ')}`);
        return true;
      },
      { timeoutMs: 150_000, intervalMs: 1000, description: 'every compose service healthy' },
    );
  }

  private async health(service: Service): Promise<string> {
    const id = (await this.cli(['ps', '-q', service])).trim();
    return id ? inspect(id, '{{.State.Status}}/{{.State.Health.Status}}') : 'no container';
  }

  private async writeEnvFile(): Promise<void> {
    const llmSecrets = join(this.dir, 'llm');
    await mkdir(llmSecrets);
    const values: Record<string, string> = {
      AGENTRT_API_KEY: this.apiKey,
      AGENTRT_API_KEY_SHA256: createHash('sha256').update(this.apiKey).digest('hex'),
      DOCKER_GID: String(statSync(COMPOSE_E2E.dockerSocket).gid),
      AGENTRT_TAG: COMPOSE_E2E.appTag,
      REDIS_IMAGE: COMPOSE_E2E.redisImage,
      REGISTRY_IMAGE: COMPOSE_E2E.registryImage,
      GATEWAY_PORT: String(this.ports.gateway),
      GATEWAY_PUBLIC_URL: this.url('gateway'),
      GATEWAY_ADMIN_PORT: String(this.ports.admin),
      RUNTIME_API_PORT: String(this.ports.runtimeApi),
      BUILD_SERVICE_PORT: String(this.ports.buildService),
      REDIS_PORT: String(this.ports.redis),
      REGISTRY_PORT: String(this.ports.registry),
      RUNTIME_OWNER: this.owner,
      WARM_POOLS: JSON.stringify([
        { image: COMPOSE_E2E.runtimeImage, resource_factor: 1, size: 1 },
      ]),
      LLM_SECRETS_PATH: llmSecrets,
    };
    const lines = Object.entries(values).map(([key, value]) => `${key}=${value}`);
    await writeFile(this.envFile, `${lines.join('\n')}\n`, { mode: 0o600 });
  }

  /** The options every call shares; `--env-file` keeps a developer's own .env out. */
  private fileArgs(): string[] {
    const file = join(COMPOSE_E2E.workspaceRoot, 'docker-compose.yml');
    return ['--env-file', this.envFile, '-p', this.project, '-f', file];
  }

  private cli(args: readonly string[], timeoutMs?: number): Promise<string> {
    const [file = 'docker-compose', ...rest] = [...this.compose, ...this.fileArgs(), ...args];
    return runToolOk(file, rest, timeoutMs);
  }
}

/**
 * Every image the stack and the test use is in the engine already: compose would otherwise try
 * to pull it (nothing can be pulled here, and the test talks to nothing beyond this machine).
 */
async function requireLocalImages(): Promise<void> {
  const { appTag, redisImage, registryImage, runtimeImage, baseImage } = COMPOSE_E2E;
  const apps = ['runtime-api', 'build-service', 'gateway'].map((app) => `agentrt/${app}:${appTag}`);
  const images = [...apps, redisImage, registryImage, runtimeImage, baseImage];
  const missing: string[] = [];
  for (const image of images) {
    if ((await runTool('docker', ['image', 'inspect', image])).code !== 0) missing.push(image);
  }
  if (missing.length > 0) {
    throw new Error(
      `missing images: ${missing.join(', ')} (run scripts/dev-env.sh, then scripts/build-images --stand-ins)`,
    );
  }
}
