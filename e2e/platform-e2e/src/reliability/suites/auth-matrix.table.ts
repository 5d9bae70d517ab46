/** One HTTP surface the matrix covers: an app's port, or the runtime proxy mounted on one. */
export type Surface =
  | 'runtime-api'
  | 'runtime-api proxy'
  | 'agent-server'
  | 'build-service'
  | 'gateway'
  | 'gateway admin'
  | 'gateway proxy';

const AGENT_SERVER_PUBLIC = {
  'GET /health': 'probes (agent-server.md: no key needed)',
  'GET /alive': 'liveness probe runtime-api polls while a runtime boots (agent-server.md)',
  'GET /ready': 'readiness probe (agent-server.md)',
  'GET /server_info': "idle time for runtime-api's reaper (agent-server.md)",
  'GET /openapi.json': 'the API document (agent-server.md)',
};

/**
 * The proxy lets the agent server's keyless routes through without a key (runtime-proxy README:
 * Session key); its `/docs` and `/redoc` are not served by our agent server, so not probed.
 */
const PROXY_PUBLIC = AGENT_SERVER_PUBLIC;

/**
 * THE list of routes that answer without a credential, with why (each app's README, or the
 * design document it points to). Any other route that answers a missing, wrong or misplaced
 * credential with anything but 401/403 fails R5, and every entry here must be a route that
 * exists (a stale entry fails too).
 */
export const PUBLIC_ROUTES: Record<Surface, Record<string, string>> = {
  'runtime-api': {
    'GET /health': 'probes (README: Endpoints)',
    'GET /openapi.json': 'the API document (README: Endpoints)',
    'GET /metrics': 'Prometheus scrapes; counts only, no ids (README: Metrics)',
  },
  'runtime-api proxy': PROXY_PUBLIC,
  'agent-server': {
    ...AGENT_SERVER_PUBLIC,
    'GET /metrics': 'Prometheus scrapes; counts only, no conversation ids (README: Metrics)',
  },
  'build-service': {
    'GET /health': 'probes: Redis and worker status; it has no other API (README)',
    'GET /openapi.json': 'the API document (README)',
    'GET /metrics': 'Prometheus scrapes (README: Metrics)',
  },
  gateway: {
    'GET /health': 'probes (README: Edge, Scopes)',
    'GET /openapi.json': 'the public API document (README: Edge, Scopes)',
    'GET /swagger': 'Swagger UI of /openapi.json (README: Edge, Scopes)',
    'GET /postman': 'Postman collection of /openapi.json (README: Edge, Scopes)',
    'GET /chatgpt/openapi.json': 'GPT Actions document (README: Edge, Scopes)',
  },
  'gateway admin': {
    'GET /health': "the admin port's probe (README: Admin port)",
    'GET /metrics': 'Prometheus scrapes, admin port only (README: Metrics)',
  },
  'gateway proxy': PROXY_PUBLIC,
};

/**
 * Routes each app serves but leaves out of its /openapi.json (its README says so), so the
 * matrix sends them too. Proxy surfaces take the agent server's list.
 */
export const NOT_IN_OPENAPI: Record<Surface, string[]> = {
  'runtime-api': ['GET /openapi.json', 'GET /metrics', 'GET /admin/queues'],
  'runtime-api proxy': ['GET /openapi.json', 'GET /metrics'],
  'agent-server': ['GET /openapi.json', 'GET /metrics'],
  'build-service': ['GET /openapi.json', 'GET /metrics'],
  gateway: [
    'GET /openapi.json',
    'GET /swagger',
    'GET /postman',
    'GET /chatgpt/openapi.json',
    // Served on the admin port only: the public port must refuse it like any other path.
    'GET /metrics',
  ],
  'gateway admin': ['GET /openapi.json', 'GET /metrics'],
  'gateway proxy': ['GET /openapi.json', 'GET /metrics'],
};

/**
 * The Runtime API routes the gateway forwards to runtime-api (gateway README: Runtime API
 * through the gateway), by first path segment; runtime-api answers them, so they are refused by
 * runtime-api's own key check.
 */
export const GATEWAY_PASSTHROUGH = new Set([
  'start',
  'stop',
  'pause',
  'resume',
  'list',
  'runtime',
  'sessions',
  'registry_prefix',
  'image_exists',
  'build',
  'build_status',
  'build_logs',
  'build_cancel',
]);
