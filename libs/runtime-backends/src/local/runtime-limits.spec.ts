import type { RuntimeSpec } from '../runtime-backend';
import { limitedArgv, limitsOf } from './runtime-limits';

const options = { root: '/r', owner: 'o', agentServerCommand: ['node', 'main.js'] };

function spec(overrides: Partial<RuntimeSpec> = {}): RuntimeSpec {
  return {
    runtimeId: 'rt-1',
    sessionId: 's-1',
    image: 'ignored',
    command: [],
    environment: {},
    ports: [8000],
    resourceFactor: 4,
    pullPolicy: 'Never',
    labels: {},
    ...overrides,
  };
}

describe('local runtime limits', () => {
  it('caps memory at the factor times 2 GiB by default, and runs as the backend without ids', () => {
    expect(limitsOf(spec(), options)).toEqual({ dataBytes: 8 * 1024 ** 3 });
  });

  it('gives the user id as group id when the spec names no group, never keeping root group', () => {
    expect(limitsOf(spec({ runAsUser: 1000 }), options)).toMatchObject({ uid: 1000, gid: 1000 });
    expect(limitsOf(spec({ runAsUser: 1000, runAsGroup: 50 }), options)).toMatchObject({
      uid: 1000,
      gid: 50,
    });
  });

  it('applies no cap when the unit is 0', () => {
    expect(limitsOf(spec(), { ...options, memoryBytesPerUnit: 0 })).toEqual({});
  });

  it('wraps argv in sh setting RLIMIT_DATA in KiB, and leaves it alone without a cap', () => {
    expect(limitedArgv(['node', 'a b.js'], { dataBytes: 1024 ** 2 })).toEqual([
      '/bin/sh',
      '-c',
      'ulimit -d "$0" && exec "$@"',
      '1024',
      'node',
      'a b.js',
    ]);
    expect(limitedArgv(['node'], {})).toEqual(['node']);
  });
});
