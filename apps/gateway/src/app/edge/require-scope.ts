import type { GatewayScope } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import type { Caller } from './caller';

/**
 * Refuses a caller without `scope`: 401 when no credentials were presented (the client should
 * authenticate), 403 when they were but do not grant it (authenticating again will not help).
 */
export function requireScope(caller: Caller, scope: GatewayScope): void {
  if (caller.kind === 'anonymous') {
    throw new ApiException(
      401,
      'Authentication required: send an API key (X-API-Key or Authorization: Bearer) or an OIDC bearer token',
      'unauthorized',
    );
  }
  if (!caller.scopes.has(scope)) {
    throw new ApiException(403, `This credential lacks the "${scope}" scope`, 'forbidden');
  }
}
