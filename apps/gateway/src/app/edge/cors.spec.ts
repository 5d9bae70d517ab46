import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { Request } from 'express';
import { corsPolicy } from './cors';

function optionsFor(origins: string[], origin?: string): CorsOptions {
  let answered: CorsOptions | undefined;
  const req = { headers: origin === undefined ? {} : { origin } } as Request;
  corsPolicy(origins)(req, (error, options) => {
    if (error) throw error;
    answered = options;
  });
  if (!answered) throw new Error('the policy did not answer');
  return answered;
}

describe('corsPolicy', () => {
  it('echoes a listed origin with credentials', () => {
    expect(optionsFor(['https://app.test', '*'], 'https://app.test')).toMatchObject({
      origin: 'https://app.test',
      credentials: true,
    });
  });

  it('lets any origin in without credentials when * is listed', () => {
    expect(optionsFor(['*'], 'https://other.test')).toMatchObject({
      origin: '*',
      credentials: false,
    });
  });

  it('echoes any other origin without credentials when * is mixed with listed origins (Vary: Origin)', () => {
    expect(optionsFor(['https://app.test', '*'], 'https://other.test')).toMatchObject({
      origin: 'https://other.test',
      credentials: false,
    });
  });

  it('sends no CORS headers to unlisted origins', () => {
    expect(optionsFor(['https://app.test'], 'https://evil.test')).toEqual({ origin: false });
  });
});
