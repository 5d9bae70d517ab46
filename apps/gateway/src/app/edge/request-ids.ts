import { REQUEST_ID_HEADER, requestIdOf } from '@agentrt/platform';
import type { IncomingMessage } from 'node:http';

/**
 * Headers to put on a call this request causes (runtime-api, agent servers), so one id follows
 * the work across services. The platform settles the id before any middleware runs and echoes
 * it as `X-Request-Id` on every response.
 */
export function requestIdHeaders(req: IncomingMessage): { [REQUEST_ID_HEADER]: string } {
  return { [REQUEST_ID_HEADER]: requestIdOf(req) };
}
