import { randomUUID } from 'node:crypto';
import { closeRedisClient, createRedisClient } from '@agentrt/redis';
import { killRedisConnection, waitFor } from '@agentrt/testing';
import Redis from 'ioredis';
import { RuntimeChangeFeed, type RuntimeChangeListener } from './runtime-changes';
import { RuntimeStore } from './runtime-store';
import { runtimeRecordFixture as record } from './testing';

// eslint-disable-next-line no-restricted-properties -- the test command says where Redis runs
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Everything a feed told its listener, in order. */
class Heard implements RuntimeChangeListener {
  readonly events: string[] = [];
  listeningNow = false;

  changed(runtimeId: string): void {
    this.events.push(runtimeId);
  }
  lost(): void {
    this.listeningNow = false;
    this.events.push('lost');
  }
  listening(): void {
    this.listeningNow = true;
    this.events.push('listening');
  }
}

describe('runtime record changes (real Redis pub/sub)', () => {
  const prefixes: string[] = [];
  const clients: Redis[] = [];
  const feeds: RuntimeChangeFeed[] = [];
  const client = (prefix: string, connectionName = 'runtime-changes-test') => {
    const created = createRedisClient({ url: REDIS_URL, keyPrefix: prefix, connectionName });
    clients.push(created);
    return created;
  };
  const follow = async (prefix: string, connectionName = 'runtime-changes-test') => {
    const heard = new Heard();
    const subscriber = createRedisClient({ url: REDIS_URL, keyPrefix: prefix, connectionName });
    feeds.push(RuntimeChangeFeed.follow(subscriber, heard)); // closed by the feed
    await waitFor(() => Promise.resolve(heard.listeningNow), { description: 'the subscription' });
    return heard;
  };
  const newPrefix = () => {
    const prefix = `changes-${randomUUID().slice(0, 8)}`;
    prefixes.push(prefix);
    return prefix;
  };

  afterEach(async () => {
    await Promise.all(feeds.splice(0).map((feed) => feed.close()));
    const raw = new Redis(REDIS_URL);
    for (const prefix of prefixes.splice(0)) {
      const keys = await raw.keys(`${prefix}:*`);
      if (keys.length > 0) await raw.del(...keys);
    }
    raw.disconnect();
    await Promise.all(clients.splice(0).map(closeRedisClient));
  });

  it('announces every write of a record: create, claim and update', async () => {
    const prefix = newPrefix();
    const heard = await follow(prefix);
    const store = new RuntimeStore(client(prefix));
    const warm = record({
      owner: '',
      sessionId: '',
      pool: { key: 'img:1|1', initApiKey: 'init-key' },
    });
    await store.create(warm);
    const claimed = await store.claim(warm, { ...warm, owner: 'key-a', sessionId: 's-1' });
    expect(claimed.kind).toBe('created');
    await store.update(warm.runtimeId, (current) => ({ ...current, status: 'paused' }));
    const writes = [warm.runtimeId, warm.runtimeId, warm.runtimeId];
    await waitFor(() => Promise.resolve(heard.events.length === writes.length + 1), {
      description: 'three announcements',
    });
    expect(heard.events).toEqual(['listening', ...writes]);
  });

  it("hears only its own deployment's writes (channels carry the key prefix)", async () => {
    const ours = newPrefix();
    const theirs = newPrefix();
    const heard = await follow(ours);
    await new RuntimeStore(client(theirs)).create(record());
    const mine = record();
    await new RuntimeStore(client(ours)).create(mine);
    await waitFor(() => Promise.resolve(heard.events.length === 2), {
      description: 'our announcement',
    });
    expect(heard.events).toEqual(['listening', mine.runtimeId]);
  });

  it('tells the listener when the link drops, and listens again once Redis confirms', async () => {
    const prefix = newPrefix();
    const connectionName = `changes-kill-${randomUUID().slice(0, 8)}`;
    const heard = await follow(prefix, connectionName);
    await killRedisConnection(REDIS_URL, connectionName);
    await waitFor(() => Promise.resolve(heard.events.includes('lost')), { description: 'lost' });
    await waitFor(() => Promise.resolve(heard.listeningNow), { description: 'listening again' });
    const after = record();
    await new RuntimeStore(client(prefix)).create(after);
    await waitFor(() => Promise.resolve(heard.events.at(-1) === after.runtimeId), {
      description: 'an announcement after the reconnect',
    });
    expect(heard.events).toEqual(['listening', 'lost', 'listening', after.runtimeId]);
  });
});
