import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiException } from '../http/api-exception';
import { apiKeyIdOf, matchingKeyHash } from './key-hash';
import { IS_PUBLIC } from './public.decorator';

export const API_KEY_HEADER = 'x-api-key';

/** Requires `X-API-Key` matching one of the configured sha256 hashes on every non-public route. */
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keyHashes: readonly string[],
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<Request & { apiKeyId?: string }>();
    const header = request.headers[API_KEY_HEADER];
    if (typeof header !== 'string' || header.length === 0) {
      throw new ApiException(401, 'Missing X-API-Key header', 'unauthorized');
    }
    const hash = matchingKeyHash(header, this.keyHashes);
    if (hash === undefined) throw new ApiException(401, 'Invalid API key', 'unauthorized');
    request.apiKeyId = apiKeyIdOf(hash);
    return true;
  }
}

/** Registers the guard globally for an app with its configured key hashes. */
export function apiKeyGuardProvider(keyHashes: readonly string[]) {
  return {
    provide: APP_GUARD,
    useFactory: (reflector: Reflector) => new ApiKeyGuard(reflector, keyHashes),
    inject: [Reflector],
  };
}
