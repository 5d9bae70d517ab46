import { type ErrorCode, errorCodeForStatus } from '@agentrt/contracts';
import { HttpException } from '@nestjs/common';

/**
 * An error with a chosen status, code and optional extra fields for the error body. Services
 * throw this; the global filter turns it into the contracts' error body.
 */
export class ApiException extends HttpException {
  constructor(
    status: number,
    readonly detail: string,
    readonly code: ErrorCode = errorCodeForStatus(status),
    readonly extra: Record<string, unknown> = {},
    /** Response headers that belong to the error, e.g. `Retry-After` on 429 and 503. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail, status);
  }
}
