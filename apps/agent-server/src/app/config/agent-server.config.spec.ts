import { loadConfig } from '@agentrt/platform';
import { AgentServerConfigSchema } from './agent-server.config';

const load = (env: Record<string, string>) =>
  loadConfig('agent-server', AgentServerConfigSchema, env);

describe('agent-server config', () => {
  it('starts with no variables at all, on the OpenHands port', () => {
    expect(load({})).toEqual({ HOST: '127.0.0.1', PORT: 8000, LOG_LEVEL: 'info' });
  });

  it('refuses an empty session key rather than silently disabling auth', () => {
    expect(() => load({ SESSION_API_KEY: '' })).toThrow(
      /SESSION_API_KEY: must not be empty when set/,
    );
  });

  it('names PORT when it is not a port', () => {
    expect(() => load({ PORT: '0' })).toThrow(/PORT: must be between 1 and 65535/);
  });
});
