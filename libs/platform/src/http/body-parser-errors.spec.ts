import type { Request, Response } from 'express';
import { ApiException } from './api-exception';
import { translateBodyParserErrors } from './body-parser-errors';

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

  it('passes other errors through untouched', () => {
    const other = new Error('boom');
    expect(translate(other)).toBe(other);
  });
});
