import { loadConfig } from '@agentrt/platform';
import { AgentServerConfigSchema } from './agent-server.config';

const load = (env: Record<string, string>) =>
  loadConfig('agent-server', AgentServerConfigSchema, env);

describe('agent-server config', () => {
  it('starts with no variables at all, on the OpenHands port, without auth', () => {
    const config = load({});
    expect(config).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 8000,
      LOG_LEVEL: 'info',
      SESSION_API_KEYS: [],
    });
    expect(config.WORKSPACE_DIR).toMatch(/^\/.*\/workspace$/);
    expect(config.AGENT_STATE_DIR).toBe(`${config.WORKSPACE_DIR}/.agentrt`);
  });

  it('collects SESSION_API_KEY and every OH_SESSION_API_KEYS_<n>, in order, once each', () => {
    const config = load({
      SESSION_API_KEY: 'a',
      OH_SESSION_API_KEYS_10: 'c',
      OH_SESSION_API_KEYS_2: 'b',
      OH_SESSION_API_KEYS_3: 'a',
    });
    expect(config.SESSION_API_KEYS).toEqual(['a', 'b', 'c']);
  });

  it('keeps its own credentials out of the environment commands inherit', () => {
    const config = load({
      SESSION_API_KEY: 'k',
      OH_SESSION_API_KEYS_0: 'k2',
      INIT_API_KEY: 'i'.repeat(16),
      PATH: '/usr/bin',
      HOME: '/root',
    });
    expect(config.CHILD_ENV).toEqual({ PATH: '/usr/bin', HOME: '/root' });
  });

  it('refuses an empty session key rather than silently disabling auth', () => {
    expect(() => load({ SESSION_API_KEY: '' })).toThrow(
      /SESSION_API_KEY: must not be empty when set/,
    );
  });

  it('names PORT when it is not a port, and bounds the limits', () => {
    expect(() => load({ PORT: '0' })).toThrow(/PORT: must be between 1 and 65535/);
    expect(() => load({ FILE_UPLOAD_MAX_BYTES: '-1' })).toThrow(
      /FILE_UPLOAD_MAX_BYTES: must be at least 1/,
    );
  });
});

describe('agent-server config: bash and files', () => {
  it('allows files in the workspace and the commands home by default', () => {
    const config = load({ WORKSPACE_DIR: '/srv/ws', HOME: '/home/agent' });
    expect(config.FILE_ALLOWED_ROOTS).toEqual(['/srv/ws', '/home/agent']);
    expect(config.FILE_UPLOAD_ALLOWED_EXTENSIONS).toEqual([]);
    expect(config).toMatchObject({
      BASH_EVENTS_MAX: 10_000,
      BASH_EVENTS_MAX_BYTES: 64 * 1024 ** 2,
    });
  });

  it('reads roots and extensions as comma lists, normalising extensions', () => {
    const config = load({
      FILE_ALLOWED_ROOTS: '/a, /b/',
      FILE_UPLOAD_ALLOWED_EXTENSIONS: 'TXT,.py',
    });
    expect(config.FILE_ALLOWED_ROOTS).toEqual(['/a', '/b']);
    expect(config.FILE_UPLOAD_ALLOWED_EXTENSIONS).toEqual(['.txt', '.py']);
  });

  it('refuses relative roots, naming the variable', () => {
    expect(() => load({ FILE_ALLOWED_ROOTS: '/a,b' })).toThrow(
      /FILE_ALLOWED_ROOTS.*must list absolute paths/,
    );
  });
});
