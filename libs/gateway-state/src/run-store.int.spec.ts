import { testRedis } from './gateway-state.testing';
import type { RunRecord } from './run-record';
import { runView } from './run-record';
import { MAX_SAVED_EVENTS, RunStore } from './run-store';

const run = (id: string, overrides: Partial<RunRecord> = {}): RunRecord => ({
  run_id: id,
  agent_id: 'support-bot',
  agent_version: '1',
  status: 'running',
  created_at: new Date(
    Date.parse('2026-01-01T00:00:00Z') + Number(id.slice(4)) * 1000,
  ).toISOString(),
  owner: 'key-a',
  kind: 'run',
  release: 'stop',
  timeout_seconds: 60,
  ...overrides,
});

describe('RunStore (real Redis)', () => {
  let env: ReturnType<typeof testRedis>;
  let store: RunStore;

  beforeEach(() => {
    env = testRedis();
    store = new RunStore(env.redis, { retentionSeconds: 600 });
  });
  afterEach(() => env.cleanup());

  it('reads back what it stored and patches unfinished runs', async () => {
    await store.create(run('run-1'));
    const patched = await store.patch('run-1', { status: 'succeeded', output: 'done' });
    expect(patched).toMatchObject({ status: 'succeeded', output: 'done', owner: 'key-a' });
    expect(await store.get('run-1')).toEqual(patched);
    expect(await store.patch('run-unknown', { status: 'failed' })).toBeUndefined();
  });

  it('keeps the first end: a late success does not overwrite a cancel (and the other way round)', async () => {
    await store.create(run('run-1'));
    await store.patch('run-1', { status: 'cancelled' });
    expect(await store.patch('run-1', { status: 'succeeded', output: 'late' })).toMatchObject({
      status: 'cancelled',
    });
    expect((await store.get('run-1'))?.output).toBeUndefined();
    expect(await store.patch('run-1', { release: 'keep' }, true)).toMatchObject({
      release: 'keep',
    });
    expect(await store.isFinished('run-1')).toBe(true);
  });

  it('lists an owner’s runs of one kind, newest first, paged, forgetting expired ones', async () => {
    for (let i = 1; i <= 5; i += 1) await store.create(run(`run-${i}`));
    await store.create(run('run-6', { kind: 'debug' }));
    await store.create(run('run-7', { owner: 'key-b' }));
    await env.redis.del('runs:run-2');
    const page = await store.list('key-a', { kind: 'run', offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.runs.map((r) => r.run_id)).toEqual(['run-4', 'run-3']);
  });

  it('shows the public view without owner, session key or flags', () => {
    const view = runView(
      run('run-1', {
        runtime: { runtime_id: 'rt1', url: 'http://x/rt1', session_api_key: 'secret' },
        cancel_requested: true,
      }),
    );
    expect(view).toEqual({
      run_id: 'run-1',
      agent_id: 'support-bot',
      agent_version: '1',
      status: 'running',
      created_at: expect.any(String) as unknown,
      runtime_id: 'rt1',
    });
    expect(JSON.stringify(view)).not.toContain('secret');
  });

  it('keeps the newest events of an ended run, oldest first', async () => {
    expect(await store.savedEvents('run-1')).toBeUndefined();
    const events = Array.from({ length: MAX_SAVED_EVENTS + 5 }, (_, i) => ({ n: i }));
    await store.saveEvents('run-1', events);
    const saved = await store.savedEvents('run-1');
    expect(saved).toHaveLength(MAX_SAVED_EVENTS);
    expect(saved?.[0]).toEqual({ n: 5 });
  });

  it('fails a running run whose replica stopped beating, and leaves a beating one alone', async () => {
    const old = new Date(Date.now() - 60_000).toISOString();
    await store.create(run('run-1', { created_at: old, heartbeat_at: old }));
    await store.create(run('run-2', { created_at: old, heartbeat_at: new Date().toISOString() }));
    expect(await store.getLive('run-1', 30_000)).toMatchObject({
      status: 'failed',
      error: 'the gateway replica carrying out this run stopped answering',
    });
    expect(await store.getLive('run-2', 30_000)).toMatchObject({ status: 'running' });
    expect(await store.getLive('run-unknown', 30_000)).toBeUndefined();
  });
});
