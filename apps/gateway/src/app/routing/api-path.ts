/** `/api/...` or `/v{major}[.{minor}]/api/...`, split into the version and the `/api/...` rest. */
export interface ApiPath {
  /** `1` or `1.2` from a `/v1.2/api/...` path; undefined for a bare `/api/...`. */
  version?: string;
  /** The path from `/api` on, query included. */
  rest: string;
}

const VERSIONED = /^\/v(\d+(?:\.\d+)?)(\/api(?:[/?].*)?)$/;
const BARE = /^\/api(?:[/?].*)?$/;

export function parseApiPath(url: string): ApiPath | undefined {
  if (BARE.test(url)) return { rest: url };
  const match = VERSIONED.exec(url);
  if (!match?.[1] || !match[2]) return undefined;
  return { version: match[1], rest: match[2] };
}
