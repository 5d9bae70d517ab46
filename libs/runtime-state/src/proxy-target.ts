import type { ProxyTarget } from '@agentrt/runtime-proxy';
import type { RuntimeRecord } from './runtime-record';

/**
 * What the runtime proxy needs from a runtime record, for runtime-api's proxy and the gateway's
 * alike: unclaimed warm-pool runtimes do not exist for callers, and a running record without the
 * agent server's endpoint is still `starting`. `agentServerPort` is runtime-api's
 * AGENT_SERVER_PORT (the gateway must be configured with the same).
 */
export function proxyTargetOf(
  record: RuntimeRecord | undefined,
  agentServerPort: number,
): ProxyTarget | undefined {
  if (!record || record.pool) return undefined;
  const endpoints = record.handle?.endpoints ?? {};
  const baseUrl = endpoints[agentServerPort];
  if (record.status !== 'running' || !baseUrl) {
    const state = record.status === 'running' ? 'starting' : record.status;
    return { state, sessionApiKey: record.sessionApiKey };
  }
  const ports = Object.fromEntries(
    record.workPorts.flatMap((port) => {
      const url = endpoints[port];
      return url ? [[port, url]] : [];
    }),
  );
  return { state: 'running', baseUrl, sessionApiKey: record.sessionApiKey, ports };
}
