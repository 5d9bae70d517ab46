import type { K8sObject } from './k8s-object';
import { find, first, podSpec, portNumber, renderExample } from './rendered';

const objects = renderExample();
const APP_PORTS = { 'runtime-api': 5054, gateway: 5053, 'build-service': 5055 } as const;
const APPS = Object.keys(APP_PORTS) as (keyof typeof APP_PORTS)[];
const ofKind = (kind: string): K8sObject[] => objects.filter((o) => o.kind === kind);
const container = (app: string) =>
  first(podSpec(find(objects, 'Deployment', app, 'agentrt')).containers, `${app} container`);
const configMapData = (name: string): Record<string, string> =>
  find(objects, 'ConfigMap', name, 'agentrt')['data'] as Record<string, string>;

describe('the example deployment', () => {
  it.each(APPS)(
    '%s: readiness on /health at its port, liveness on that port, requests and limits',
    (app) => {
      const c = container(app);

      expect(c.readinessProbe?.httpGet?.path).toBe('/health');
      expect(portNumber(c, c.readinessProbe?.httpGet?.port)).toBe(APP_PORTS[app]);
      expect(portNumber(c, c.livenessProbe?.tcpSocket?.port)).toBe(APP_PORTS[app]);
      expect(configMapData(app)['PORT']).toBe(String(APP_PORTS[app]));
      for (const bound of [c.resources?.requests, c.resources?.limits]) {
        expect(Object.keys(bound ?? {}).sort()).toEqual(['cpu', 'memory']);
      }
    },
  );

  it.each(['gateway', 'build-service'])('%s has a PodDisruptionBudget and an autoscaler', (app) => {
    const labels = (
      find(objects, 'Deployment', app)['spec'] as { template: { metadata: { labels: object } } }
    ).template.metadata.labels;
    const pdb = find(objects, 'PodDisruptionBudget', app)['spec'] as {
      selector: { matchLabels: object };
    };
    const hpa = find(objects, 'HorizontalPodAutoscaler', app)['spec'] as {
      scaleTargetRef: object;
      minReplicas: number;
    };

    expect(labels).toMatchObject(pdb.selector.matchLabels);
    expect(hpa.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: app });
    expect(hpa.minReplicas).toBeGreaterThanOrEqual(2); // so the PDB (minAvailable 1) can let a node drain
  });

  it('routes every path of the public host to the gateway', () => {
    const ingress = find(objects, 'Ingress', 'gateway')['spec'] as {
      rules: {
        host: string;
        http: {
          paths: { path: string; backend: { service: { name: string; port: { name: string } } } }[];
        };
      }[];
    };
    const service = find(objects, 'Service', 'gateway')['spec'] as {
      ports: { name: string; targetPort: string }[];
    };

    expect(ingress.rules.map((r) => r.host)).toEqual(['agentrt.example.com']);
    const route = first(first(ingress.rules, 'Ingress rule').http.paths, 'Ingress path');
    expect(route).toMatchObject({
      path: '/',
      backend: { service: { name: 'gateway', port: { name: 'http' } } },
    });
    const target = service.ports.find(
      (p) => p.name === route.backend.service.port.name,
    )?.targetPort;
    expect(portNumber(container('gateway'), target)).toBe(APP_PORTS.gateway);
  });

  it('grants runtime-api and build-service exactly the API calls their code makes, in their namespaces', () => {
    const rules = (name: string, namespace: string): string[] =>
      (
        find(objects, 'Role', name, namespace)['rules'] as {
          apiGroups: string[];
          resources: string[];
          verbs: string[];
        }[]
      ).flatMap((r) =>
        r.resources.map((res) => `${r.apiGroups.join()}/${res}: ${[...r.verbs].sort().join(',')}`),
      );

    // libs/runtime-backends/src/kubernetes/kube-api.ts (KubeApi) and kube-exec.ts (pods/exec).
    expect(rules('runtime-api', 'agentrt-runtimes').sort()).toEqual([
      '/events: list',
      '/persistentvolumeclaims: create,delete',
      '/pods/exec: create,get', // WebSocket exec: `create` from Kubernetes 1.30, `get` before
      '/pods/log: get',
      '/pods: create,delete,get,list,watch',
      '/secrets: create,delete,list',
      '/services: create,delete,get,list',
    ]);
    // libs/image-builder/src/lib/kubernetes/build-job-api.ts (BuildJobApi).
    expect(rules('build-service', 'agentrt-builds').sort()).toEqual([
      '/pods/log: get',
      '/pods: list',
      'batch/jobs: create,delete,get',
    ]);
    expect(configMapData('runtime-api')['KUBE_NAMESPACE']).toBe('agentrt-runtimes');
    expect(configMapData('build-service')['KUBE_NAMESPACE']).toBe('agentrt-builds');
    find(
      objects,
      'PersistentVolumeClaim',
      configMapData('build-service')['KUBE_CONTEXT_PVC'] ?? '',
      'agentrt-builds',
    );
    expect(ofKind('ClusterRole')).toEqual([]);
    for (const app of ['runtime-api', 'build-service']) {
      expect(find(objects, 'RoleBinding', app)['subjects']).toEqual([
        { kind: 'ServiceAccount', name: app, namespace: 'agentrt' },
      ]);
    }
  });
});
