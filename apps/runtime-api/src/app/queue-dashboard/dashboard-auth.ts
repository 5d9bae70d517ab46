import { API_KEY_HEADER, ApiException, matchingKeyHash } from '@agentrt/platform';
import type { NextFunction, Request, Response } from 'express';
import { basicAuthPassword } from './basic-auth';

/** Makes a browser ask for credentials: any user name, an API key as the password. */
const CHALLENGE = { 'WWW-Authenticate': 'Basic realm="agentrt queues", charset="UTF-8"' };

/**
 * The API keys of the app, presented as `X-API-Key` (scripts) or as the password of HTTP Basic
 * auth (browsers, which cannot add a header to a page load). Checked by the same constant-time
 * lookup as the app's guard; a refusal gets the usual error body plus the Basic challenge.
 */
export function requireApiKey(keyHashes: readonly string[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const key = presentedKey(req);
    if (key !== undefined && matchingKeyHash(key, keyHashes) !== undefined) return next();
    const detail = key === undefined ? 'Missing API key' : 'Invalid API key';
    next(new ApiException(401, detail, 'unauthorized', {}, CHALLENGE));
  };
}

function presentedKey(req: Request): string | undefined {
  const header = req.headers[API_KEY_HEADER];
  if (typeof header === 'string' && header.length > 0) return header;
  return basicAuthPassword(req.headers.authorization);
}
