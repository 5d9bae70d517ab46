import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { ApiException } from './api-exception';

/**
 * body-parser's `verify` hook for JSON bodies: refuses bytes that are not the UTF-8 they claim to
 * be (the default, RFC 8259), which the parser would otherwise turn silently into U+FFFD,
 * changing what the client sent. A body declared in another UTF (`charset=utf-16`) is left be.
 */
export function refuseInvalidUtf8(
  _req: IncomingMessage,
  _res: unknown,
  body: Buffer,
  encoding = 'utf-8',
): void {
  const utf8 = ['utf-8', 'utf8'].includes(encoding.toLowerCase());
  if (utf8 && !isUtf8(body)) throw Object.assign(new Error('not UTF-8'), { status: 400 });
}

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
    case 'entity.verify.failed':
      return new ApiException(400, 'Request body is not valid UTF-8 JSON', 'bad_request');
    case 'entity.too.large':
      return new ApiException(413, 'Request body is too large', 'payload_too_large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiException(415, 'Unsupported request body encoding', 'unsupported_media_type');
    default:
      return new ApiException(status, 'Malformed request body');
  }
}
