import { decideRoute } from './route-decision';

describe('decideRoute (gateway.md decision table)', () => {
  it.each([
    [{}, { module: 'agent-runner', reason: 'default' }],
    [
      { 'x-force-agent-runner': '' },
      {
        module: 'agent-runner',
        reason: 'force-agent-runner-header',
        header: 'X-FORCE-AGENT-RUNNER',
      },
    ],
    [{ 'x-debug-run': '' }, { module: 'debugger', reason: 'debug-header', header: 'X-DEBUG-RUN' }],
    [
      { 'x-debug-read': 'r1' },
      { module: 'debugger', reason: 'debug-header', header: 'X-DEBUG-READ' },
    ],
    [
      { 'x-debug-inj': 'r1' },
      { module: 'debugger', reason: 'debug-header', header: 'X-DEBUG-INJ' },
    ],
    [
      { 'x-debug-stop': 'r1' },
      { module: 'debugger', reason: 'debug-header', header: 'X-DEBUG-STOP' },
    ],
    [
      { 'x-debug-skip': 'r1' },
      { module: 'debugger', reason: 'debug-header', header: 'X-DEBUG-SKIP' },
    ],
    [
      { 'x-monitor-id': 'a,b' },
      { module: 'debugger', reason: 'debug-header', header: 'X-MONITOR-ID' },
    ],
    [
      { 'x-force-debugger': 'no' },
      { module: 'debugger', reason: 'force-debugger-header', header: 'X-FORCE-DEBUGGER' },
    ],
    [
      { 'x-routing-mode': 'debugger' },
      { module: 'debugger', reason: 'routing-mode-header', header: 'X-ROUTING-MODE' },
    ],
    [
      { 'x-routing-mode': 'agent-runner' },
      { module: 'agent-runner', reason: 'routing-mode-header', header: 'X-ROUTING-MODE' },
    ],
  ])('routes %j as %j', (headers, decision) => {
    expect(decideRoute(headers)).toEqual(decision);
  });

  it('lets a higher priority win: debug headers beat X-FORCE-DEBUGGER and X-ROUTING-MODE', () => {
    expect(
      decideRoute({
        'x-routing-mode': 'agent-runner',
        'x-debug-read': 'r1',
        'x-force-debugger': '1',
      }),
    ).toMatchObject({ module: 'debugger', reason: 'debug-header' });
    expect(decideRoute({ 'x-force-debugger': '', 'x-routing-mode': 'agent-runner' })).toMatchObject(
      {
        module: 'debugger',
        reason: 'force-debugger-header',
      },
    );
  });

  it('counts presence, not value: an empty or "false" header still routes', () => {
    expect(decideRoute({ 'x-force-debugger': 'false' })).toMatchObject({ module: 'debugger' });
    expect(decideRoute({ 'x-debug-run': '' })).toMatchObject({ module: 'debugger' });
  });

  it('refuses X-FORCE-AGENT-RUNNER together with debug headers (403), naming them', () => {
    expect(
      decideRoute({ 'x-force-agent-runner': '1', 'x-debug-run': '', 'x-monitor-id': 'a' }),
    ).toEqual({
      status: 403,
      detail: expect.stringContaining('X-DEBUG-RUN, X-MONITOR-ID') as unknown,
    });
  });

  it('forces the agent-runner over X-FORCE-DEBUGGER (no debug header involved)', () => {
    expect(decideRoute({ 'x-force-agent-runner': '', 'x-force-debugger': '' })).toMatchObject({
      module: 'agent-runner',
    });
  });

  it('rejects an unknown X-ROUTING-MODE with 400', () => {
    expect(decideRoute({ 'x-routing-mode': 'embodiment' })).toEqual({
      status: 400,
      detail: 'X-ROUTING-MODE must be agent-runner or debugger',
    });
  });
});
