export { ApiCallError, type ApiErrorBody } from './api-call-error';
export type { ServiceOptions, CallOptions, StreamBody } from './http-service';
export type { RetryOptions, RetryNotice } from './retry-policy';
export { retryAfterMs } from './retry-after';
