import { waitFor } from '@agentrt/testing';
import { BuildStore } from './build-store';
import { newBuild, TestRedis } from './build-state.testing';

describe('BuildStore cancel requests (real Redis)', () => {
  let env: TestRedis;
  const otherPrefix = `bs-other-${Date.now()}`;
  const unsubscribes: (() => Promise<void>)[] = [];

  beforeEach(() => {
    env = new TestRedis();
  });

  afterEach(async () => {
    await Promise.all(unsubscribes.splice(0).map((unsubscribe) => unsubscribe()));
    await env.cleanup(otherPrefix);
  });

  /** A store on a connection of its own, as another replica or the worker would have. */
  function replica(prefix = env.prefix): BuildStore {
    return new BuildStore(env.client(prefix), { retentionSeconds: 600 });
  }

  /** Subscribes `store` to cancels and collects the ids it hears. */
  async function listen(store: BuildStore): Promise<string[]> {
    const heard: string[] = [];
    unsubscribes.push(await store.subscribeCancels((id) => heard.push(id)));
    return heard;
  }

  async function created(store: BuildStore): Promise<string> {
    const build = newBuild();
    await store.create(build, 100);
    return build.id;
  }

  it('marks an unfinished build and tells the subscriber of another replica', async () => {
    const api = replica();
    const worker = replica();
    const heard = await listen(worker);
    const id = await created(api);
    const cancelled = await api.requestCancel(id);
    expect(cancelled).toMatchObject({ id, status: 'PENDING', cancelRequested: true });
    expect(await worker.get(id)).toEqual(cancelled);
    await waitFor(async () => Promise.resolve(heard.includes(id)), {
      description: 'the worker to hear the cancel',
    });
    expect(heard).toEqual([id]);
  });

  it('leaves a finished build as it is and publishes nothing for it', async () => {
    const api = replica();
    const heard = await listen(replica());
    const done = await created(api);
    await api.transition(done, ['PENDING'], 'SUCCESS', { image: 'img', imageDigest: 'sha256:1' });
    const before = await api.get(done);
    expect(await api.requestCancel(done)).toEqual(before);
    expect(before).toMatchObject({ status: 'SUCCESS', cancelRequested: false });
    // Cancels arrive in order, so once a later one is heard an earlier one would have been too.
    const later = await created(api);
    await api.requestCancel(later);
    await waitFor(async () => Promise.resolve(heard.includes(later)), {
      description: 'the later cancel',
    });
    expect(heard).toEqual([later]);
    expect(await api.requestCancel('b-unknown')).toBeUndefined();
  });

  it('keeps deployments that share Redis apart', async () => {
    const ours = replica();
    const theirs = replica(otherPrefix);
    const heard = await listen(ours);
    await theirs.requestCancel(await created(theirs));
    const id = await created(ours);
    await ours.requestCancel(id);
    await waitFor(async () => Promise.resolve(heard.includes(id)), {
      description: 'our own cancel',
    });
    expect(heard).toEqual([id]);
  });

  it('keeps delivering after a handler throws', async () => {
    const api = replica();
    const heard: string[] = [];
    const unsubscribe = await replica().subscribeCancels((id) => {
      heard.push(id);
      if (heard.length === 1) throw new Error('handler bug');
    });
    unsubscribes.push(unsubscribe);
    const [first, second] = [await created(api), await created(api)];
    await api.requestCancel(first);
    await api.requestCancel(second);
    await waitFor(async () => Promise.resolve(heard.length === 2), {
      description: 'both cancels',
    });
    expect(heard).toEqual([first, second]);
  });

  it('unsubscribes and closes its subscriber connection', async () => {
    const raw = env.raw();
    const channel = `${env.prefix}:build:cancel`;
    const subscribers = async () => {
      const reply = (await raw.pubsub('NUMSUB', channel)) as [string, number];
      return reply[1];
    };
    const connections = async () => {
      const list = await raw.client('LIST');
      return String(list)
        .split('\n')
        .filter((line) => line.includes(`name=${env.connectionName} `)).length;
    };
    const store = replica();
    const baseline = await connections();
    const unsubscribe = await store.subscribeCancels(() => undefined);
    unsubscribes.push(unsubscribe);
    expect(await subscribers()).toBe(1);
    expect(await connections()).toBe(baseline + 1);
    await unsubscribe();
    expect(await subscribers()).toBe(0);
    await unsubscribe(); // a second call changes nothing
    await waitFor(async () => (await connections()) === baseline, {
      description: 'the subscriber connection to close',
    });
  });
});
