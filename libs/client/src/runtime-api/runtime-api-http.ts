import type { RetryOptions } from '../http/retry-policy';
import { HttpService } from '../http/http-service';

export interface RuntimeApiClientOptions extends RetryOptions {
  baseUrl: string;
  apiKey: string;
  /** Sent as `X-Request-Id` so runtime-api's logs carry the caller's request id. */
  requestId?: string;
  timeoutMs?: number;
}

/** The Runtime API's transport: `X-API-Key` (and the request id) on every call. */
export function runtimeApiHttp(options: RuntimeApiClientOptions): HttpService {
  const headers: Record<string, string> = { 'X-API-Key': options.apiKey };
  if (options.requestId) headers['X-Request-Id'] = options.requestId;
  return new HttpService({ ...options, headers });
}
