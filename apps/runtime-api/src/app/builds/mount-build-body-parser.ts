import type { NestExpressApplication } from '@nestjs/platform-express';
import { refuseInvalidUtf8 } from '@agentrt/platform';
import { json, type NextFunction, type Request, type Response } from 'express';
import type { RuntimeApiConfig } from '../config/runtime-api.config';
import { contextTooLarge } from './build-upload';

/**
 * `POST /build` JSON bodies carry a base64 context, far over the app's usual JSON limit: a parser
 * for that route alone, mounted ahead of the app-wide one (which then skips the parsed body).
 * Base64 is a third larger than the context it carries.
 */
export function mountBuildBodyParser(app: NestExpressApplication, config: RuntimeApiConfig): void {
  const limit = Math.ceil((config.BUILD_MAX_CONTEXT_BYTES * 4) / 3) + 64 * 1024;
  const parse = json({ limit, type: 'application/json', verify: refuseInvalidUtf8 });
  app.use('/build', (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (error?: unknown) => {
      const tooLarge = isBodyError(error) && error.type === 'entity.too.large';
      next(tooLarge ? contextTooLarge(config.BUILD_MAX_CONTEXT_BYTES) : error);
    }),
  );
}

function isBodyError(error: unknown): error is { type: unknown } {
  return typeof error === 'object' && error !== null && 'type' in error;
}
