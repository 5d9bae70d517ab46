import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestIdOf } from '../logging/request-id';
import { ApiException } from './api-exception';
import { toErrorResponse } from './to-error-body';

/** The one global filter: every failure answers the contracts' error body with a request id. */
@Catch()
export class ErrorBodyFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorBodyFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const { status, body, unexpected, headers } = toErrorResponse(exception, requestIdOf(req));
    if (unexpected) {
      this.logger.error({ err: exception, request_id: body.request_id }, 'request failed');
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (headers) res.set(headers);
    if (exception instanceof ApiException) res.set(exception.headers);
    res.status(status).json(body);
  }
}
