import { randomUUID } from 'node:crypto';
import type { Runtime } from '@agentrt/contracts';
import type { GatewayStack } from '../../gateway/gateway-stack';
import { ownedRuntimes, RUNTIME_IMAGE } from '../../runtime-api/runtime-api.harness';
import type { AppProcess } from '../../support/app-process';
import { type Credential, routesOf, surfaceRoutes, type SurfacePlan } from './auth-matrix.probe';
import { GATEWAY_PASSTHROUGH, type Surface } from './auth-matrix.table';

const NO_KEY: Credential = { name: 'no key', headers: {} };
const wrongApiKey = (): Credential => ({
  name: 'a wrong X-API-Key',
  headers: { 'X-API-Key': `wrong-${randomUUID()}` },
});

/** Runtime-scoped surfaces: the session key of another runtime is the misplaced credential. */
function sessionCredentials(other: Runtime): Credential[] {
  return [
    NO_KEY,
    { name: 'a wrong session key', headers: { 'X-Session-API-Key': `wrong-${randomUUID()}` } },
    {
      name: "another runtime's session key",
      headers: { 'X-Session-API-Key': other.session_api_key },
    },
  ];
}

async function documentOf(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(`${url}/openapi.json`, { headers });
  if (response.status !== 200) throw new Error(`${url}/openapi.json -> ${response.status}`);
  return await response.json();
}

/** What the plans are built from: two claimed runtimes, an agent and each app's document. */
interface Fixture {
  stack: GatewayStack;
  buildService: AppProcess;
  /** The runtime whose routes are probed, and the one whose session key is misplaced on it. */
  a: Runtime;
  b: Runtime;
  agentServerUrl: string;
  params: Record<string, string>;
  runtimeApiDoc: unknown;
  agentServerDoc: unknown;
}

async function fixtureOf(stack: GatewayStack, buildService: AppProcess): Promise<Fixture> {
  const client = stack.runtimeApi.client;
  const a = await client.start({ image: RUNTIME_IMAGE });
  const b = await client.start({ image: RUNTIME_IMAGE });
  const agent = await stack.createAgent();
  const owned = await ownedRuntimes(stack.runtimeApi.root);
  const port = owned.find((r) => r.runtimeId === a.runtime_id)?.port;
  if (port === undefined) throw new Error(`no local record of runtime ${a.runtime_id}`);
  const agentServerUrl = `http://127.0.0.1:${port}`;
  // Real ids where there are real things, so a route that skipped its check would find them.
  const params = {
    runtime_id: a.runtime_id,
    session_id: a.session_id,
    conversation_id: randomUUID(),
    agentId: agent.id,
    version: agent.version,
  };
  const runtimeApiDoc = await documentOf(stack.runtimeApi.api.url);
  const agentServerDoc = await documentOf(agentServerUrl);
  return { stack, buildService, a, b, agentServerUrl, params, runtimeApiDoc, agentServerDoc };
}

/** Each surface's routes and its three credentials: none, a wrong one, a misplaced one. */
export async function planSurfaces(
  stack: GatewayStack,
  buildService: AppProcess,
): Promise<SurfacePlan[]> {
  const fixture = await fixtureOf(stack, buildService);
  return [...(await runtimePlans(fixture)), ...(await gatewayPlans(fixture))];
}

const apiKeys = (misplaced: Credential) => [NO_KEY, wrongApiKey(), misplaced];

/** runtime-api, its runtime proxy, the agent server itself and build-service. */
async function runtimePlans(f: Fixture): Promise<SurfacePlan[]> {
  const apiUrl = f.stack.runtimeApi.api.url;
  const sessionKeyAsApiKey = apiKeys({
    name: "a runtime's session key as X-API-Key",
    headers: { 'X-API-Key': f.a.session_api_key },
  });
  const buildServiceDoc = await documentOf(f.buildService.url);
  return [
    planOf(f, 'runtime-api', apiUrl, f.runtimeApiDoc, sessionKeyAsApiKey),
    planOf(
      f,
      'runtime-api proxy',
      `${apiUrl}/${f.a.runtime_id}`,
      f.agentServerDoc,
      sessionCredentials(f.b),
    ),
    planOf(f, 'agent-server', f.agentServerUrl, f.agentServerDoc, sessionCredentials(f.b)),
    planOf(f, 'build-service', f.buildService.url, buildServiceDoc, sessionKeyAsApiKey),
  ];
}

/** The gateway's public port (with the Runtime API it passes through), admin port and proxy. */
async function gatewayPlans(f: Fixture): Promise<SurfacePlan[]> {
  const { url, adminUrl } = f.stack.gateway;
  const { keys } = f.stack;
  const passthrough = routesOf(f.runtimeApiDoc).filter((route) =>
    GATEWAY_PASSTHROUGH.has(route.split(' ')[1]?.split('/')[1] ?? ''),
  );
  const gateway = planOf(
    f,
    'gateway',
    url,
    await documentOf(url),
    apiKeys({ name: 'an admin-only key (no run scope)', headers: { 'X-API-Key': keys.admin } }),
  );
  return [
    { ...gateway, routes: [...gateway.routes, ...passthrough] },
    planOf(
      f,
      'gateway admin',
      adminUrl,
      await documentOf(adminUrl, { 'X-API-Key': keys.admin }),
      apiKeys({ name: 'a run key (no admin scope)', headers: { 'X-API-Key': keys.run } }),
    ),
    planOf(
      f,
      'gateway proxy',
      `${url}/${f.a.runtime_id}`,
      f.agentServerDoc,
      sessionCredentials(f.b),
    ),
  ];
}

function planOf(
  f: Fixture,
  surface: Surface,
  baseUrl: string,
  document: unknown,
  credentials: Credential[],
): SurfacePlan {
  return {
    surface,
    baseUrl,
    routes: surfaceRoutes(surface, document),
    credentials,
    params: f.params,
  };
}
