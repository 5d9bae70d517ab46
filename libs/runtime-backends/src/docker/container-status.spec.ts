import { exitCodeFromStatusText, mapContainerStatus } from './container-status';

const base = { exitCode: 0, oomKilled: false };

describe('mapContainerStatus', () => {
  it.each([
    ['created', 'starting', 'pending'],
    ['running', 'running', 'running'],
    ['paused', 'paused', 'pending'],
    ['restarting', 'error', 'crashloopbackoff'],
    ['removing', 'stopped', 'failed'],
    ['dead', 'error', 'unknown'],
  ])('maps %s to %s / %s', (state, status, podStatus) => {
    expect(mapContainerStatus({ ...base, state })).toEqual({ status, podStatus });
  });

  it('treats a clean exit as stopped and a failed or OOM-killed one as error', () => {
    expect(mapContainerStatus({ ...base, state: 'exited' }).status).toBe('stopped');
    expect(mapContainerStatus({ ...base, state: 'exited', exitCode: 1 }).status).toBe('error');
    expect(mapContainerStatus({ state: 'exited', exitCode: 0, oomKilled: true }).status).toBe(
      'error',
    );
  });
});

describe('exitCodeFromStatusText', () => {
  it('reads the code from docker ps status text', () => {
    expect(exitCodeFromStatusText('Exited (137) 2 minutes ago')).toBe(137);
    expect(exitCodeFromStatusText('Up 3 seconds')).toBe(0);
  });
});
