import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BASH_OUTPUT_CHUNK_BYTES,
  BASH_TIMEOUT_EXIT_CODE,
  BashCommandSchema,
  BashEventPageSchema,
  BashEventSchema,
  type BashOutput,
  BashOutputSchema,
  ErrorBodySchema,
} from '@agentrt/contracts';
import { AppProcess } from '../support/app-process';
import { waitFor } from '@agentrt/testing';

const API_KEY = `bash-e2e-${randomUUID()}`;

describe('agent-server: /api/bash over HTTP', () => {
  let workspace: string;
  let server: AppProcess;

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'agentrt-bash-e2e-'));
    await mkdir(join(workspace, 'sub'));
    server = await (
      await AppProcess.start('agent-server', {
        WORKSPACE_DIR: workspace,
        SESSION_API_KEY: API_KEY,
        GREETING: 'hello from the runtime',
      })
    ).listening();
  });

  afterAll(async () => {
    await server?.stop();
    await rm(workspace, { recursive: true, force: true });
  });

  const call = (path: string, init: RequestInit = {}, key = API_KEY) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(key ? { 'X-Session-API-Key': key } : {}) },
    });
  const post = (route: string, body: unknown, key = API_KEY) =>
    call(`/api/bash/${route}`, { method: 'POST', body: JSON.stringify(body) }, key);
  const execute = async (body: Record<string, unknown>): Promise<BashOutput> => {
    const response = await post('execute_bash_command', body);
    expect(response.status).toBe(200);
    return BashOutputSchema.parse(await response.json());
  };
  const search = async (query: Record<string, string | number>) => {
    const params = new URLSearchParams(
      Object.entries(query).map(([name, value]): [string, string] => [name, String(value)]),
    );
    const response = await call(`/api/bash/bash_events/search?${params}`);
    expect(response.status).toBe(200);
    return BashEventPageSchema.parse(await response.json());
  };

  /** What the Python SDK's RemoteWorkspace does: poll outputs by command id and `order__gt`. */
  async function pollOutputs(commandId: string): Promise<BashOutput[]> {
    const outputs: BashOutput[] = [];
    await waitFor(
      async () => {
        const after = outputs.at(-1)?.order ?? -1;
        const page = await search({
          kind__eq: 'BashOutput',
          command_id__eq: commandId,
          order__gt: after,
          sort_order: 'TIMESTAMP',
        });
        outputs.push(...page.items.map((event) => BashOutputSchema.parse(event)));
        return outputs.some((output) => output.exit_code !== null);
      },
      { timeoutMs: 20_000, description: `the final output of ${commandId}` },
    );
    return outputs;
  }

  it('refuses every bash route without the session key', async () => {
    expect((await post('execute_bash_command', { command: 'true' }, '')).status).toBe(401);
    expect((await post('start_bash_command', { command: 'true' }, 'wrong')).status).toBe(401);
    expect((await call('/api/bash/bash_events/search', {}, '')).status).toBe(401);
  });

  it('executes a command and answers its output and exit code', async () => {
    await expect(execute({ command: 'echo hello' })).resolves.toMatchObject({
      kind: 'BashOutput',
      exit_code: 0,
      stdout: 'hello\n',
      stderr: null,
    });
    await expect(execute({ command: 'echo oops >&2; exit 7' })).resolves.toMatchObject({
      exit_code: 7,
      stdout: null,
      stderr: 'oops\n',
    });
  });

  it('runs with the runtime environment, minus the session key', async () => {
    const output = await execute({ command: 'echo "$GREETING|${SESSION_API_KEY:-unset}"' });
    expect(output.stdout).toBe('hello from the runtime|unset\n');
  });

  it('runs in the workspace, or the cwd given, and refuses a cwd that does not exist', async () => {
    expect((await execute({ command: 'pwd' })).stdout).toBe(`${workspace}\n`);
    expect((await execute({ command: 'pwd', cwd: 'sub' })).stdout).toBe(`${workspace}/sub\n`);
    expect((await execute({ command: 'pwd', cwd: `${workspace}/sub` })).stdout).toBe(
      `${workspace}/sub\n`,
    );
    const missing = await post('execute_bash_command', { command: 'pwd', cwd: '/no/such/dir' });
    expect(missing.status).toBe(400);
    expect(ErrorBodySchema.parse(await missing.json()).detail).toContain('/no/such/dir');
  });

  it('refuses an empty command with a validation error naming it', async () => {
    const response = await post('start_bash_command', { command: '' });
    expect(response.status).toBe(400);
    expect(ErrorBodySchema.parse(await response.json()).errors?.[0]?.path).toBe('command');
  });

  it('starts a command at once; its output shows up by command id and order', async () => {
    const started = Date.now();
    const response = await post('start_bash_command', {
      command: 'echo one; sleep 1; echo two >&2; exit 3',
      timeout: 30,
    });
    expect(response.status).toBe(200);
    const command = BashCommandSchema.parse(await response.json());
    expect(Date.now() - started).toBeLessThan(900);
    expect(command).toMatchObject({ cwd: workspace, timeout: 30 });

    const outputs = await pollOutputs(command.id);
    expect(outputs.map((output) => output.order)).toEqual(outputs.map((_, index) => index));
    expect(outputs.at(-1)?.exit_code).toBe(3);
    expect(outputs.slice(0, -1).every((output) => output.exit_code === null)).toBe(true);
    expect(joined(outputs, 'stdout')).toBe('one\n');
    expect(joined(outputs, 'stderr')).toBe('two\n');

    const byId = await call(`/api/bash/bash_events/${command.id}`);
    expect(BashEventSchema.parse(await byId.json())).toEqual(command);
    expect((await call(`/api/bash/bash_events/${randomUUID()}`)).status).toBe(404);
  });

  it('kills the whole process tree at the timeout and reports -1', async () => {
    const output = await execute({ command: 'echo $$; sleep 300 & sleep 300; wait', timeout: 1 });
    expect(output.exit_code).toBe(BASH_TIMEOUT_EXIT_CODE);
    const group = Number(output.stdout);
    expect(group).toBeGreaterThan(1);
    expect(await runningMembersOf(group)).toEqual([]);
  });

  it('streams large output in chunks of at most 1 MiB, in order and complete', async () => {
    const size = 3 * BASH_OUTPUT_CHUNK_BYTES + 4321;
    const script = `head -c ${size} /dev/zero | tr '\\0' x`;
    const response = await post('start_bash_command', { command: script });
    const command = BashCommandSchema.parse(await response.json());
    const outputs = await pollOutputs(command.id);
    expect(outputs.length).toBeGreaterThanOrEqual(4);
    for (const output of outputs) {
      expect(Buffer.byteLength(output.stdout ?? '')).toBeLessThanOrEqual(BASH_OUTPUT_CHUNK_BYTES);
    }
    expect(outputs.map((output) => output.order)).toEqual(outputs.map((_, index) => index));
    expect(joined(outputs, 'stdout')).toBe('x'.repeat(size));

    // A blocking client gets the same text in one answer.
    const executed = await execute({ command: script });
    expect(executed.exit_code).toBe(0);
    expect(executed.stdout).toBe('x'.repeat(size));
  });

  it('pages the newest events first when asked, as the SDK reads the last output', async () => {
    const last = await execute({ command: 'echo latest' });
    const page = await search({ kind__eq: 'BashOutput', sort_order: 'TIMESTAMP_DESC', limit: 1 });
    expect(page.items).toEqual([last]); // one chunk: the answer is exactly the stored output
    expect(page.next_page_id).not.toBeNull();
  });
});

function joined(outputs: readonly BashOutput[], stream: 'stdout' | 'stderr'): string {
  return outputs.map((output) => output[stream] ?? '').join('');
}

/** Processes of a group that still run (zombies waiting for init to reap them do not). */
async function runningMembersOf(group: number): Promise<string[]> {
  const running: string[] = [];
  for (const pid of (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry))) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === group && state !== 'Z') running.push(stat);
  }
  return running;
}

describe('agent-server: bash commands when the server stops', () => {
  it('ends running commands, answers an open execute, then exits cleanly', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'agentrt-bash-stop-e2e-'));
    const server = await (
      await AppProcess.start('agent-server', { WORKSPACE_DIR: workspace })
    ).listening();
    try {
      const executing = fetch(`${server.url}/api/bash/execute_bash_command`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ command: 'echo $$; sleep 300' }),
      });
      const group = await waitFor(
        async () => {
          const response = await fetch(
            `${server.url}/api/bash/bash_events/search?kind__eq=BashOutput`,
          );
          const page = BashEventPageSchema.parse(await response.json());
          const first = page.items[0];
          return first?.kind === 'BashOutput' ? Number(first.stdout) : undefined;
        },
        { description: 'the running command to print its process group' },
      );

      expect(await server.stop()).toEqual({ code: 0, signal: null });
      const answer = await executing;
      expect(answer.status).toBe(200);
      expect(BashOutputSchema.parse(await answer.json()).exit_code).toBe(BASH_TIMEOUT_EXIT_CODE);
      expect(await runningMembersOf(group)).toEqual([]);
    } finally {
      await server.stop();
      await rm(workspace, { recursive: true, force: true });
    }
  });
});
