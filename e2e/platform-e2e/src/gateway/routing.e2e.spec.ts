import { GatewayStack } from './gateway-stack';

/**
 * The routing table of gateway.md through a booted gateway, case by case: which module serves
 * `/api/*` (X-Routed-To), header presence, the 403 cases, and SERVER_MODE deployments.
 */
describe('gateway routing: the decision table and SERVER_MODE', () => {
  let stack: GatewayStack;
  let agentOnly: string;
  let debuggerOnly: string;

  beforeAll(async () => {
    stack = await GatewayStack.start();
    agentOnly = (await stack.replica({ SERVER_MODE: 'agent' })).url;
    debuggerOnly = (await stack.replica({ SERVER_MODE: 'debugger' })).url;
  }, 120_000);
  afterAll(async () => stack?.tearDown());

  const UNKNOWN_RUN = 'run-00000000000000000000';

  /** Where a read of an unknown run went, with the debug-scoped key unless told otherwise. */
  async function routed(
    headers: Record<string, string>,
    key = stack.keys.debug,
    base = stack.gateway.url,
  ) {
    const response = await stack.call('GET', `${base}/api/runs/${UNKNOWN_RUN}`, { key, headers });
    const body = (await response.json()) as { detail: string; code: string };
    return { status: response.status, routedTo: response.headers.get('x-routed-to'), body };
  }

  it.each([
    ['no routing header', {}, 'agent-runner'],
    ['X-FORCE-AGENT-RUNNER', { 'X-FORCE-AGENT-RUNNER': '1' }, 'agent-runner'],
    ['X-DEBUG-READ', { 'X-DEBUG-READ': UNKNOWN_RUN }, 'debugger'],
    [
      'X-MONITOR-ID beats X-ROUTING-MODE',
      { 'X-MONITOR-ID': UNKNOWN_RUN, 'X-ROUTING-MODE': 'agent-runner' },
      'debugger',
    ],
    ['X-FORCE-DEBUGGER with an empty value', { 'X-FORCE-DEBUGGER': '' }, 'debugger'],
    ['X-FORCE-DEBUGGER: false (presence counts)', { 'X-FORCE-DEBUGGER': 'false' }, 'debugger'],
    ['X-ROUTING-MODE: debugger', { 'X-ROUTING-MODE': 'debugger' }, 'debugger'],
    ['X-ROUTING-MODE: agent-runner', { 'X-ROUTING-MODE': 'agent-runner' }, 'agent-runner'],
  ])('%s -> %s', async (_name, headers, module) => {
    const outcome = await routed(headers);
    expect(outcome.routedTo).toBe(module);
    expect(outcome.status).not.toBe(403);
    expect(outcome.status).toBeLessThan(500);
  });

  it('routes versioned paths the same way', async () => {
    const response = await stack.call('GET', `/v2.1/api/runs/${UNKNOWN_RUN}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-routed-to')).toBe('agent-runner');
  });

  it('refuses debug headers to a caller without the debug scope (403), never ignoring them', async () => {
    const cases: Record<string, string>[] = [
      { 'X-DEBUG-RUN': '' },
      { 'X-MONITOR-ID': UNKNOWN_RUN },
      { 'X-FORCE-DEBUGGER': '1' },
      { 'X-ROUTING-MODE': 'debugger' },
    ];
    for (const headers of cases) {
      const outcome = await routed(headers, stack.keys.run);
      expect(outcome.status).toBe(403);
      expect(outcome.body.code).toBe('forbidden');
      expect(outcome.body.detail).toMatch(/debug scope/);
    }
  });

  it('refuses X-FORCE-AGENT-RUNNER together with debug headers (403), even for debuggers', async () => {
    const outcome = await routed({ 'X-FORCE-AGENT-RUNNER': '1', 'X-DEBUG-STOP': UNKNOWN_RUN });
    expect(outcome.status).toBe(403);
    expect(outcome.body.detail).toMatch(
      /X-FORCE-AGENT-RUNNER cannot be combined with debug headers \(X-DEBUG-STOP\)/,
    );
  });

  it('rejects an unknown X-ROUTING-MODE with 400', async () => {
    const outcome = await routed({ 'X-ROUTING-MODE': 'embodiment' });
    expect(outcome.status).toBe(400);
    expect(outcome.body.detail).toBe('X-ROUTING-MODE must be agent-runner or debugger');
  });

  it('answers clearly for modules a SERVER_MODE deployment does not mount', async () => {
    const debug = await routed({ 'X-DEBUG-READ': UNKNOWN_RUN }, stack.keys.debug, agentOnly);
    expect(debug.status).toBe(503);
    expect(debug.body).toMatchObject({ module: 'debugger', server_mode: 'agent' });
    expect(debug.body.detail).toMatch(/not mounted on this gateway \(SERVER_MODE=agent\)/);
    expect((await routed({}, stack.keys.debug, agentOnly)).status).toBe(404); // served: unknown run
    const runner = await routed({}, stack.keys.debug, debuggerOnly);
    expect(runner).toMatchObject({ status: 503, body: { module: 'agent-runner' } });
    const models = await stack.call('GET', `${agentOnly}/v1/models`);
    expect(models.status).toBe(404);
    expect(models.headers.get('x-routed-to')).toBe('embodiment');
  });

  it('reports mode and mounted modules on /health', async () => {
    const health = (await (await fetch(`${debuggerOnly}/health`)).json()) as Record<
      string,
      unknown
    >;
    expect(health).toMatchObject({ mode: 'debugger', modules: ['debugger'] });
    const full = (await (await fetch(`${stack.gateway.url}/health`)).json()) as Record<
      string,
      unknown
    >;
    expect(full).toMatchObject({
      mode: 'runtime',
      modules: ['agent-runner', 'debugger', 'embodiment'],
    });
  });

  it('logs each routing decision with its reason', async () => {
    await routed({ 'X-FORCE-DEBUGGER': '' });
    const lines = stack.gateway.process.logs().filter((line) => line['msg'] === 'routed');
    expect(lines).toContainEqual(
      expect.objectContaining({
        module: 'debugger',
        reason: 'force-debugger-header',
        header: 'X-FORCE-DEBUGGER',
      }),
    );
  });
});
