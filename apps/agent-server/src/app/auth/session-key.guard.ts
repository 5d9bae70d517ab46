import { SESSION_API_KEY_HEADER } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { SessionKeys } from './session-keys';

/** `X-Session-API-Key` on every `/api/*` route; everything else (health, docs, init) is public. */
@Injectable()
export class SessionKeyGuard implements CanActivate {
  constructor(private readonly keys: SessionKeys) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true; // sockets authenticate in their gateway
    const request = context.switchToHttp().getRequest<Request>();
    if (!request.path.startsWith('/api/')) return true;
    const presented = request.headers[SESSION_API_KEY_HEADER.toLowerCase()];
    if (this.keys.accepts(typeof presented === 'string' ? presented : undefined)) return true;
    throw new ApiException(
      401,
      presented ? 'Invalid session API key' : 'Missing X-Session-API-Key header',
      'unauthorized',
    );
  }
}
