import { proxyTargetOf } from './proxy-target';
import type { RuntimeRecord } from './runtime-record';

const AGENT_PORT = 8000;

function record(fields: Partial<RuntimeRecord>): RuntimeRecord {
  return {
    version: 1,
    runtimeId: '0123456789abcdef0123',
    sessionId: 's1',
    owner: 'o1',
    image: 'img',
    resourceFactor: 1,
    sessionApiKey: 'key-1',
    status: 'running',
    podStatus: 'ready',
    backend: 'local',
    handle: {
      backend: 'local',
      runtimeId: '0123456789abcdef0123',
      ref: '42',
      endpoints: { [AGENT_PORT]: 'http://127.0.0.1:40001', 3000: 'http://127.0.0.1:40002' },
    },
    workPorts: [3000, 4000],
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    activeSince: '2025-01-01T00:00:00.000Z',
    restartCount: 0,
    restartReasons: [],
    ...fields,
  };
}

describe('proxyTargetOf (runtime-api record -> proxy target)', () => {
  it('gives a running runtime its agent server and published work ports', () => {
    expect(proxyTargetOf(record({}), AGENT_PORT)).toEqual({
      state: 'running',
      baseUrl: 'http://127.0.0.1:40001',
      sessionApiKey: 'key-1',
      ports: { 3000: 'http://127.0.0.1:40002' },
    });
  });

  it('hides unclaimed warm-pool runtimes and missing records', () => {
    expect(proxyTargetOf(record({ pool: { key: 'k', initApiKey: 'i' } }), AGENT_PORT)).toBe(
      undefined,
    );
    expect(proxyTargetOf(undefined, AGENT_PORT)).toBeUndefined();
  });

  it('keeps the state (and the key) of a runtime that is not running', () => {
    expect(proxyTargetOf(record({ status: 'paused' }), AGENT_PORT)).toEqual({
      state: 'paused',
      sessionApiKey: 'key-1',
    });
  });

  it('calls a running record without an agent-server endpoint starting', () => {
    expect(proxyTargetOf(record({ handle: undefined }), AGENT_PORT)).toEqual({
      state: 'starting',
      sessionApiKey: 'key-1',
    });
    expect(proxyTargetOf(record({}), 9999)?.state).toBe('starting');
  });
});
