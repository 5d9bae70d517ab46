import { ClientConfigError, loadClientConfig } from './client-config';

const REMOTE = {
  AGENTRT_USE_REMOTE_RUNTIME: 'true',
  RUNTIME_API_URL: 'http://runtime-api:5054/',
  RUNTIME_API_KEY: 'rt-key',
  AGENTRT_AGENT_SERVER_IMAGE: 'agentrt/agent-server-runtime:dev',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadClientConfig(env);
  } catch (error) {
    if (error instanceof ClientConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadClientConfig', () => {
  it('defaults to a local runtime with WebSocket events and nothing else set', () => {
    expect(loadClientConfig({})).toEqual({
      useRemoteRuntime: false,
      agentServerImage: undefined,
      agentServerCommand: undefined,
      workingDir: undefined,
      resourceFactor: 1,
      websocket: true,
      debug: false,
      fallbackToLocal: false,
      remoteStartAttempts: 3,
      startTimeoutMs: 120_000,
      localEnvironment: {},
    });
  });

  it('passes only the basics of the environment on to local agent servers', () => {
    const config = loadClientConfig({
      PATH: '/usr/bin',
      HOME: '/home/me',
      RUNTIME_API_URL: 'http://x',
      RUNTIME_API_KEY: 'rt-secret',
      LLM_MODEL: 'm',
      LLM_API_KEY: 'sk-secret',
      AWS_SECRET_ACCESS_KEY: 'aws-secret',
    });
    expect(config.localEnvironment).toEqual({ PATH: '/usr/bin', HOME: '/home/me' });
  });

  it('reads a remote configuration, the LLM and the gateway', () => {
    const config = loadClientConfig({
      ...REMOTE,
      AGENTRT_RESOURCE_FACTOR: '4',
      AGENTRT_WEBSOCKET: 'off',
      AGENTRT_DEBUG: '1',
      AGENTRT_FALLBACK_TO_LOCAL: 'yes',
      AGENTRT_AGENT_SERVER_COMMAND: 'node, dist/apps/agent-server/main.js',
      LLM_MODEL: 'openai/gpt-4o',
      LLM_API_KEY: 'sk-x',
      AGENTRT_GATEWAY_URL: 'https://gw.example',
      AGENTRT_API_KEY: 'gw-key',
      UNRELATED: 'ignored',
    });
    expect(config).toMatchObject({
      useRemoteRuntime: true,
      runtimeApi: { url: 'http://runtime-api:5054', apiKey: 'rt-key' },
      resourceFactor: 4,
      websocket: false,
      debug: true,
      fallbackToLocal: true,
      agentServerCommand: ['node', 'dist/apps/agent-server/main.js'],
      llm: { model: 'openai/gpt-4o', apiKey: 'sk-x' },
      gateway: { url: 'https://gw.example', apiKey: 'gw-key' },
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadClientConfig({ RUNTIME_API_URL: '', LLM_MODEL: ' ' }).llm).toBeUndefined();
  });

  it('lists every bad variable at once', () => {
    expect(
      problemsOf({
        AGENTRT_USE_REMOTE_RUNTIME: 'maybe',
        AGENTRT_RESOURCE_FACTOR: '3',
        RUNTIME_API_URL: 'ftp://x',
        AGENTRT_REMOTE_START_ATTEMPTS: '-1',
      }),
    ).toEqual([
      'AGENTRT_USE_REMOTE_RUNTIME: must be true or false (1/0, yes/no, on/off)',
      'RUNTIME_API_URL: must be an http(s) URL',
      'AGENTRT_RESOURCE_FACTOR: must be 1, 2, 4 or 8',
      'AGENTRT_REMOTE_START_ATTEMPTS: must be at least 0',
    ]);
  });

  it('says what a remote runtime is missing, and what only makes sense together', () => {
    expect(problemsOf({ AGENTRT_USE_REMOTE_RUNTIME: 'true', LLM_API_KEY: 'sk' })).toEqual([
      'RUNTIME_API_URL: required for a remote runtime',
      'AGENTRT_AGENT_SERVER_IMAGE: required for a remote runtime',
      'LLM_MODEL: required when LLM_API_KEY or LLM_BASE_URL is set',
    ]);
    expect(problemsOf({ RUNTIME_API_URL: 'http://x', AGENTRT_FALLBACK_TO_LOCAL: 'true' })).toEqual([
      'RUNTIME_API_URL and RUNTIME_API_KEY: set both or neither',
      'AGENTRT_FALLBACK_TO_LOCAL: only means something with a remote runtime',
    ]);
  });

  it('never puts a secret in its error message', () => {
    expect(problemsOf({ ...REMOTE, RUNTIME_API_KEY: 'rt-secret', AGENTRT_DEBUG: 'x' })).toEqual([
      'AGENTRT_DEBUG: must be true or false (1/0, yes/no, on/off)',
    ]);
  });
});
