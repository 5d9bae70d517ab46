import { leakedSecrets, manifestProblems, secretValues } from './fake-kube-checks';
import { jobLeaks } from './fake-kube-job-checks';

/** The fake is only as strict as these checks; they must catch what they claim to. */
describe('fake API server checks', () => {
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'agentrt-rt1' },
    type: 'Opaque',
    data: { SESSION_API_KEY: Buffer.from('sk-secret-value').toString('base64') },
  };

  it('accepts a well-formed Secret and decodes its values', () => {
    expect(manifestProblems(secret, 'Secret', 'ns')).toEqual([]);
    expect(secretValues(secret)).toEqual(['sk-secret-value']);
  });

  it('refuses Secret data that is not base64, stringData and bad keys', () => {
    const bad = { ...secret, data: { 'BAD KEY': 'sk-secret-value!' }, stringData: { A: 'b' } };
    expect(manifestProblems(bad, 'Secret', 'ns')).toEqual([
      'stringData (values must be base64 data)',
      'invalid secret key "BAD KEY"',
      'secret key BAD KEY is not base64',
    ]);
  });

  it('flags a secret value in an annotation or an inline env value', () => {
    const service = {
      metadata: { annotations: { 'org.agentrt.spec': '{"environment":{"K":"sk-secret-value"}}' } },
    };
    const pod = { spec: { containers: [{ env: [{ name: 'K', value: 'sk-secret-value' }] }] } };
    expect(leakedSecrets(service, ['sk-secret-value'])).toEqual([
      'annotation org.agentrt.spec holds a secret value',
    ]);
    expect(leakedSecrets(pod, ['sk-secret-value'])).toEqual(['env K holds a secret value inline']);
    expect(leakedSecrets(service, ['other-value'])).toEqual([]);
  });
});

describe('fake API server Job checks', () => {
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'build-1', labels: { 'app.kubernetes.io/managed-by': 'agentrt' } },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: 60,
      template: {
        metadata: { labels: { 'agentrt.dev/build': 'build-1' } },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'builder',
              image: 'executor:1',
              args: ['--context=tar:///blobs/c.tar.gz'],
              volumeMounts: [{ name: 'context', mountPath: '/blobs', readOnly: true }],
              resources: { limits: { cpu: '500m', memory: '4Gi' } },
            },
          ],
          volumes: [{ name: 'context', persistentVolumeClaim: { claimName: 'blobs' } }],
        },
      },
    },
  };
  const podSpec = job.spec.template.spec;

  it('accepts a well-formed Job with prefixed label keys', () => {
    expect(manifestProblems(job, 'Job', 'ns')).toEqual([]);
  });

  it('refuses what the real API server refuses in a Job', () => {
    const container = { ...podSpec.containers[0], volumeMounts: [{ name: 'x', mountPath: 'rel' }] };
    const bad = {
      ...job,
      apiVersion: 'v1',
      metadata: { name: 'build-1', labels: { 'Bad_Prefix/x': 'y' } },
      spec: {
        ...job.spec,
        selector: { matchLabels: { a: 'b' } },
        activeDeadlineSeconds: 0,
        template: { spec: { ...podSpec, restartPolicy: 'Always', containers: [container] } },
      },
    };
    expect(manifestProblems(bad, 'Job', 'ns')).toEqual([
      'apiVersion v1',
      'invalid label key "Bad_Prefix/x"',
      'activeDeadlineSeconds 0',
      'volumeMount x names no volume',
      'mountPath rel',
      'spec.selector set without manualSelector',
      'restartPolicy Always (a Job needs Never or OnFailure)',
    ]);
  });

  it('finds a secret value anywhere in a Job, args included', () => {
    const leaky = {
      ...job,
      spec: {
        ...job.spec,
        template: { spec: { containers: [{ args: ['--build-arg=T=sk-secret-value'] }] } },
      },
    };
    expect(jobLeaks(leaky, ['sk-secret-value', 'short'])).toEqual([
      'holds the secret value sk-… in clear',
    ]);
    expect(jobLeaks(job, ['sk-secret-value'])).toEqual([]);
  });
});
