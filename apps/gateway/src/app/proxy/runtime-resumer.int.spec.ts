import { randomUUID } from 'node:crypto';
import { RuntimeApiClient } from '@agentrt/client';
import { closeRedisClient, createRedisClient } from '@agentrt/redis';
import { runtimeRecordFixture } from '@agentrt/runtime-state/testing';
import { waitFor } from '@agentrt/testing';
import { proxyTargetOf, type RuntimeRecord, RuntimeStore } from '@agentrt/runtime-state';
import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { RuntimeResumer } from './runtime-resumer';
import { FakeRuntimeApi } from './testing/fake-runtime-api';

const AGENT_PORT = 8000;
const API_KEY = 'gateway-key-for-runtime-api';
const ID = 'abcdefabcdefabcdef01';
const RUNNING_URL = 'http://127.0.0.1:40001';

/** Real Redis and runtime-api's real record store; runtime-api itself is a strict HTTP fake. */
describe('RuntimeResumer (resume on traffic)', () => {
  let redis: Redis;
  let store: RuntimeStore;
  let runtimeApi: FakeRuntimeApi;
  const prefix = `gw-resumer-${randomUUID().slice(0, 8)}`;

  const setStatus = (status: RuntimeRecord['status']) =>
    store.update(ID, (current) => ({ ...current, status }));
  const resumer = (timeoutMs = 5_000) =>
    new RuntimeResumer(
      {
        lookup: async (id) => proxyTargetOf(await store.get(id), AGENT_PORT),
        resume: (id) =>
          new RuntimeApiClient({ baseUrl: runtimeApi.url, apiKey: API_KEY }).resume(id),
      },
      { timeoutMs, pollMs: 20 },
    );
  const paused = { state: 'paused', sessionApiKey: 'k' } as const;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(async () => {
    redis = createRedisClient({
      url: 'redis://127.0.0.1:6379',
      keyPrefix: prefix,
      connectionName: 'test',
    });
    store = new RuntimeStore(redis);
    runtimeApi = await FakeRuntimeApi.start();
    // Like runtime-api: /resume answers once the record says running.
    runtimeApi.onResume = async () => {
      await setStatus('running');
      return 200;
    };
    await store.create(pausedRecord());
  });

  afterEach(async () => {
    await runtimeApi.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys.map((key) => key.slice(prefix.length + 1)));
    await closeRedisClient(redis);
    expect(runtimeApi.unexpected).toEqual([]);
  });

  it('calls POST /resume with its key and answers once the record is running', async () => {
    const target = await resumer().awaitRunning(ID, paused);
    expect(target).toEqual({
      state: 'running',
      baseUrl: RUNNING_URL,
      sessionApiKey: 'k',
      ports: {},
    });
    expect(runtimeApi.resumes).toEqual([{ runtimeId: ID, apiKey: API_KEY }]);
  });

  it('shares one resume between concurrent requests', async () => {
    const shared = resumer();
    const targets = await Promise.all(
      Array.from({ length: 5 }, () => shared.awaitRunning(ID, paused)),
    );
    expect(targets.map((target) => target?.state)).toEqual(Array(5).fill('running'));
    expect(runtimeApi.resumes).toHaveLength(1);
  });

  it('resumes again on a later pause (nothing stays in flight)', async () => {
    const shared = resumer();
    await shared.awaitRunning(ID, paused);
    await setStatus('paused');
    expect((await shared.awaitRunning(ID, paused))?.state).toBe('running');
    expect(runtimeApi.resumes).toHaveLength(2);
  });

  it('only waits for a starting runtime (no resume call)', async () => {
    await setStatus('starting');
    const waiting = resumer().awaitRunning(ID, { state: 'starting', sessionApiKey: 'k' });
    await setStatus('running');
    expect((await waiting)?.state).toBe('running');
    expect(runtimeApi.resumes).toEqual([]);
  });

  it('stops waiting at once when runtime-api refuses the resume (4xx)', async () => {
    runtimeApi.onResume = () => Promise.resolve(409);
    const started = Date.now();
    expect(await resumer(10_000).awaitRunning(ID, paused)).toEqual(paused);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('keeps waiting through a failed resume (5xx) for another replica, up to its deadline', async () => {
    runtimeApi.onResume = () => Promise.resolve(503);
    const waiting = resumer(10_000).awaitRunning(ID, paused);
    // Another replica finishes the resume: this one sees the record turn running.
    await waitForResumeCall(runtimeApi);
    await setStatus('running');
    expect((await waiting)?.state).toBe('running');
  });

  it('gives up with the current state at its deadline', async () => {
    runtimeApi.onResume = () => Promise.resolve(503);
    expect(await resumer(300).awaitRunning(ID, paused)).toEqual(paused);
  });
});

async function waitForResumeCall(runtimeApi: FakeRuntimeApi): Promise<void> {
  await waitFor(() => Promise.resolve(runtimeApi.resumes.length === 1), {
    description: 'the resume call',
  });
}

function pausedRecord(): RuntimeRecord {
  return runtimeRecordFixture({
    version: 0,
    runtimeId: ID,
    owner: '',
    image: 'img',
    sessionApiKey: 'k',
    status: 'paused',
    handle: { backend: 'local', runtimeId: ID, ref: '1', endpoints: { [AGENT_PORT]: RUNNING_URL } },
  });
}
