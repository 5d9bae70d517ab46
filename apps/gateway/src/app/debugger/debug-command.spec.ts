import { ApiException } from '@agentrt/platform';
import { type DebugCommand, debugCommandOf } from './debug-command';

const statusOf = (run: () => DebugCommand) => {
  try {
    run();
    return 'no error';
  } catch (error) {
    return error instanceof ApiException ? `${error.getStatus()} ${error.detail}` : error;
  }
};

describe('debugCommandOf', () => {
  it('starts a run for X-DEBUG-RUN without a value or with "new", and for a bare forced POST', () => {
    expect(debugCommandOf({ 'x-debug-run': '' }, 'POST')).toEqual({ kind: 'start' });
    expect(debugCommandOf({ 'x-debug-run': 'NEW' }, 'POST')).toEqual({ kind: 'start' });
    expect(debugCommandOf({ 'x-force-debugger': '1' }, 'POST')).toEqual({ kind: 'start' });
  });

  it('reads the run id of every other command', () => {
    expect(debugCommandOf({ 'x-debug-run': 'dbg-1' }, 'POST')).toEqual({
      kind: 'step',
      runId: 'dbg-1',
    });
    expect(debugCommandOf({ 'x-debug-read': ' dbg-1 ' }, 'GET')).toEqual({
      kind: 'read',
      runId: 'dbg-1',
    });
    expect(debugCommandOf({ 'x-debug-inj': 'dbg-1' }, 'POST')).toMatchObject({ kind: 'inject' });
    expect(debugCommandOf({ 'x-debug-skip': 'dbg-1' }, 'POST')).toMatchObject({ kind: 'skip' });
    expect(debugCommandOf({ 'x-debug-stop': 'dbg-1' }, 'POST')).toMatchObject({ kind: 'stop' });
  });

  it('monitors each listed run once', () => {
    expect(debugCommandOf({ 'x-monitor-id': 'run-1, dbg-2,run-1' }, 'GET')).toEqual({
      kind: 'monitor',
      runIds: ['run-1', 'dbg-2'],
    });
  });

  it('refuses several debug headers, a missing run id, and a forced GET with no command (400)', () => {
    expect(
      statusOf(() => debugCommandOf({ 'x-debug-run': 'dbg-1', 'x-debug-stop': 'dbg-1' }, 'POST')),
    ).toBe('400 Send one debug header per request, not several (X-DEBUG-RUN, X-DEBUG-STOP)');
    expect(statusOf(() => debugCommandOf({ 'x-debug-read': '' }, 'GET'))).toBe(
      "400 X-DEBUG-READ needs the debug run's id",
    );
    expect(statusOf(() => debugCommandOf({ 'x-monitor-id': ' , ' }, 'GET'))).toMatch(
      /^400 X-MONITOR-ID/,
    );
    expect(statusOf(() => debugCommandOf({ 'x-routing-mode': 'debugger' }, 'GET'))).toMatch(
      /^400 Name what to do with one of X-DEBUG-RUN/,
    );
  });
});
