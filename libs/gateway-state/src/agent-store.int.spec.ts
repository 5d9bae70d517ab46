import type { AgentDefinition } from '@agentrt/contracts';
import { AgentStore, compareVersions } from './agent-store';
import { testRedis } from './gateway-state.testing';

const agent = (version: string, name = 'Support bot'): AgentDefinition => ({
  id: 'support-bot',
  name,
  version,
  llm: { provider: 'openai', model: 'gpt-4o-mini', api_key_ref: 'openai-prod' },
  tools: [{ name: 'terminal' }],
  runtime_image: 'localhost:5000/agentrt/agent-server:1',
  resource_factor: 1,
});

describe('AgentStore (real Redis)', () => {
  let env: ReturnType<typeof testRedis>;
  let store: AgentStore;

  beforeEach(() => {
    env = testRedis();
    store = new AgentStore(env.redis);
  });
  afterEach(() => env.cleanup());

  it('stores versions, answers the latest by number, and lists the latest of each agent', async () => {
    for (const version of ['1.2', '1.10', '1.9']) {
      expect(await store.create(agent(version))).toEqual({ kind: 'created' });
    }
    await store.create({ ...agent('3'), id: 'alpha' });
    expect((await store.get('support-bot'))?.version).toBe('1.10');
    expect((await store.get('support-bot', '1.2'))?.version).toBe('1.2');
    expect((await store.versions('support-bot')).map((a) => a.version)).toEqual([
      '1.2',
      '1.9',
      '1.10',
    ]);
    expect((await store.list()).map((a) => `${a.id}@${a.version}`)).toEqual([
      'alpha@3',
      'support-bot@1.10',
    ]);
    expect(await store.get('support-bot', '7')).toBeUndefined();
    expect(await store.get('nobody')).toBeUndefined();
  });

  it('never overwrites on create, but does on put', async () => {
    await store.create(agent('1', 'first'));
    expect(await store.create(agent('1', 'second'))).toEqual({ kind: 'exists' });
    expect((await store.get('support-bot', '1'))?.name).toBe('first');
    expect(await store.put(agent('1', 'third'))).toBe(false);
    expect((await store.get('support-bot', '1'))?.name).toBe('third');
  });

  it('lets only one of many racing creates of the same version win', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.create(agent('2', `racer-${i}`))),
    );
    expect(outcomes.filter((o) => o.kind === 'created')).toHaveLength(1);
  });

  it('deletes a version, then the agent, and reports whether anything was there', async () => {
    await store.create(agent('1'));
    await store.create(agent('2'));
    expect(await store.delete('support-bot', '2')).toBe(true);
    expect((await store.get('support-bot'))?.version).toBe('1');
    expect(await store.delete('support-bot')).toBe(true);
    expect(await store.list()).toEqual([]);
    expect(await store.delete('support-bot')).toBe(false);
  });
});

describe('compareVersions', () => {
  it('orders numerically, part by part', () => {
    expect(['2', '1.10', '1.2', '1', '1.2.1'].sort(compareVersions)).toEqual([
      '1',
      '1.2',
      '1.2.1',
      '1.10',
      '2',
    ]);
  });
});
