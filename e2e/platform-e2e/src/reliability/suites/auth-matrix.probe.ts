import { ErrorBodySchema } from '@agentrt/contracts';
import { NOT_IN_OPENAPI, PUBLIC_ROUTES, type Surface } from './auth-matrix.table';

/** A way of (not) authenticating: the headers sent, named for the report. */
export interface Credential {
  name: string;
  headers: Record<string, string>;
}

/** One surface to probe: where it is, its routes (`METHOD /template`) and the 3 credentials. */
export interface SurfacePlan {
  surface: Surface;
  /** Prepended to every path (a proxy surface: `<app url>/<runtime_id>`). */
  baseUrl: string;
  routes: string[];
  credentials: Credential[];
  /** Path parameter values; unnamed ones become `x` (refused before they are looked at). */
  params: Record<string, string>;
}

/** What one request answered, and why it is wrong when it is. */
export interface Probe {
  surface: Surface;
  route: string;
  credential: string;
  status: number;
  /** Undefined when the answer is what R5 requires. */
  failure?: string;
}

/** `METHOD /template` of every operation in an OpenAPI document. */
export function routesOf(document: unknown): string[] {
  const paths = (document as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** The document's routes plus what the app serves outside it, each once. */
export function surfaceRoutes(surface: Surface, document: unknown): string[] {
  return [...new Set([...routesOf(document), ...NOT_IN_OPENAPI[surface]])];
}

export function isPublic(surface: Surface, route: string): boolean {
  return route in PUBLIC_ROUTES[surface];
}

/** Every (route, credential) request of a plan, to run with bounded concurrency. */
export function requestsOf(plan: SurfacePlan): (() => Promise<Probe>)[] {
  return plan.routes.flatMap((route) =>
    plan.credentials.map((credential) => () => probe(plan, route, credential)),
  );
}

async function probe(plan: SurfacePlan, route: string, credential: Credential): Promise<Probe> {
  const [method = 'GET', template = '/'] = route.split(' ');
  const path = template.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(plan.params[name] ?? 'x'),
  );
  // A body the route would parse: refusal must come before validation.
  const hasBody = !['GET', 'HEAD', 'OPTIONS'].includes(method);
  const response = await fetch(`${plan.baseUrl}${path}`, {
    method,
    headers: { ...credential.headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    body: hasBody ? '{}' : undefined,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  const result = { surface: plan.surface, route, credential: credential.name };
  const status = response.status;
  if (isPublic(plan.surface, route)) return { ...result, status };
  return { ...result, status, failure: refusalProblem(method, status, text) };
}

/** Undefined for a 401/403 in our error body; otherwise what is wrong with the answer. */
function refusalProblem(method: string, status: number, text: string): string | undefined {
  if (status !== 401 && status !== 403) return `answered ${status}: ${text.slice(0, 200)}`;
  // A HEAD answer has no body to check.
  if (method === 'HEAD') return undefined;
  try {
    const body = ErrorBodySchema.parse(JSON.parse(text));
    const expected = status === 401 ? 'unauthorized' : 'forbidden';
    return body.code === expected ? undefined : `${status} with code ${body.code}`;
  } catch {
    return `${status} without our error body: ${text.slice(0, 200)}`;
  }
}
