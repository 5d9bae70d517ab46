import { z } from 'zod';

/** Machine-readable error codes; `detail` carries the human-readable text. */
export const ErrorCodeSchema = z.enum([
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal_error',
  'bad_gateway',
  'service_unavailable',
  'gateway_timeout',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** One field-level problem found while validating input. */
export const ValidationIssueSchema = z.object({
  /** Dotted path of the offending field, e.g. `environment.PATH`; empty for the whole body. */
  path: z.string(),
  message: z.string(),
});
export type ValidationIssue = z.infer<typeof ValidationIssueSchema>;

/**
 * The one error body every agentrt service answers with. OpenHands clients read `detail`;
 * `code` and `request_id` let operators find the matching log line. Extra fields are allowed.
 */
export const ErrorBodySchema = z.looseObject({
  detail: z.string(),
  code: ErrorCodeSchema,
  request_id: z.string(),
  /** Present on `validation_failed`: every problem found, not only the first. */
  errors: z.array(ValidationIssueSchema).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** HTTP status -> the code used when a handler did not choose one. */
export function errorCodeForStatus(status: number): ErrorCode {
  const byStatus: Record<number, ErrorCode> = {
    400: 'bad_request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    409: 'conflict',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    422: 'validation_failed',
    429: 'rate_limited',
    502: 'bad_gateway',
    503: 'service_unavailable',
    504: 'gateway_timeout',
  };
  return byStatus[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
}
