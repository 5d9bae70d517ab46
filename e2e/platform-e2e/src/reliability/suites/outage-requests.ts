import type { Runtime } from '@agentrt/contracts';
import type { GatewayStack } from '../../gateway/gateway-stack';
import type { LoadRequest } from './phased-load';

/**
 * While Redis is away the APIs answer 503 `service_unavailable` (and `Retry-After`), and so does
 * the runtime proxy when it cannot read a runtime's record.
 */
const API_DOWN = [503] as const;

/**
 * What clients keep sending while Redis is away, one request of each path that reads Redis:
 * runtime-api's API and runtime proxy, the gateway's pass-through, runtime proxy and its own
 * edge routes. Reads only: the records made before the outage are what must survive it.
 */
export function outageRequests(stack: GatewayStack, runtimes: Runtime[]): LoadRequest[] {
  const apiKey = { 'X-API-Key': stack.runtimeApi.apiKey };
  const apiUrl = stack.runtimeApi.api.url;
  const gatewayUrl = stack.gateway.url;
  let turn = 0;
  // Each request names a runtime in turn, so every record is read throughout.
  const next = (): Runtime => {
    const runtime = runtimes[turn % runtimes.length];
    turn += 1;
    if (!runtime) throw new Error('outage load needs runtimes');
    return runtime;
  };
  const get = (url: string, headers: Record<string, string>) => (signal: AbortSignal) =>
    fetch(url, { headers, signal });
  const viaProxy = (base: string) => (signal: AbortSignal) => {
    const runtime = next();
    return get(`${base}/${runtime.runtime_id}/api/conversations/count`, {
      'X-Session-API-Key': runtime.session_api_key,
    })(signal);
  };
  return [
    { name: 'runtime-api GET /list', send: get(`${apiUrl}/list`, apiKey), whileDown: API_DOWN },
    {
      name: 'runtime-api GET /runtime/{id}',
      send: (signal) => get(`${apiUrl}/runtime/${next().runtime_id}`, apiKey)(signal),
      whileDown: API_DOWN,
    },
    {
      name: 'runtime-api proxy GET /{id}/api/conversations/count',
      send: viaProxy(apiUrl),
      whileDown: API_DOWN,
    },
    {
      name: 'gateway GET /runtime/{id} (pass-through)',
      send: (signal) => get(`${gatewayUrl}/runtime/${next().runtime_id}`, apiKey)(signal),
      whileDown: API_DOWN,
    },
    {
      name: 'gateway proxy GET /{id}/api/conversations/count',
      send: viaProxy(gatewayUrl),
      whileDown: API_DOWN,
    },
    {
      name: 'gateway GET /api/runs',
      send: get(`${gatewayUrl}/api/runs`, { 'X-API-Key': stack.keys.run }),
      whileDown: API_DOWN,
    },
  ];
}
