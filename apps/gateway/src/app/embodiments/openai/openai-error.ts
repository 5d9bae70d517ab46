import type { ErrorBody } from '@agentrt/contracts';
import { requestIdOf, toErrorResponse } from '@agentrt/platform';
import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';

/** The OpenAI error object, as OpenAI clients read it from a body's `error` field. */
export interface OpenAiErrorObject {
  message: string;
  type: string;
  code: string;
  param: null;
}

/**
 * Our error body, plus its content mirrored as OpenAI's `error` object. The body stays the one
 * every agentrt service answers with; the mirror is what lets the official `openai` client put
 * our `detail` into its APIError message instead of "status code (no body)".
 */
export function withOpenAiError(body: ErrorBody): ErrorBody & { error: OpenAiErrorObject } {
  return {
    ...body,
    error: { message: body.detail, type: body.code, code: body.code, param: null },
  };
}

/** The platform's error handling for the OpenAI routes, with the `error` mirror added. */
@Catch()
export class OpenAiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('OpenAiErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body, unexpected } = toErrorResponse(exception, requestIdOf(req));
    if (unexpected)
      this.logger.error({ err: exception, request_id: body.request_id }, 'request failed');
    // A stream already under way cannot change its status; cutting it short tells the client.
    if (res.headersSent) return void res.destroy();
    res.status(status).json(withOpenAiError(body));
  }
}
