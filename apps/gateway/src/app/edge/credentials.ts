import type { IncomingHttpHeaders } from 'node:http';

/** What a request presented to prove who it is. */
export type Credential =
  { kind: 'api-key'; key: string } | { kind: 'jwt'; token: string } | { kind: 'none' };

/** Three base64url segments: a compact JWS. Our API keys never contain dots. */
const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const BEARER = /^Bearer[ ]+(\S+)\s*$/i;

/**
 * `X-API-Key` wins; else `Authorization: Bearer <token>` is a JWT when it looks like one and an
 * API key otherwise (the OpenAI and MCP clients can only send keys that way).
 */
export function credentialOf(headers: IncomingHttpHeaders): Credential {
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.length > 0) return { kind: 'api-key', key: apiKey };
  const bearer = BEARER.exec(headers.authorization ?? '')?.[1];
  if (bearer === undefined) return { kind: 'none' };
  return COMPACT_JWT.test(bearer)
    ? { kind: 'jwt', token: bearer }
    : { kind: 'api-key', key: bearer };
}
