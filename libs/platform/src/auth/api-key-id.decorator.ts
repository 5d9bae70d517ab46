import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The id of the API key that authenticated this request (see apiKeyIdOf), set by ApiKeyGuard;
 * 'anonymous' on public routes.
 */
export const ApiKeyId = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<Request & { apiKeyId?: string }>();
  return request.apiKeyId ?? 'anonymous';
});
