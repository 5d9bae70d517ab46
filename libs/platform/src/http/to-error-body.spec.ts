import { ErrorBodySchema } from '@agentrt/contracts';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import { z } from 'zod';
import { ApiException } from './api-exception';
import { toErrorResponse } from './to-error-body';

describe('toErrorResponse', () => {
  it('turns a zod failure into validation_failed naming each field', () => {
    const parsed = z
      .object({ image: z.string(), resource_factor: z.number() })
      .safeParse({ resource_factor: 'x' });
    if (parsed.success) throw new Error('expected failure');
    const { status, body } = toErrorResponse(parsed.error, 'req-1');
    expect(status).toBe(400);
    expect(body.code).toBe('validation_failed');
    expect(body.errors?.map((issue) => issue.path)).toEqual(['image', 'resource_factor']);
    expect(body.detail).toMatch(/^Invalid request: image: .*; resource_factor: /);
    expect(ErrorBodySchema.parse(body)).toBeTruthy();
  });

  it('keeps the status, code and extra fields of an ApiException', () => {
    const { status, body } = toErrorResponse(
      new ApiException(504, 'no worker', 'gateway_timeout', { job_id: 'j1' }),
      'r',
    );
    expect(status).toBe(504);
    expect(body).toEqual({
      detail: 'no worker',
      code: 'gateway_timeout',
      request_id: 'r',
      job_id: 'j1',
    });
  });

  it('maps Nest HTTP exceptions by status', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /nope'), 'r').body).toEqual({
      detail: 'Cannot GET /nope',
      code: 'not_found',
      request_id: 'r',
    });
    expect(
      toErrorResponse(new BadRequestException(['a is bad', 'b is bad']), 'r').body.detail,
    ).toBe('a is bad; b is bad');
  });

  it('hides the message of an unexpected error and flags it for logging', () => {
    const result = toErrorResponse(new Error('secret internals'), 'r');
    expect(result).toEqual({
      status: 500,
      body: { detail: 'Internal server error', code: 'internal_error', request_id: 'r' },
      unexpected: true,
    });
  });
});
