import type { GatewayScope } from '@agentrt/contracts';
import type { Request } from 'express';

/** Who made a request, as the edge authenticated it; every module reads it from here. */
export interface Caller {
  /** Stable, non-secret id: API key id (hash prefix) or `jwt:<iss>#<sub>`; used for ownership and limits. */
  readonly id: string;
  readonly kind: 'api-key' | 'jwt' | 'anonymous';
  readonly scopes: ReadonlySet<GatewayScope>;
}

export const ANONYMOUS: Caller = { id: 'anonymous', kind: 'anonymous', scopes: new Set() };

const CALLER = Symbol('agentrt.caller');
type WithCaller = Request & { [CALLER]?: Caller };

/** Set once by the edge's authentication middleware. */
export function setCaller(req: Request, caller: Caller): void {
  (req as WithCaller)[CALLER] = caller;
}

/** The authenticated caller; anonymous when the edge did not authenticate this request. */
export function callerOf(req: Request): Caller {
  return (req as WithCaller)[CALLER] ?? ANONYMOUS;
}
