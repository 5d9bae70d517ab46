/**
 * The password of an `Authorization: Basic` header (RFC 7617), the only credential a browser can
 * send unprompted by a page. The user name is ignored. Undefined for anything absent or malformed,
 * so a bad header is a plain 401, never an error.
 */
export function basicAuthPassword(header: string | undefined): string | undefined {
  const match = /^basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header ?? '');
  const encoded = match?.[1];
  if (encoded === undefined || encoded.length % 4 === 1) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  const password = decoded.slice(colon + 1);
  return password.length > 0 ? password : undefined;
}
