import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentDefinition, Event } from '@agentrt/contracts';
import { FAKE_MODEL, GatewayStack } from '../gateway/gateway-stack';
import { RUNTIME_IMAGE } from '../runtime-api/runtime-api.harness';
import { agentrt, jsonLinesOf, jsonOf } from './cli-process';

/**
 * `agentrt agents ...` on the gateway's admin port and `agentrt run --agent` on its public port,
 * as a user runs them: the built CLI against a real gateway, runtime-api (local backend) and
 * agent servers, with a FAKE scripted LLM.
 */
describe('agentrt agents and run --agent (built CLI against the gateway)', () => {
  let stack: GatewayStack;
  let scratch: string;

  beforeAll(async () => {
    stack = await GatewayStack.start();
    scratch = await mkdtemp(join(tmpdir(), 'agentrt-cli-agents-'));
  }, 120_000);
  afterAll(async () => {
    await stack?.tearDown();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }, 60_000);
  beforeEach(() => stack.llm.newConversation());
  afterEach(() => expect(stack.llm.violations).toEqual([]));

  const adminEnv = () => ({
    AGENTRT_GATEWAY_ADMIN_URL: stack.gateway.adminUrl,
    AGENTRT_API_KEY: stack.keys.admin,
  });
  const runEnv = () => ({
    AGENTRT_GATEWAY_URL: stack.gateway.url,
    AGENTRT_API_KEY: stack.keys.run,
  });

  /** A definition file whose LLM is the fake (its key is a stored secret, `fake-llm`). */
  async function definitionFile(id: string, version: string, extra: object = {}): Promise<string> {
    const path = join(scratch, `${id}-${version}.json`);
    const definition = {
      id,
      name: `CLI agent ${id}`,
      version,
      llm: {
        provider: 'openai-compatible',
        model: FAKE_MODEL,
        api_key_ref: 'fake-llm',
        base_url: stack.llm.baseUrl,
      },
      tools: [{ name: 'terminal' }],
      runtime_image: RUNTIME_IMAGE,
      ...extra,
    };
    await writeFile(path, JSON.stringify(definition));
    return path;
  }

  it('creates, lists, shows, updates and deletes agents', async () => {
    const id = `cli-${randomUUID().slice(0, 8)}`;
    const created = await agentrt(
      ['agents', 'create', '--file', await definitionFile(id, '1.0')],
      adminEnv(),
    );
    expect(created).toMatchObject({ code: 0, stdout: `created agent ${id} version 1.0\n` });

    const again = await agentrt(
      ['agents', 'create', '--file', await definitionFile(id, '1.0')],
      adminEnv(),
    );
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('HTTP 409');

    const listed = await agentrt(['agents', 'list'], adminEnv());
    expect(listed.stdout).toMatch(
      new RegExp(`^${id}\\s+1\\.0\\s+CLI agent ${id}\\s+openai-compatible/${FAKE_MODEL}`, 'm'),
    );

    const updated = await agentrt(
      [
        'agents',
        'update',
        id,
        '--file',
        await definitionFile(id, '1.1', { system_prompt: 'Be brief.' }),
      ],
      adminEnv(),
    );
    expect(updated).toMatchObject({ code: 0, stdout: `saved agent ${id} version 1.1\n` });
    const latest = jsonOf<AgentDefinition>(
      await agentrt(['agents', 'get', id, '--json'], adminEnv()),
    );
    expect(latest).toMatchObject({ id, version: '1.1', system_prompt: 'Be brief.' });
    const first = await agentrt(['agents', 'get', id, '--version', '1.0'], adminEnv());
    expect(first.stdout).toContain('version:         1.0');

    const removed = await agentrt(
      ['agents', 'delete', id, '--version', '1.1', '--json'],
      adminEnv(),
    );
    expect(jsonOf(removed)).toEqual({ id, version: '1.1', deleted: true });
    expect((await agentrt(['agents', 'get', id, '--version', '1.1'], adminEnv())).code).toBe(4);
    expect((await agentrt(['agents', 'delete', id], adminEnv())).code).toBe(0);
    expect((await agentrt(['agents', 'get', id], adminEnv())).code).toBe(4);
  }, 60_000);

  it('checks a definition file before sending it (exit 2), and exits 5 without the admin scope', async () => {
    const bad = join(scratch, 'bad.json');
    await writeFile(bad, JSON.stringify({ id: 'Not Valid', version: 'x' }));
    const refused = await agentrt(['agents', 'create', '--file', bad], adminEnv());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not a valid agent definition');
    expect(refused.stderr).toContain('- id: agent id must be');
    expect(refused.stderr).toContain('- runtime_image:');

    const notAdmin = await agentrt(['agents', 'list'], {
      ...adminEnv(),
      AGENTRT_API_KEY: stack.keys.run,
    });
    expect(notAdmin.code).toBe(5);
    expect(notAdmin.stderr).not.toContain(stack.keys.run);
  });

  it('runs an agent, streaming its events readably until the run succeeds', async () => {
    const agent = await stack.createAgent();
    stack.llm.enqueue(
      { toolCalls: [{ name: 'terminal', arguments: { command: 'echo sum=$((40+2))' } }] },
      { toolCalls: [{ name: 'finish', arguments: { message: 'The sum is 42.' } }] },
    );
    const run = await agentrt(['run', 'Add 40 and 2', '--agent', agent.id], runEnv(), {
      timeoutMs: 90_000,
    });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('$ echo sum=$((40+2))');
    expect(lines).toContain('  sum=42');
    expect(lines).toContain('finish: The sum is 42.');
    expect(run.stderr).toMatch(new RegExp(`run \\S+: agent ${agent.id}@1\\.0`));
    expect(run.stderr).toMatch(/run \S+ succeeded/);
  }, 90_000);

  it('streams JSON lines with --json and exits 1 when the run fails', async () => {
    const agent = await stack.createAgent();
    stack.llm.enqueue({ httpError: 400, message: 'model refuses' });
    const run = await agentrt(['run', 'Do it', '--agent', agent.id, '--json'], runEnv(), {
      timeoutMs: 90_000,
    });
    expect(run.code).toBe(1);
    const items = jsonLinesOf<Event | { kind: 'AgentRun'; status: string }>(run);
    expect(items.some((item) => item.kind === 'ConversationErrorEvent')).toBe(true);
    expect(items.filter((item) => item.kind === 'AgentRun').at(-1)).toMatchObject({
      status: 'failed',
    });
    expect(run.stderr).toMatch(/agentrt: run \S+ failed: /);
  }, 90_000);

  it('exits 4 for an unknown agent', async () => {
    const run = await agentrt(['run', 'Hello', '--agent', 'no-such-agent'], runEnv());
    expect(run.code).toBe(4);
  });
});
