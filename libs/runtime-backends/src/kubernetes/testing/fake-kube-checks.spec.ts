import { leakedSecrets, manifestProblems, secretValues } from './fake-kube-checks';

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
