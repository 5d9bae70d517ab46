import type { V1Pod, V1Secret } from '@kubernetes/client-node';
import { RuntimeManager } from '../manager/runtime-manager';
import type { KubernetesBackend } from './kubernetes-backend';
import { FakeKubeApiServer } from '@agentrt/testing';
import { backendFor, NS, runtimeSpec, SESSION_KEY } from './kube-fixtures.testing';

const NOW = new Date('2026-01-02T03:04:05.000Z');
const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('KubernetesBackend keeps the environment in a Secret (fake API server)', () => {
  let fake: FakeKubeApiServer;
  let backend: KubernetesBackend;

  beforeEach(async () => {
    fake = await FakeKubeApiServer.start(NS);
    backend = backendFor(fake, { now: () => NOW });
  });

  afterEach(async () => {
    await fake.close();
    // The fake also lists any secret value it saw in an annotation or inline env.
    expect(fake.unexpected).toEqual([]);
  });

  /** Every annotation value of every object the fake holds. */
  function allAnnotations(): string[] {
    const collections = [...fake.store.collectionsInUse.values()];
    return collections.flatMap((objects) =>
      [...objects.values()].flatMap((o) => Object.values(o.metadata.annotations ?? {})),
    );
  }

  it('start puts the environment in an owned Opaque Secret that the pod takes via envFrom', async () => {
    await backend.start(runtimeSpec());
    const secret = fake.calls('POST', '/secrets')[0]?.body as V1Secret;
    expect(secret).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'agentrt-rt1',
        namespace: NS,
        labels: {
          'org.agentrt.managed-by': 'agentrt',
          'org.agentrt.owner': 'test-owner',
          'org.agentrt.runtime-id': 'rt1',
          'org.agentrt.session-id': 'sess1',
        },
        annotations: { 'org.agentrt.created-at': NOW.toISOString() },
      },
      type: 'Opaque',
      immutable: true,
      data: { SESSION_API_KEY: base64(SESSION_KEY), LOG_LEVEL: base64('debug') },
    });
    const container = (fake.calls('POST', '/pods')[0]?.body as V1Pod).spec?.containers[0];
    expect(container?.env).toBeUndefined();
    expect(container?.envFrom).toEqual([{ secretRef: { name: 'agentrt-rt1' } }]);
    expect(allAnnotations().some((value) => value.includes(SESSION_KEY))).toBe(false);
    expect(allAnnotations().some((value) => value.includes('SESSION_API_KEY'))).toBe(false);
  });

  it('pause keeps the Secret; resume recreates the pod with the same envFrom', async () => {
    const handle = await backend.start(runtimeSpec());
    await backend.pause(handle);
    expect(fake.collection('secrets').has('agentrt-rt1')).toBe(true);
    await backend.resume(handle);
    const [first, second] = fake.calls('POST', '/pods').map((r) => r.body as V1Pod);
    expect(second).toEqual(first);
    expect(fake.calls('POST', '/secrets')).toHaveLength(1);
    expect(allAnnotations().some((value) => value.includes(SESSION_KEY))).toBe(false);
  });

  it('stop deletes the Secret with the rest', async () => {
    const handle = await backend.start(runtimeSpec());
    await backend.stop(handle);
    expect(fake.calls('DELETE', '/secrets/agentrt-rt1')).toHaveLength(1);
    expect(fake.collection('secrets').size).toBe(0);
  });

  it('list and the sweep find a runtime of which only the Secret is left', async () => {
    await backend.start(runtimeSpec());
    await backend.start(runtimeSpec({ runtimeId: 'rt2', sessionId: 'sess2' }));
    // As if a stop was cut short after deleting everything but the Secret.
    for (const resource of ['pods', 'services', 'persistentvolumeclaims']) {
      const object = fake.collection(resource).get('agentrt-rt2');
      if (object) fake.store.write(resource, 'DELETED', object);
    }
    const leftover = (await backend.list()).find((r) => r.handle.runtimeId === 'rt2');
    expect(leftover).toMatchObject({
      sessionId: 'sess2',
      status: 'stopped',
      createdAt: NOW.toISOString(),
    });
    expect(fake.calls('GET', '/secrets')[0]?.query.get('labelSelector')).toBe(
      'org.agentrt.managed-by=agentrt,org.agentrt.owner=test-owner',
    );
    const removed = await new RuntimeManager([backend]).sweep(new Set(['rt1']));
    expect(removed.map((r) => r.handle.runtimeId)).toEqual(['rt2']);
    expect([...fake.collection('secrets').keys()]).toEqual(['agentrt-rt1']);
  });

  it('an environment name a Secret cannot hold fails as invalid_spec, leaving nothing', async () => {
    const start = backend.start(runtimeSpec({ environment: { 'NOT VALID': 'x' } }));
    await expect(start).rejects.toMatchObject({ reason: 'invalid_spec' });
    expect(fake.unexpected.splice(0)).toEqual([expect.stringContaining('invalid secret key')]);
    expect(fake.calls('POST', '/pods')).toHaveLength(0);
    const left = [...fake.store.collectionsInUse.values()].flatMap((objects) => [
      ...objects.keys(),
    ]);
    expect(left).toEqual([]);
  });
});
