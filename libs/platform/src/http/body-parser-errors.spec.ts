import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'express';
import { ApiException } from './api-exception';
import { refuseInvalidUtf8, translateBodyParserErrors } from './body-parser-errors';

function translate(error: unknown): unknown {
  let passed: unknown;
  translateBodyParserErrors(
    error,
    {} as Request,
    {} as Response,
    (next?: unknown) => (passed = next),
  );
  return passed;
}

describe('translateBodyParserErrors', () => {
  it('names malformed JSON instead of echoing the parser', () => {
    const parsed = translate(
      Object.assign(new SyntaxError('Unexpected end'), {
        type: 'entity.parse.failed',
        status: 400,
      }),
    );
    expect(parsed).toBeInstanceOf(ApiException);
    expect(parsed).toMatchObject({ detail: 'Request body is not valid JSON', code: 'bad_request' });
  });

  it('answers oversized bodies with 413', () => {
    const tooLarge = translate(
      Object.assign(new Error('too large'), { type: 'entity.too.large', status: 413 }),
    );
    expect(tooLarge).toMatchObject({
      detail: 'Request body is too large',
      code: 'payload_too_large',
    });
    expect((tooLarge as ApiException).getStatus()).toBe(413);
  });

  // Found by the R4 fuzzer: invalid UTF-8 was decoded to U+FFFD and the request went through.
  it('refuses JSON bodies that are not UTF-8 with 400, and lets UTF-8 through', () => {
    const invalid = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    let refusal: unknown;
    try {
      refuseInvalidUtf8({} as IncomingMessage, {}, invalid);
    } catch (error) {
      refusal = error;
    }
    const parsed = translate(Object.assign(refusal as Error, { type: 'entity.verify.failed' }));
    expect(parsed).toMatchObject({
      detail: 'Request body is not valid UTF-8 JSON',
      code: 'bad_request',
    });
    expect((parsed as ApiException).getStatus()).toBe(400);
    expect(() =>
      refuseInvalidUtf8({} as IncomingMessage, {}, Buffer.from('{"a":"ä€😀"}')),
    ).not.toThrow();
    const utf16 = Buffer.from('{"a":"ä"}', 'utf16le');
    expect(() => refuseInvalidUtf8({} as IncomingMessage, {}, utf16, 'utf-16le')).not.toThrow();
  });

  it('passes other errors through untouched', () => {
    const other = new Error('boom');
    expect(translate(other)).toBe(other);
  });
});
