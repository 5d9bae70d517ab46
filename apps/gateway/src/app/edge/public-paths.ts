/**
 * Paths of the public port that need no credentials: health and the API documents (the
 * embodiments' docs). Compared case-sensitively on the path without query string, with one
 * optional trailing slash (how Express matches routes); anything unusual falls to "needs `run`".
 */
const PUBLIC_PATH = /^\/(?:health|openapi\.json|postman|chatgpt\/openapi\.json|swagger[^]*)\/?$/;

export function isPublicPath(path: string): boolean {
  return PUBLIC_PATH.test(path);
}

/**
 * The admin port's public paths: health and metrics (probes and scrapers carry no credentials;
 * metrics are counts only, and the admin port listens on loopback by default).
 */
export function isAdminPublicPath(path: string): boolean {
  return /^\/(?:health|metrics)\/?$/.test(path);
}
