import { rejectionOf } from '../common/rejection.testing';
import { StartRequestSchema } from './start-request';

/** What OpenHands `RemoteRuntime._start_runtime` posts, plus a field we do not know. */
const remoteRuntimeBody = {
  image: 'ghcr.io/all-hands-ai/runtime:0.59-nikolaik',
  command: [
    '/openhands/micromamba/bin/micromamba',
    'run',
    '-n',
    'openhands',
    'poetry',
    'run',
    'python',
    '-u',
    '-m',
    'openhands.runtime.action_execution_server',
    '60000',
    '--working-dir',
    '/workspace',
  ],
  working_dir: '/openhands/code/',
  environment: { DEBUG: 'true', LOG_JSON: 'true' },
  session_id: 'c0a8012e7f3a4c1b9e2d',
  resource_factor: 2,
  runtime_class: 'sysbox-runc',
  client_trace_id: 'abc-123',
};

describe('StartRequestSchema', () => {
  it('accepts the body OpenHands RemoteRuntime sends and keeps unknown fields', () => {
    const parsed = StartRequestSchema.parse(remoteRuntimeBody);

    expect(parsed.command).toEqual(remoteRuntimeBody.command);
    expect(parsed.resource_factor).toBe(2);
    expect(parsed.runtime_class).toBe('sysbox-runc');
    expect(parsed['client_trace_id']).toBe('abc-123');
  });

  it('accepts the V1 RemoteSandboxService body with user ids and null optional fields', () => {
    const parsed = StartRequestSchema.parse({
      image: 'ghcr.io/openhands/agent-server:1.0.0-python',
      command: null,
      working_dir: null,
      environment: { OH_WEBHOOKS_0_BASE_URL: 'http://app:3000/api/v1/webhooks' },
      session_id: 'sbx-42',
      resource_factor: 1,
      run_as_user: 10001,
      run_as_group: 10001,
      fs_group: 10001,
    });

    expect(parsed.command).toBeUndefined();
    expect(parsed.working_dir).toBeUndefined();
    expect(parsed.run_as_user).toBe(10001);
  });

  it('accepts a command given as one shell string', () => {
    const parsed = StartRequestSchema.parse({ image: 'agentrt/agent-server', command: 'sleep 1' });
    expect(parsed.command).toBe('sleep 1');
  });

  it('defaults resource_factor to 1 and leaves session_id to the server', () => {
    const parsed = StartRequestSchema.parse({ image: 'agentrt/agent-server' });
    expect(parsed.resource_factor).toBe(1);
    expect(parsed.session_id).toBeUndefined();
  });

  it('rejects a resource factor outside 1, 2, 4, 8, naming the field', () => {
    const message = rejectionOf(StartRequestSchema, { ...remoteRuntimeBody, resource_factor: 3 });
    expect(message).toContain('resource_factor');
    expect(message).toContain('1|2|4|8');
  });

  it('rejects a resource factor sent as a string', () => {
    expect(rejectionOf(StartRequestSchema, { image: 'x', resource_factor: '2' })).toContain(
      'resource_factor',
    );
  });

  it('requires a non-empty image', () => {
    expect(rejectionOf(StartRequestSchema, { command: 'true' })).toContain('image');
    expect(rejectionOf(StartRequestSchema, { image: '   ' })).toContain('image must not be empty');
  });

  it('names the offending environment variable when a value is not a string', () => {
    const message = rejectionOf(StartRequestSchema, { image: 'x', environment: { DEBUG: true } });
    expect(message).toContain('environment.DEBUG');
  });

  it('rejects a command array holding a non-string', () => {
    expect(rejectionOf(StartRequestSchema, { image: 'x', command: ['sleep', 1] })).toContain(
      'command',
    );
  });

  it('rejects an unknown pull policy and fractional or negative user ids', () => {
    expect(
      rejectionOf(StartRequestSchema, { image: 'x', image_pull_policy: 'Sometimes' }),
    ).toContain('image_pull_policy');
    expect(rejectionOf(StartRequestSchema, { image: 'x', run_as_user: -1 })).toContain(
      'run_as_user',
    );
    expect(rejectionOf(StartRequestSchema, { image: 'x', fs_group: 1.5 })).toContain('fs_group');
  });

  it('accepts every pull policy', () => {
    for (const policy of ['Always', 'IfNotPresent', 'Never']) {
      expect(
        StartRequestSchema.parse({ image: 'x', image_pull_policy: policy }).image_pull_policy,
      ).toBe(policy);
    }
  });
});
