import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requestIdOf } from '../logging/request-id';

/** Injects the current request id (the one logged and returned in `X-Request-Id`). */
export const RequestId = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  requestIdOf(context.switchToHttp().getRequest()),
);
