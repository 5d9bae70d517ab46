import type { KubernetesBackend, PodStatusChange } from './kubernetes-backend';
import { FakeKubeApiServer } from '@agentrt/testing';
import { backendFor, NS, READY, runtimeSpec, until } from './kube-fixtures.testing';

const POD = 'agentrt-rt1';
const OWNER_SELECTOR = 'org.agentrt.managed-by=agentrt,org.agentrt.owner=test-owner';

describe('KubernetesBackend pod watch (fake API server)', () => {
  let fake: FakeKubeApiServer;
  let backend: KubernetesBackend;
  let unsubscribe: (() => void) | undefined;
  let changes: PodStatusChange[];

  beforeEach(async () => {
    fake = await FakeKubeApiServer.start(NS);
    backend = backendFor(fake);
    changes = [];
  });

  afterEach(async () => {
    unsubscribe?.();
    unsubscribe = undefined;
    await fake.close();
    expect(fake.unexpected).toEqual([]);
  });

  const statuses = (): string[] => changes.map((change) => change.podStatus);
  const podVersion = (): string => fake.collection('pods').get(POD)?.metadata.resourceVersion ?? '';
  const lists = (): number => fake.calls('GET', '/pods').length - fake.watchCalls().length;

  async function subscribe(): Promise<void> {
    unsubscribe = backend.onStatusChange((change) => changes.push(change));
    await until(() => fake.watches.openCount === 1, 'an open watch');
  }

  async function seen(podStatus: string): Promise<void> {
    await until(() => statuses().includes(podStatus), podStatus);
  }

  it('readiness resolves when a MODIFIED event makes the pod Ready, without polling', async () => {
    const readiness = { port: 3000, path: '/alive', timeoutMs: 10_000 };
    const started = backend.start(runtimeSpec({ readiness }));
    await until(() => fake.watches.openCount === 1, 'a pod watch');
    const [watch] = fake.watchCalls();
    expect(watch?.query.get('labelSelector')).toBe(`${OWNER_SELECTOR},org.agentrt.runtime-id=rt1`);
    expect(watch?.query.get('resourceVersion')).toBe(podVersion());
    fake.setPodStatus(POD, READY);
    await started;
    expect(fake.calls('GET', `/pods/${POD}`)).toHaveLength(0);
    expect(lists()).toBe(1);
    await until(() => fake.watches.openCount === 0, 'the watch closed');
  });

  it('a status listener sees pending -> running -> ready, then not found', async () => {
    await subscribe();
    expect(fake.watchCalls()[0]?.query.get('labelSelector')).toBe(OWNER_SELECTOR);
    const handle = await backend.start(runtimeSpec());
    await seen('pending');
    fake.setPodStatus(POD, { phase: 'Running' });
    await seen('running');
    fake.setPodStatus(POD, READY);
    fake.setPodStatus(POD, { ...READY, podIP: '10.0.0.7' });
    await seen('ready');
    await backend.stop(handle);
    await seen('not found');
    expect(changes).toEqual(
      ['pending', 'running', 'ready', 'not found'].map((podStatus) => ({
        runtimeId: 'rt1',
        podStatus,
      })),
    );
    unsubscribe?.();
    await until(() => fake.watches.openCount === 0, 'the watch closed');
  });

  it('reconnects after the server closes the stream, from the last resourceVersion', async () => {
    await subscribe();
    await backend.start(runtimeSpec());
    await seen('pending');
    const lastSeen = podVersion();
    fake.watches.closeAll();
    // Happens while no watch is open: the new watch must replay it.
    fake.setPodStatus(POD, { phase: 'Running' });
    await seen('running');
    const [, second] = fake.watchCalls();
    expect(second?.query.get('resourceVersion')).toBe(lastSeen);
    expect(lists()).toBe(1);
  });

  it('relists after 410 Expired, then watches from the new list', async () => {
    await subscribe();
    await backend.start(runtimeSpec());
    await seen('pending');
    fake.watches.closeAll();
    fake.setPodStatus(POD, { phase: 'Running' });
    fake.store.compact();
    await seen('running');
    await until(() => fake.watches.openCount === 1, 'a new watch');
    fake.setPodStatus(POD, READY);
    await seen('ready');
    expect(statuses()).toEqual(['pending', 'running', 'ready']);
    expect(lists()).toBe(2);
    const versions = fake.watchCalls().map((call) => call.query.get('resourceVersion'));
    expect(versions).toHaveLength(3);
    expect(Number(versions[2])).toBeGreaterThan(Number(versions[1]));
  });

  it('falls back to polling after a bounded number of refused watches', async () => {
    fake.watches.refuse = true;
    backend = backendFor(fake, { watchRetries: 2 });
    unsubscribe = backend.onStatusChange((change) => changes.push(change));
    await until(() => fake.watchCalls().length === 3, '3 watch attempts');
    await backend.start(runtimeSpec());
    await seen('pending');
    fake.setPodStatus(POD, READY);
    await seen('ready');
    const listsSoFar = lists();
    await until(() => lists() > listsSoFar + 2, 'more polls');
    expect(fake.watchCalls()).toHaveLength(3);
    expect(fake.watchCalls().every((call) => call.status === 503)).toBe(true);
  });

  it('readiness still resolves by polling while the API server refuses watches', async () => {
    fake.watches.refuse = true;
    const readiness = { port: 3000, path: '/alive', timeoutMs: 10_000 };
    const started = backend.start(runtimeSpec({ readiness }));
    await until(() => fake.watchCalls().some((call) => call.status === 503), 'a refused watch');
    fake.setPodStatus(POD, READY);
    await started;
  });
});
