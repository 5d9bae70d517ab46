import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BASH_OUTPUT_CHUNK_BYTES,
  type BashOutput,
  StartBashCommandRequestSchema,
} from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { AgentServerConfigSchema } from '../config/agent-server.config';
import { RuntimeEnvironment } from '../environment/runtime-environment';
import { ActivityTracker } from '../health/activity-tracker';
import { BashEventStore } from './bash-event-store';
import { BashService } from './bash.service';
import { groupRunning } from './process-group';

/** Real `bash` processes in a throwaway workspace. */
describe('BashService (real processes)', () => {
  let workspace: string;
  let store: BashEventStore;
  let activity: ActivityTracker;
  let bash: BashService;

  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'agentrt-bash-int-'));
    const config = AgentServerConfigSchema.parse({
      WORKSPACE_DIR: workspace,
      SESSION_API_KEY: 'never-seen-by-commands',
      PATH: '/usr/local/bin:/usr/bin:/bin',
      GREETING: 'hello from the runtime',
    });
    const clock = () => Date.now();
    store = new BashEventStore(config);
    activity = new ActivityTracker(clock);
    bash = new BashService(config, clock, new RuntimeEnvironment(config), activity, store);
  });

  afterEach(async () => {
    await bash.beforeApplicationShutdown();
    await rm(workspace, { recursive: true, force: true });
  });

  const request = (command: string, fields: Record<string, unknown> = {}) =>
    StartBashCommandRequestSchema.parse({ command, ...fields });
  const outputsOf = (commandId: string) =>
    store.outputsOf(commandId).map(({ order, exit_code }) => ({ order, exit_code }));

  it('answers the exit code, stdout and stderr of a command', async () => {
    const result = await bash.execute(request('echo out; echo err >&2; exit 3'));
    expect(result).toMatchObject({ exit_code: 3, stdout: 'out\n', stderr: 'err\n' });
  });

  it('runs in the workspace by default, or in cwd relative to it', async () => {
    await mkdir(join(workspace, 'sub'));
    expect((await bash.execute(request('pwd'))).stdout).toBe(`${workspace}\n`);
    expect((await bash.execute(request('pwd', { cwd: 'sub' }))).stdout).toBe(`${workspace}/sub\n`);
  });

  it('refuses a cwd that does not exist, before running anything', async () => {
    const error: unknown = await bash
      .start(request('true', { cwd: '/no/such/dir' }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(ApiException);
    expect((error as ApiException).getStatus()).toBe(400);
    expect(store.history()).toEqual([]);
  });

  it('gives commands the runtime environment without the server credentials', async () => {
    const result = await bash.execute(request('echo "$GREETING|${SESSION_API_KEY:-unset}"'));
    expect(result.stdout).toBe('hello from the runtime|unset\n');
  });

  it('answers start at once, then publishes output while the command runs', async () => {
    const command = await bash.start(request('echo first; sleep 1; echo second'));
    expect(outputsOf(command.id)).toEqual([]);
    expect(activity.idleSeconds()).toBe(0);
    await waitUntil(() => store.outputsOf(command.id).length > 0);
    const [first] = store.outputsOf(command.id);
    expect(first).toMatchObject({ order: 0, exit_code: null, stdout: 'first\n' });
    await waitUntil(() => store.outputsOf(command.id).some((output) => output.exit_code !== null));
    expect(outputsOf(command.id)).toEqual([
      { order: 0, exit_code: null },
      { order: 1, exit_code: 0 },
    ]);
  });

  it('kills the whole process group at the timeout and reports -1', async () => {
    const started = Date.now();
    const result = await bash.execute(
      request('echo $$; sleep 300 & sleep 300; wait', { timeout: 1 }),
    );
    expect(result.exit_code).toBe(-1);
    expect(Date.now() - started).toBeLessThan(1_900); // the grace is not needed: TERM works
    expect(await groupRunning(Number(result.stdout))).toBe(false);
  });

  it('kills with SIGKILL what ignores SIGTERM, after the grace', async () => {
    const result = await bash.execute(
      request("trap '' TERM; echo $$; sleep 300 & wait", { timeout: 1 }),
    );
    expect(result.exit_code).toBe(-1);
    expect(await groupRunning(Number(result.stdout))).toBe(false);
  });

  it('splits large output into chunks of at most 1 MiB and answers all of it', async () => {
    const size = 3 * BASH_OUTPUT_CHUNK_BYTES + 123;
    const result = await bash.execute(request(`head -c ${size} /dev/zero | tr '\\0' a`));
    const chunks = store.outputsOf(result.command_id);
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    for (const chunk of chunks) {
      expect(Buffer.byteLength(chunk.stdout ?? '')).toBeLessThanOrEqual(BASH_OUTPUT_CHUNK_BYTES);
    }
    expect(chunks.map((chunk) => chunk.order)).toEqual(chunks.map((_, index) => index));
    expect(result.stdout).toBe('a'.repeat(size));
  });

  it('finishes when the shell exits even if a background job keeps its output open', async () => {
    const result = await bash.execute(request('sleep 30 & echo $$', { timeout: 20 }));
    const group = Number(result.stdout);
    try {
      expect(result.exit_code).toBe(0);
    } finally {
      process.kill(-group, 'SIGKILL');
    }
  });

  it('kills running commands on shutdown', async () => {
    const command = await bash.start(request('echo $$; sleep 300'));
    await waitUntil(() => store.outputsOf(command.id).length > 0);
    const group = Number(store.outputsOf(command.id)[0]?.stdout);
    await bash.beforeApplicationShutdown();
    const last = store.outputsOf(command.id).at(-1) as BashOutput;
    expect(last.exit_code).toBe(-1);
    expect(await groupRunning(group)).toBe(false);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
