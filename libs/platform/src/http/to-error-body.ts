import { type ErrorBody, describeIssues, errorCodeForStatus } from '@agentrt/contracts';
import { HttpException } from '@nestjs/common';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError } from 'zod';
import { ApiException } from './api-exception';

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** Unexpected errors are logged with their stack; expected ones are not. */
  unexpected: boolean;
  /** Headers to answer with (e.g. `Retry-After` while a dependency is down). */
  headers?: Record<string, string>;
}

/**
 * What ioredis throws for a command while Redis cannot be reached (the apps' clients retry once,
 * then fail fast: libs/redis). Matched by name, so this lib needs no Redis client.
 */
const DEPENDENCY_DOWN = new Set(['MaxRetriesPerRequestError']);

/** Maps anything thrown while serving a request to a status and the one error body. */
export function toErrorResponse(error: unknown, requestId: string): ErrorResponse {
  if (error instanceof ZodValidationException) {
    return validationFailure(error.getZodError(), requestId);
  }
  if (error instanceof ZodError) {
    return validationFailure(error, requestId);
  }
  if (error instanceof ApiException) {
    const status = error.getStatus();
    const body = { ...error.extra, detail: error.detail, code: error.code, request_id: requestId };
    return { status, body, unexpected: false };
  }
  if (error instanceof HttpException) {
    return fromStatus(error.getStatus(), detailOf(error.getResponse()), requestId);
  }
  if (error instanceof Error && DEPENDENCY_DOWN.has(error.name)) {
    // A Redis outage is the platform's to report (health says not-ready), not a bug: 503, retry.
    const detail = 'A service this request needs (Redis) is unavailable; retry shortly';
    return {
      status: 503,
      body: { detail, code: 'service_unavailable', request_id: requestId },
      unexpected: false,
      headers: { 'Retry-After': '1' },
    };
  }
  return {
    status: 500,
    body: { detail: 'Internal server error', code: 'internal_error', request_id: requestId },
    unexpected: true,
  };
}

function validationFailure(error: unknown, requestId: string): ErrorResponse {
  const issues = error instanceof ZodError ? describeIssues(error) : [];
  const detail = issues.length
    ? `Invalid request: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`
    : 'Invalid request';
  return {
    status: 400,
    body: { detail, code: 'validation_failed', request_id: requestId, errors: issues },
    unexpected: false,
  };
}

function fromStatus(status: number, detail: string, requestId: string): ErrorResponse {
  const body = { detail, code: errorCodeForStatus(status), request_id: requestId };
  return { status, body, unexpected: status >= 500 };
}

function detailOf(response: string | object): string {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : 'Request failed';
}
