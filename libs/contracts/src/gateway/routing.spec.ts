import { DEBUG_HEADERS, GATEWAY_HEADERS } from './headers';
import { GatewayHealthResponseSchema } from './health';
import {
  GatewayModuleSchema,
  MODULES_BY_SERVER_MODE,
  RoutingModeSchema,
  ServerModeSchema,
} from './modes';
import { RoutingDecisionSchema } from './routing';

describe('gateway headers', () => {
  it('lists the six priority-2 debugger headers', () => {
    expect(DEBUG_HEADERS).toEqual([
      'X-DEBUG-RUN',
      'X-DEBUG-READ',
      'X-DEBUG-INJ',
      'X-DEBUG-STOP',
      'X-DEBUG-SKIP',
      'X-MONITOR-ID',
    ]);
  });

  it('spells the routing and tracing headers as the documents do', () => {
    expect(GATEWAY_HEADERS).toMatchObject({
      FORCE_AGENT_RUNNER: 'X-FORCE-AGENT-RUNNER',
      FORCE_DEBUGGER: 'X-FORCE-DEBUGGER',
      ROUTING_MODE: 'X-ROUTING-MODE',
      AGENT_ID: 'X-AGENT-ID',
      AGENT_VERSION: 'X-AGENT-VERSION',
      ROUTED_TO: 'X-Routed-To',
      REQUEST_ID: 'X-Request-Id',
    });
  });
});

describe('modes', () => {
  it('lets X-ROUTING-MODE name the agent-runner or the debugger only', () => {
    expect(RoutingModeSchema.options).toEqual(['agent-runner', 'debugger']);
    expect(RoutingModeSchema.safeParse('embodiment').success).toBe(false);
  });

  it('mounts every module in runtime mode and one module in each other mode', () => {
    expect(MODULES_BY_SERVER_MODE.runtime).toEqual(GatewayModuleSchema.options);
    for (const mode of ServerModeSchema.options.filter((m) => m !== 'runtime')) {
      expect(MODULES_BY_SERVER_MODE[mode]).toHaveLength(1);
    }
  });

  it('records why a request went where it went', () => {
    const decision = { module: 'debugger', reason: 'debug-header', header: 'X-DEBUG-RUN' };
    expect(RoutingDecisionSchema.parse(decision)).toEqual(decision);
  });
});

describe('GatewayHealthResponseSchema', () => {
  it('adds mode and mounted modules to the common health body', () => {
    const health = {
      status: 'ok',
      service: 'gateway',
      version: '0.1.0',
      uptime_seconds: 12,
      checks: { redis: { status: 'up', latency_ms: 1 }, runtime_api: { status: 'up' } },
      mode: 'agent',
      modules: ['agent-runner'],
    };
    expect(GatewayHealthResponseSchema.parse(health)).toEqual(health);
    expect(GatewayHealthResponseSchema.safeParse({ ...health, mode: 'all' }).success).toBe(false);
  });
});
