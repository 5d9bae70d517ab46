import type { NextFunction, Request, Response } from 'express';
import { ApiException } from './api-exception';

/**
 * Express body-parser reports malformed or oversized bodies as plain errors with `type` and
 * `status`; Nest would pass the parser's raw message through. This names the problem instead.
 */
export function translateBodyParserErrors(
  error: unknown,
  _req: Request,
  _res: Response,
  next: NextFunction,
): void {
  next(bodyParserException(error) ?? error);
}

function bodyParserException(error: unknown): ApiException | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  const { type, status } = error as { type?: unknown; status?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  switch (type) {
    case 'entity.parse.failed':
      return new ApiException(400, 'Request body is not valid JSON', 'bad_request');
    case 'entity.too.large':
      return new ApiException(413, 'Request body is too large', 'payload_too_large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiException(415, 'Unsupported request body encoding', 'unsupported_media_type');
    default:
      return new ApiException(status, 'Malformed request body');
  }
}
