import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { RuntimeInitService } from './runtime-init.service';

export const INIT_API_KEY_HEADER = 'x-init-api-key';

/**
 * The init key of `POST /init`, checked by a guard because guards run before the validation
 * pipe: a caller without the key gets 401 (404 when init is off), never the body's schema.
 */
@Injectable()
export class InitKeyGuard implements CanActivate {
  constructor(private readonly init: RuntimeInitService) {}

  canActivate(context: ExecutionContext): boolean {
    const presented = context.switchToHttp().getRequest<Request>().headers[INIT_API_KEY_HEADER];
    this.init.checkInitKey(typeof presented === 'string' ? presented : undefined);
    return true;
  }
}
