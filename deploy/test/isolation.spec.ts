import type { K8sObject } from './k8s-object';
import { readmeVariables, repoFile } from './readme-vars';
import { find, first, podSpec, renderExample } from './rendered';

const objects = renderExample();

interface Policy {
  podSelector: { matchLabels?: Record<string, string> };
  policyTypes: string[];
  ingress?: { from: { namespaceSelector?: { matchLabels: object }; podSelector?: object }[] }[];
  egress?: {
    to: {
      namespaceSelector?: { matchLabels: Record<string, string> };
      ipBlock?: { cidr: string; except: string[] };
    }[];
  }[];
}
const policy = (name: string, namespace: string): Policy =>
  find(objects, 'NetworkPolicy', name, namespace)['spec'] as Policy;
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16'];

describe('isolation of runtimes and builds', () => {
  it('selects every runtime pod by the label runtime-api puts on it', () => {
    expect(repoFile('libs/runtime-backends/src/labels.ts')).toMatch(
      /managedBy: 'org\.agentrt\.managed-by'/,
    );
    expect(repoFile('libs/image-builder/src/lib/kubernetes/build-job.ts')).toContain(
      `'app.kubernetes.io/managed-by': 'agentrt'`,
    );

    expect(policy('runtimes', 'agentrt-runtimes').podSelector.matchLabels).toEqual({
      'org.agentrt.managed-by': 'agentrt',
    });
    expect(policy('build-jobs', 'agentrt-builds').podSelector.matchLabels).toEqual({
      'app.kubernetes.io/managed-by': 'agentrt',
    });
    for (const namespace of ['agentrt-runtimes', 'agentrt-builds']) {
      expect(policy('default-deny', namespace)).toEqual({
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
      });
    }
  });

  it('lets only runtime-api and the gateway reach runtimes, and nothing reach build Jobs', () => {
    expect(policy('runtimes', 'agentrt-runtimes').ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'agentrt' } },
            podSelector: {
              matchExpressions: [
                {
                  key: 'app.kubernetes.io/name',
                  operator: 'In',
                  values: ['runtime-api', 'gateway'],
                },
              ],
            },
          },
        ],
      },
    ]);
    expect(policy('build-jobs', 'agentrt-builds').ingress).toBeUndefined();
  });

  it.each([
    ['runtimes', 'agentrt-runtimes'],
    ['build-jobs', 'agentrt-builds'],
  ])('%s reach DNS and public addresses only, never the platform namespace', (name, namespace) => {
    const peers = (policy(name, namespace).egress ?? []).flatMap((rule) => rule.to);
    const namespaces = peers.flatMap((p) =>
      p.namespaceSelector ? [p.namespaceSelector.matchLabels['kubernetes.io/metadata.name']] : [],
    );
    const blocks = peers.flatMap((p) => (p.ipBlock ? [p.ipBlock] : []));

    expect(namespaces).toEqual(['kube-system']);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.except).toEqual(expect.arrayContaining(PRIVATE_RANGES));
  });

  it('gives runtime pods no API token and lets only the platform apps reach Redis', () => {
    expect(
      find(objects, 'ServiceAccount', 'default', 'agentrt-runtimes')[
        'automountServiceAccountToken'
      ],
    ).toBe(false);
    const from = policy('redis', 'agentrt').ingress?.[0]?.from;
    expect(from).toEqual([
      {
        podSelector: {
          matchExpressions: [
            {
              key: 'app.kubernetes.io/name',
              operator: 'In',
              values: ['runtime-api', 'gateway', 'build-service'],
            },
          ],
        },
      },
    ]);
  });
});

describe('configuration', () => {
  const secrets = objects.filter((o) => o.kind === 'Secret');

  it('ships placeholder secrets only', () => {
    const values = secrets.flatMap((s) =>
      Object.values(s['data'] as Record<string, string>).map((v) =>
        Buffer.from(v, 'base64').toString('utf8'),
      ),
    );
    const placeholder = /^(replace-me|0{64}(:[a-z+]+)?)$/;

    expect(secrets.length).toBeGreaterThan(0);
    expect(values.filter((v) => !placeholder.test(v))).toEqual([]);
  });

  it.each(['runtime-api', 'gateway', 'build-service'])(
    '%s: every variable set is one its README documents, every secret key exists',
    (app) => {
      const deployment = find(objects, 'Deployment', app);
      const c = first(podSpec(deployment).containers, `${app} container`);
      const fromConfigMaps = (c.envFrom ?? []).flatMap((e) =>
        Object.keys(
          find(objects, 'ConfigMap', e.configMapRef?.name ?? '', 'agentrt')['data'] as object,
        ),
      );
      const names = [...fromConfigMaps, ...(c.env ?? []).map((e) => e.name)];

      const documented = readmeVariables(app);
      expect(names.filter((n) => !documented.has(n))).toEqual([]);
      for (const ref of (c.env ?? []).flatMap((e) =>
        e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef] : [],
      )) {
        const secret = secrets.find((s: K8sObject) => s.metadata.name === ref.name);
        expect(Object.keys((secret?.['data'] as object | undefined) ?? {})).toContain(ref.key);
      }
    },
  );
});
