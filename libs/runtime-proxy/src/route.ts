/** Where a request through the proxy goes, read from the first path segment. */
export interface ProxyRoute {
  readonly runtimeId: string;
  /** Set for work hosts (`/{runtime_id}-{port}/...`): the runtime's extra port. */
  readonly port?: number;
  /** The first segment as sent (`/{segment}`): the prefix the upstream app is served under. */
  readonly prefix: string;
  /** Path and query forwarded upstream, always starting with `/`. */
  readonly upstreamPath: string;
  /** `upstreamPath` without its query. */
  readonly path: string;
}

/**
 * Routes the agent server itself serves without a session key (agent-server.md); the proxy
 * forwards them without a check too and lets the agent server decide. Exact matches only, so
 * `/alive/../api/...` is not public.
 */
const PUBLIC_PATHS: ReadonlySet<string> = new Set([
  '/alive',
  '/health',
  '/ready',
  '/server_info',
  '/openapi.json',
  '/docs',
  '/docs/oauth2-redirect',
  '/redoc',
]);

export function isPublicPath(path: string): boolean {
  return PUBLIC_PATHS.has(path);
}

const WORK_HOST_SEGMENT = /^(.+)-(\d{1,5})$/;

/** Builds the matcher for request URLs (`/{segment}/rest?query`); undefined means "not ours". */
export function routeMatcher(idPattern: RegExp): (url: string) => ProxyRoute | undefined {
  // Anchored and without g/y, so `test` is a whole-segment check with no lastIndex state.
  const flags = idPattern.flags.replace(/[gy]/g, '');
  const wholeId = new RegExp(`^(?:${idPattern.source})$`, flags);
  return (url) => {
    if (!url.startsWith('/')) return undefined;
    const end = url.slice(1).search(/[/?]/);
    const segment = end === -1 ? url.slice(1) : url.slice(1, end + 1);
    const target = targetOf(segment, wholeId);
    if (!target) return undefined;
    const rest = url.slice(segment.length + 1);
    const upstreamPath = rest.startsWith('/') ? rest : `/${rest}`;
    const queryAt = upstreamPath.indexOf('?');
    const path = queryAt === -1 ? upstreamPath : upstreamPath.slice(0, queryAt);
    return { ...target, prefix: `/${segment}`, upstreamPath, path };
  };
}

function targetOf(
  segment: string,
  wholeId: RegExp,
): { runtimeId: string; port?: number } | undefined {
  if (wholeId.test(segment)) return { runtimeId: segment };
  const workHost = WORK_HOST_SEGMENT.exec(segment);
  if (!workHost?.[1] || !workHost[2] || !wholeId.test(workHost[1])) return undefined;
  const port = Number(workHost[2]);
  return port >= 1 && port <= 65_535 ? { runtimeId: workHost[1], port } : undefined;
}
