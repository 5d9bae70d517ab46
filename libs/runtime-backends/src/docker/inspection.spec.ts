import type { ContainerInspectInfo } from 'dockerode';
import { toInspection } from './inspection';

function info(state: Partial<ContainerInspectInfo['State']>): ContainerInspectInfo {
  return {
    Created: '2026-01-01T00:00:00Z',
    RestartCount: 2,
    Config: { Labels: { a: 'b' } },
    State: {
      Status: 'running',
      Running: true,
      ExitCode: 0,
      OOMKilled: false,
      Error: '',
      StartedAt: '2026-01-01T00:00:01Z',
      FinishedAt: '0001-01-01T00:00:00Z',
      ...state,
    },
  } as unknown as ContainerInspectInfo;
}

describe('toInspection', () => {
  it('reports a running container as running with its start event', () => {
    const result = toInspection(info({}), 'log line\n');
    expect(result).toMatchObject({
      status: 'running',
      podStatus: 'running',
      restartCount: 2,
      restartReasons: [],
      logsTail: 'log line\n',
      createdAt: '2026-01-01T00:00:00Z',
      labels: { a: 'b' },
    });
    expect(result.events.map((e) => e.reason)).toEqual(['Started']);
  });

  it('reports an OOM kill and the exit code as events and restart reasons', () => {
    const finished = '2026-01-01T00:01:00Z';
    const result = toInspection(
      info({
        Status: 'exited',
        Running: false,
        ExitCode: 137,
        OOMKilled: true,
        FinishedAt: finished,
      }),
      '',
    );
    expect(result).toMatchObject({ status: 'error', podStatus: 'failed' });
    expect(result.events).toContainEqual({
      at: finished,
      reason: 'OOMKilled',
      message: 'killed: out of memory',
    });
    expect(result.restartReasons).toEqual(['killed: out of memory', 'exited with code 137']);
  });
});
