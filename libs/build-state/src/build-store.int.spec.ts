import { TERMINAL_BUILD_STATUSES } from '@agentrt/contracts';
import { waitFor } from '@agentrt/testing';
import type Redis from 'ioredis';
import { BuildStore } from './build-store';
import { newBuild, TestRedis } from './build-state.testing';

describe('BuildStore records, limits and transitions (real Redis)', () => {
  let env: TestRedis;
  let redis: Redis;
  let store: BuildStore;

  beforeEach(() => {
    env = new TestRedis();
    redis = env.client();
    store = new BuildStore(redis, { retentionSeconds: 600 });
  });

  afterEach(async () => {
    await env.cleanup();
  });

  /** Moves a new build to WORKING under `workerId`, as the worker does. */
  async function working(workerId = 'w-1') {
    const outcome = await store.create(newBuild(), 100);
    if (outcome.kind !== 'created') throw new Error('create was limited');
    const { id } = outcome.record;
    await store.transition(id, ['PENDING'], 'QUEUED', { queuedAt: new Date().toISOString() });
    await store.transition(id, ['QUEUED'], 'WORKING', { workerId, attempt: 1 });
    return id;
  }

  it('creates a PENDING build that reads back, counts for its owner and is listed as active', async () => {
    const build = newBuild();
    const outcome = await store.create(build, 5);
    const expected = { ...build, status: 'PENDING', attempt: 0, cancelRequested: false };
    expect(outcome).toEqual({ kind: 'created', record: expected });
    expect(await store.get(build.id)).toEqual(expected);
    expect(await store.activeCount('key-a')).toBe(1);
    expect(await store.listActive()).toEqual([expected]);
    expect(await store.get('b-unknown')).toBeUndefined();
  });

  it('lets exactly the limit through when 20 creates race from several replicas', async () => {
    const replicas = [0, 1, 2, 3].map(
      () => new BuildStore(env.client(), { retentionSeconds: 600 }),
    );
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (replicas[i % replicas.length] ?? store).create(newBuild(), 5),
      ),
    );
    expect(outcomes.filter((o) => o.kind === 'created')).toHaveLength(5);
    expect(outcomes.filter((o) => o.kind === 'limited')).toEqual(
      Array.from({ length: 15 }, () => ({ kind: 'limited', active: 5 })),
    );
    expect(await store.activeCount('key-a')).toBe(5);
    expect((await store.create(newBuild({ owner: 'key-b' }), 5)).kind).toBe('created');
  });

  it('admits no build at a limit of 0', async () => {
    expect(await store.create(newBuild(), 0)).toEqual({ kind: 'limited', active: 0 });
    expect(await store.activeCount('key-a')).toBe(0);
  });

  it.each(TERMINAL_BUILD_STATUSES)(
    'frees the owner slot when a build ends as %s',
    async (status) => {
      const first = newBuild();
      expect((await store.create(first, 1)).kind).toBe('created');
      expect(await store.create(newBuild(), 1)).toEqual({ kind: 'limited', active: 1 });
      const outcome = await store.transition(first.id, ['PENDING'], status);
      expect(outcome).toMatchObject({ applied: true, record: { status } });
      expect(await store.activeCount('key-a')).toBe(0);
      expect((await store.create(newBuild(), 1)).kind).toBe('created');
    },
  );

  it('refuses a transition from an unexpected status and answers with the current record', async () => {
    const build = newBuild();
    await store.create(build, 100);
    const refused = await store.transition(build.id, ['WORKING'], 'SUCCESS', { image: 'x' });
    expect(refused).toEqual({
      applied: false,
      record: expect.objectContaining({ id: build.id, status: 'PENDING' }),
    });
    expect((await store.get(build.id))?.image).toBeUndefined();
    expect(await store.activeCount('key-a')).toBe(1);
    expect(await store.transition('b-unknown', ['PENDING'], 'QUEUED')).toEqual({
      applied: false,
      record: undefined,
    });
  });

  it('applies only one of two racing transitions from the same status', async () => {
    const build = newBuild();
    await store.create(build, 100);
    const outcomes = await Promise.all([
      store.transition(build.id, ['PENDING'], 'QUEUED', { workerId: 'w-1' }),
      store.transition(build.id, ['PENDING'], 'CANCELLED', { error: 'cancelled' }),
    ]);
    expect(outcomes.filter((o) => o.applied)).toHaveLength(1);
    const loser = outcomes.find((o) => !o.applied);
    expect(loser?.record).toEqual(await store.get(build.id));
  });

  it('finishing sets finishedAt, leaves the active lists and starts a 2 x retention expiry', async () => {
    const id = await working();
    expect(await redis.ttl(`build:rec:${id}`)).toBe(-1);
    const before = Date.now();
    const done = await store.transition(id, ['WORKING'], 'SUCCESS', {
      image: '127.0.0.1:5000/app:1',
      imageDigest: 'sha256:abc',
      imageSizeBytes: 1234,
    });
    expect(done).toMatchObject({ applied: true, record: { status: 'SUCCESS', attempt: 1 } });
    const finishedAt = Date.parse((await store.get(id))?.finishedAt ?? '');
    expect(finishedAt).toBeGreaterThanOrEqual(before - 1);
    expect(finishedAt).toBeLessThanOrEqual(Date.now());
    expect(await store.listActive()).toEqual([]);
    expect(await store.activeCount('key-a')).toBe(0);
    const ttl = await redis.ttl(`build:rec:${id}`);
    expect(ttl).toBeGreaterThan(1190);
    expect(ttl).toBeLessThanOrEqual(1200);
  });

  it('keeps a patched finishedAt', async () => {
    const id = await working();
    const finishedAt = '2030-01-01T00:00:00.000Z';
    const done = await store.transition(id, ['WORKING'], 'FAILURE', { finishedAt, error: 'boom' });
    expect(done.record).toMatchObject({ status: 'FAILURE', finishedAt, error: 'boom' });
  });

  it('refuses to turn a finished build back into an unfinished one', async () => {
    const id = await working();
    await store.transition(id, ['WORKING'], 'FAILURE');
    await expect(store.transition(id, ['FAILURE'], 'QUEUED')).rejects.toThrow(/finished build/);
    expect((await store.get(id))?.status).toBe('FAILURE');
  });

  it('lists only unfinished builds, oldest first', async () => {
    const old = newBuild({ createdAt: '2024-01-01T00:00:00.000Z' });
    const young = newBuild({ createdAt: '2024-01-02T00:00:00.000Z' });
    const done = newBuild({ createdAt: '2023-01-01T00:00:00.000Z' });
    for (const build of [young, done, old]) await store.create(build, 100);
    await store.transition(done.id, ['PENDING'], 'CANCELLED');
    expect((await store.listActive()).map((r) => r.id)).toEqual([old.id, young.id]);
  });

  it('throws rather than overwrite when a build id is already taken', async () => {
    const build = newBuild();
    await store.create(build, 100);
    await expect(store.create({ ...build, owner: 'key-b' }, 100)).rejects.toThrow(/already exists/);
    expect((await store.get(build.id))?.owner).toBe('key-a');
  });

  it('accepts a heartbeat only from the worker running the build', async () => {
    const pending = newBuild();
    await store.create(pending, 100);
    expect(await store.heartbeat(pending.id, 'w-1')).toBe(false);
    const id = await working('w-1');
    expect(await store.heartbeat(id, 'w-2')).toBe(false);
    expect((await store.get(id))?.heartbeatAt).toBeUndefined();
    expect(await store.heartbeat(id, 'w-1')).toBe(true);
    expect((await store.get(id))?.heartbeatAt).toEqual(expect.any(String));
    await store.transition(id, ['WORKING'], 'SUCCESS');
    expect(await store.heartbeat(id, 'w-1')).toBe(false);
    expect(await store.heartbeat('b-unknown', 'w-1')).toBe(false);
  });

  it('loses no change when heartbeats race a cancel request and a finish', async () => {
    const id = await working('w-1');
    await Promise.all([
      ...Array.from({ length: 10 }, () => store.heartbeat(id, 'w-1')),
      store.requestCancel(id),
    ]);
    expect(await store.get(id)).toMatchObject({
      cancelRequested: true,
      heartbeatAt: expect.any(String),
    });
    await Promise.all([
      store.heartbeat(id, 'w-1'),
      store.transition(id, ['WORKING'], 'CANCELLED', { error: 'cancelled by request' }),
    ]);
    expect(await store.get(id)).toMatchObject({ status: 'CANCELLED', cancelRequested: true });
    expect(await store.activeCount('key-a')).toBe(0);
  });

  it('answers a corrupt record as an unknown build instead of failing', async () => {
    await redis.set('build:rec:b-garbled', '{"id": "b-garbled", "status": ');
    await redis.set('build:rec:b-partial', JSON.stringify({ id: 'b-partial', status: 'NOPE' }));
    await redis.sadd('build:active', 'b-garbled', 'b-partial');
    const healthy = newBuild();
    await store.create(healthy, 100);
    for (const id of ['b-garbled', 'b-partial']) {
      expect(await store.get(id)).toBeUndefined();
      expect(await store.transition(id, ['PENDING'], 'QUEUED')).toEqual({
        applied: false,
        record: undefined,
      });
      expect(await store.heartbeat(id, 'w-1')).toBe(false);
      expect(await store.requestCancel(id)).toBeUndefined();
    }
    expect((await store.listActive()).map((r) => r.id)).toEqual([healthy.id]);
  });

  it('refuses a retention Redis cannot express', () => {
    expect(() => new BuildStore(redis, { retentionSeconds: 0 })).toThrow(RangeError);
    expect(() => new BuildStore(redis, { retentionSeconds: 1.5 })).toThrow(RangeError);
  });
});

describe('BuildStore retention (real Redis)', () => {
  let env: TestRedis;
  let redis: Redis;

  beforeEach(() => {
    env = new TestRedis();
    redis = env.client();
  });

  afterEach(async () => {
    await env.cleanup();
  });

  async function finished(store: BuildStore, finishedAt: string) {
    const build = newBuild();
    await store.create(build, 100);
    await store.transition(build.id, ['PENDING'], 'SUCCESS', {
      image: '127.0.0.1:5000/app:1',
      imageDigest: 'sha256:abc',
      imageSizeBytes: 1234,
      finishedAt,
    });
    return build.id;
  }

  it('answers SUCCESS with the image while the result is within the retention', async () => {
    const store = new BuildStore(redis, { retentionSeconds: 60 });
    const id = await finished(store, new Date(Date.now() - 30_000).toISOString());
    expect(await store.get(id)).toMatchObject({ status: 'SUCCESS', image: '127.0.0.1:5000/app:1' });
  });

  it('answers EXPIRED without the image once the result is older than the retention, and stores it', async () => {
    const store = new BuildStore(redis, { retentionSeconds: 60 });
    const finishedAt = new Date(Date.now() - 61_000).toISOString();
    const id = await finished(store, finishedAt);
    const expired = await store.get(id);
    expect(expired).toMatchObject({
      status: 'EXPIRED',
      error: 'build result expired after 60 s retention',
      finishedAt,
    });
    expect(expired).not.toHaveProperty('image');
    expect(expired).not.toHaveProperty('imageDigest');
    expect(expired).not.toHaveProperty('imageSizeBytes');
    const stored: unknown = JSON.parse((await redis.get(`build:rec:${id}`)) ?? 'null');
    expect(stored).toEqual(expired);
    // Rewriting the record kept its deletion time.
    expect(await redis.ttl(`build:rec:${id}`)).toBeGreaterThan(100);
    expect(await store.get(id)).toEqual(expired);
  });

  it('deletes a finished record once twice the retention has passed', async () => {
    const store = new BuildStore(redis, { retentionSeconds: 1 });
    const id = await finished(store, new Date().toISOString());
    expect(await redis.exists(`build:rec:${id}`)).toBe(1);
    await waitFor(async () => (await store.get(id)) === undefined, {
      timeoutMs: 10_000,
      description: 'the finished record to be deleted',
    });
  });
});
