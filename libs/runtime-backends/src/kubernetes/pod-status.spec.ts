import { restartsOf, toPodStatus, toRuntimeStatus } from './pod-status';

const ready = [{ type: 'Ready', status: 'True' }];

describe('toPodStatus', () => {
  it.each([
    ['a 404', undefined, 'not found'],
    ['Pending', { phase: 'Pending' }, 'pending'],
    ['Running and Ready', { phase: 'Running', conditions: ready }, 'ready'],
    [
      'Running, not Ready',
      { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] },
      'running',
    ],
    ['Failed', { phase: 'Failed' }, 'failed'],
    ['Succeeded', { phase: 'Succeeded' }, 'failed'],
    ['Unknown', { phase: 'Unknown' }, 'unknown'],
    ['no phase', {}, 'unknown'],
    [
      'CrashLoopBackOff',
      {
        phase: 'Running',
        containerStatuses: [{ state: { waiting: { reason: 'CrashLoopBackOff' } } }],
      },
      'crashloopbackoff',
    ],
  ])('maps %s', (_case, pod, expected) => {
    expect(toPodStatus(pod)).toBe(expected);
  });
});

describe('toRuntimeStatus', () => {
  it('maps pod statuses onto lifecycle statuses, telling paused from stopped', () => {
    expect(toRuntimeStatus('ready', true)).toBe('running');
    expect(toRuntimeStatus('running', true)).toBe('starting');
    expect(toRuntimeStatus('pending', true)).toBe('starting');
    expect(toRuntimeStatus('crashloopbackoff', true)).toBe('error');
    expect(toRuntimeStatus('not found', true)).toBe('paused');
    expect(toRuntimeStatus('not found', false)).toBe('stopped');
  });
});

describe('restartsOf', () => {
  it('sums restart counts and collects last termination reasons', () => {
    const pod = {
      containerStatuses: [
        { restartCount: 2, lastState: { terminated: { reason: 'OOMKilled' } } },
        { restartCount: 1 },
      ],
    };
    expect(restartsOf(pod)).toEqual({ count: 3, reasons: ['OOMKilled'] });
    expect(restartsOf(undefined)).toEqual({ count: 0, reasons: [] });
  });
});
