import { ApiException } from '@agentrt/platform';
import type { AgentServerConfig } from '../config/agent-server.config';
import { RuntimeEnvironment } from '../environment/runtime-environment';
import { ActivityTracker } from '../health/activity-tracker';
import { RuntimeInitService } from './runtime-init.service';
import { SessionKeys } from './session-keys';

const INIT_KEY = 'init-key-0123456789';

function setup(initKey: string | null = INIT_KEY) {
  const config = {
    SESSION_API_KEYS: [],
    INIT_API_KEY: initKey ?? undefined,
    CHILD_ENV: { PATH: '/bin' },
  } as unknown as AgentServerConfig;
  let now = 0;
  const activity = new ActivityTracker(() => now);
  const keys = new SessionKeys(config);
  const environment = new RuntimeEnvironment(config);
  const service = new RuntimeInitService(config, keys, environment, activity);
  return { service, keys, environment, activity, advance: (ms: number) => (now += ms) };
}

const statusOf = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiException) return [error.getStatus(), error.detail];
    throw error;
  }
  return [200, ''];
};

describe('RuntimeInitService', () => {
  it('sets the session key and environment once, and restarts the idle clock', () => {
    const { service, keys, environment, activity, advance } = setup();
    advance(600_000);
    service.init(INIT_KEY, { session_api_key: 'session-1', environment: { FOO: 'bar' } });
    expect(keys.accepts('session-1')).toBe(true);
    expect(environment.forChild({ SECRET: 's' })).toEqual({
      PATH: '/bin',
      FOO: 'bar',
      SECRET: 's',
    });
    expect(activity.idleSeconds()).toBe(0);
  });

  it('refuses a second init so a claimed runtime cannot be re-keyed', () => {
    const { service, keys } = setup();
    service.init(INIT_KEY, { session_api_key: 'first' });
    expect(statusOf(() => service.init(INIT_KEY, { session_api_key: 'second' }))).toEqual([
      409,
      'This runtime has already been initialized',
    ]);
    expect(keys.accepts('first')).toBe(true);
  });

  it('refuses a missing or wrong init key, and is off without INIT_API_KEY', () => {
    expect(statusOf(() => setup().service.init(undefined, { session_api_key: 'x' }))[0]).toBe(401);
    expect(
      statusOf(() => setup().service.init('wrong-key-of-same-len', { session_api_key: 'x' }))[0],
    ).toBe(401);
    expect(statusOf(() => setup(null).service.init(INIT_KEY, { session_api_key: 'x' }))[0]).toBe(
      404,
    );
  });
});
