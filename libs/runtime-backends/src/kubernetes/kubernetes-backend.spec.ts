import type { V1PersistentVolumeClaim, V1Pod, V1Service } from '@kubernetes/client-node';
import { RuntimeBackendError } from '../runtime-backend-error';
import type { RuntimeSpec } from '../runtime-backend';
import { KubernetesBackend } from './kubernetes-backend';
import { FakeKubeApiServer } from '@agentrt/testing';
import { backendFor, NS, READY, runtimeSpec as spec, until } from './kube-fixtures.testing';

const NOW = new Date('2026-01-02T03:04:05.000Z');

describe('KubernetesBackend against the fake API server', () => {
  let fake: FakeKubeApiServer;
  let backend: KubernetesBackend;

  beforeEach(async () => {
    fake = await FakeKubeApiServer.start(NS);
    backend = backendFor(fake);
  });

  afterEach(async () => {
    await fake.close();
    expect(fake.unexpected).toEqual([]);
  });

  it('start creates the secret, PVC, service and pod with the exact manifest fields', async () => {
    backend = backendFor(fake, { now: () => NOW });
    const handle = await backend.start(spec());
    expect(handle).toEqual({
      backend: 'kubernetes',
      runtimeId: 'rt1',
      ref: 'agentrt-rt1',
      endpoints: {
        3000: `http://agentrt-rt1.${NS}.svc:3000`,
        4000: `http://agentrt-rt1.${NS}.svc:4000`,
      },
    });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /api/v1/namespaces/${NS}/secrets`,
      `POST /api/v1/namespaces/${NS}/persistentvolumeclaims`,
      `POST /api/v1/namespaces/${NS}/services`,
      `POST /api/v1/namespaces/${NS}/pods`,
    ]);
    const pod = fake.calls('POST', '/pods')[0]?.body as V1Pod;
    expect(pod.metadata?.labels).toEqual({
      'org.agentrt.managed-by': 'agentrt',
      'org.agentrt.owner': 'test-owner',
      'org.agentrt.runtime-id': 'rt1',
      'org.agentrt.session-id': 'sess1',
    });
    expect(pod.metadata?.annotations).toEqual({ 'org.agentrt.created-at': NOW.toISOString() });
    expect(pod.spec?.runtimeClassName).toBe('gvisor');
    expect(pod.spec?.securityContext).toEqual({ runAsUser: 1000, runAsGroup: 1001, fsGroup: 1002 });
    expect(pod.spec?.volumes).toEqual([
      { name: 'workspace', persistentVolumeClaim: { claimName: 'agentrt-rt1' } },
    ]);
    const container = pod.spec?.containers[0];
    expect(container).toMatchObject({
      image: 'agent:1',
      imagePullPolicy: 'IfNotPresent',
      command: ['/bin/agent', '--port', '3000'],
      workingDir: '/workspace',
      envFrom: [{ secretRef: { name: 'agentrt-rt1' } }],
      ports: [
        { containerPort: 3000, protocol: 'TCP' },
        { containerPort: 4000, protocol: 'TCP' },
      ],
      resources: {
        requests: { cpu: '1000m', memory: '2Gi' },
        limits: { cpu: '2000m', memory: '4Gi' },
      },
      volumeMounts: [{ name: 'workspace', mountPath: '/workspace' }],
    });
    const service = fake.calls('POST', '/services')[0]?.body as V1Service;
    expect(service.spec?.selector).toEqual({
      'org.agentrt.runtime-id': 'rt1',
      'org.agentrt.managed-by': 'agentrt',
    });
    expect(service.spec?.ports).toEqual([
      { name: 'p3000', port: 3000, targetPort: 3000 },
      { name: 'p4000', port: 4000, targetPort: 4000 },
    ]);
    const kept: Partial<RuntimeSpec> = spec();
    delete kept.environment;
    expect(JSON.parse(service.metadata?.annotations?.['org.agentrt.spec'] ?? '')).toEqual(kept);
    const pvc = fake.calls('POST', '/persistentvolumeclaims')[0]?.body as V1PersistentVolumeClaim;
    expect(pvc.spec?.resources).toEqual({ requests: { storage: '5Gi' } });
  });

  it('start waits for the Ready condition when a readiness probe is given', async () => {
    const readiness = { port: 3000, path: '/alive', timeoutMs: 5_000 };
    const started = backend.start(spec({ readiness }));
    await until(() => fake.watches.openCount === 1, 'a pod watch');
    fake.setPodStatus('agentrt-rt1', { phase: 'Running' });
    fake.setPodStatus('agentrt-rt1', READY);
    await started;
    const pod = fake.calls('POST', '/pods')[0]?.body as V1Pod;
    expect(pod.spec?.containers[0]?.readinessProbe).toEqual({
      httpGet: { path: '/alive', port: 3000 },
      periodSeconds: 1,
    });
  });

  it('start times out with not_ready and the last log lines, removing what it created', async () => {
    fake.objects.initialPodStatus = { phase: 'Running' };
    fake.logs.set('agentrt-rt1', 'booting\nstill booting\n');
    const readiness = { port: 3000, path: '/alive', timeoutMs: 100 };
    const failure = backend.start(spec({ readiness }));
    await expect(failure).rejects.toMatchObject({
      reason: 'not_ready',
      logsTail: 'booting\nstill booting\n',
    });
    const log = fake.calls('GET', '/pods/agentrt-rt1/log')[0];
    expect(log?.query.get('tailLines')).toBe('100');
    expect(log?.query.get('container')).toBe('runtime');
    expect([...fake.collection('pods').keys(), ...fake.collection('services').keys()]).toEqual([]);
  });

  it('start gives up at once on a crash loop', async () => {
    fake.objects.initialPodStatus = {
      phase: 'Running',
      containerStatuses: [{ restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
    };
    const readiness = { port: 3000, path: '/alive', timeoutMs: 60_000 };
    const failure = backend.start(spec({ readiness }));
    await expect(failure).rejects.toMatchObject({
      reason: 'not_ready',
      message: expect.stringContaining('crashloopbackoff'),
    });
    expect(fake.watchCalls()).toHaveLength(0);
  });

  it('inspect maps pod states, restarts, logs and events', async () => {
    const handle = await backend.start(spec());
    fake.setPodStatus('agentrt-rt1', {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        {
          name: 'runtime',
          restartCount: 2,
          ready: true,
          image: 'agent:1',
          imageID: 'x',
          lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
        },
      ],
    });
    fake.logs.set('agentrt-rt1', 'hello\n');
    fake.events = [
      {
        involvedObject: { kind: 'Pod', name: 'agentrt-rt1' },
        reason: 'Pulled',
        message: 'pulled agent:1',
        lastTimestamp: '2026-01-01T00:00:00Z',
      },
      {
        involvedObject: { kind: 'Pod', name: 'agentrt-other' },
        reason: 'Other',
        message: 'no',
        lastTimestamp: '2026-01-01T00:00:00Z',
      },
    ];
    const seen = await backend.inspect(handle);
    expect(seen).toMatchObject({
      status: 'running',
      podStatus: 'ready',
      restartCount: 2,
      restartReasons: ['OOMKilled'],
      logsTail: 'hello\n',
      events: [{ at: '2026-01-01T00:00:00.000Z', reason: 'Pulled', message: 'pulled agent:1' }],
    });
    expect(seen.labels['org.agentrt.runtime-id']).toBe('rt1');
    expect(fake.calls('GET', '/events')[0]?.query.get('fieldSelector')).toBe(
      'involvedObject.kind=Pod,involvedObject.name=agentrt-rt1',
    );
  });

  it('pause deletes only the pod; inspect says paused; resume recreates the same pod', async () => {
    const handle = await backend.start(spec());
    await backend.pause(handle);
    expect(fake.collection('pods').has('agentrt-rt1')).toBe(false);
    expect(fake.collection('services').has('agentrt-rt1')).toBe(true);
    expect(fake.collection('persistentvolumeclaims').has('agentrt-rt1')).toBe(true);
    expect(await backend.inspect(handle)).toMatchObject({
      status: 'paused',
      podStatus: 'not found',
    });
    const resumed = await backend.resume(handle);
    expect(resumed).toEqual(handle);
    const [first, second] = fake.calls('POST', '/pods').map((r) => r.body as V1Pod);
    expect(second?.spec).toEqual(first?.spec);
    expect(second?.metadata).toEqual(first?.metadata);
  });

  it('stop removes pod, service, PVC and secret and is idempotent', async () => {
    const handle = await backend.start(spec());
    await backend.stop(handle);
    await backend.stop(handle);
    expect(fake.calls('DELETE', '/pods/agentrt-rt1')).toHaveLength(2);
    expect(fake.calls('DELETE', '/secrets/agentrt-rt1')).toHaveLength(2);
    const left = [...fake.store.collectionsInUse.values()].flatMap((objects) => [
      ...objects.keys(),
    ]);
    expect(left).toEqual([]);
    expect(await backend.inspect(handle)).toMatchObject({
      status: 'stopped',
      podStatus: 'not found',
    });
  });

  it('list finds this owner’s runtimes by label selector, paused ones included', async () => {
    await backend.start(spec());
    const paused = await backend.start(spec({ runtimeId: 'rt2', sessionId: 'sess2' }));
    await backend.pause(paused);
    fake
      .collection('services')
      .set('foreign', { metadata: { name: 'foreign', labels: { 'org.agentrt.owner': 'other' } } });
    const listed = await backend.list();
    expect(listed.map((r) => [r.handle.runtimeId, r.sessionId, r.status])).toEqual([
      ['rt1', 'sess1', 'starting'],
      ['rt2', 'sess2', 'paused'],
    ]);
    expect(fake.calls('GET', '/services')[0]?.query.get('labelSelector')).toBe(
      'org.agentrt.managed-by=agentrt,org.agentrt.owner=test-owner',
    );
  });

  it('ping answers through GET /version and fails with backend_unavailable', async () => {
    await backend.ping();
    fake.versionAnswers = false;
    const failure = backend.ping();
    await expect(failure).rejects.toBeInstanceOf(RuntimeBackendError);
    await expect(failure).rejects.toMatchObject({ reason: 'backend_unavailable' });
  });

  it('attachCommand runs tmux attach through kubectl exec', () => {
    const handle = {
      backend: 'kubernetes' as const,
      runtimeId: 'rt1',
      ref: 'agentrt-rt1',
      endpoints: {},
    };
    expect(backend.attachCommand(handle, 'main')).toEqual([
      'kubectl',
      'exec',
      '-it',
      '-n',
      NS,
      'agentrt-rt1',
      '--',
      'tmux',
      'attach',
      '-t',
      'main',
    ]);
  });
});

describe('KubernetesBackend without an API server', () => {
  it('ping fails with backend_unavailable when nothing listens', async () => {
    const fake = await FakeKubeApiServer.start(NS);
    const url = fake.url;
    await fake.close();
    const backend = new KubernetesBackend({
      cluster: { server: url, skipTlsVerify: true },
      namespace: NS,
      owner: 'o',
    });
    await expect(backend.ping()).rejects.toMatchObject({ reason: 'backend_unavailable' });
  });
});
