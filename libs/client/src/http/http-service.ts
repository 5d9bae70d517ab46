import type { z } from 'zod';
import { ApiCallError, errorOfResponse } from './api-call-error';

export interface ServiceOptions {
  /** Base URL, e.g. `http://runtime-api:5054` or a runtime's `url`. */
  baseUrl: string;
  /** Headers sent with every call (credentials, `X-Request-Id`). */
  headers?: Record<string, string>;
  /** Per-call time limit unless a call sets its own. */
  timeoutMs?: number;
}

export interface CallOptions {
  method?: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON-encoded unless it is already a `FormData`. */
  body?: unknown;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** One remote service spoken to in JSON, with a time limit on every call and typed answers. */
export class HttpService {
  private readonly baseUrl: string;

  constructor(private readonly options: ServiceOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** Calls `path` and parses the JSON answer with `schema`; non-2xx throws ApiCallError. */
  async json<S extends z.ZodType>(
    path: string,
    schema: S,
    call: CallOptions = {},
  ): Promise<z.output<S>> {
    const { response, method, url } = await this.send(path, call);
    const text = await response.text();
    if (!response.ok) {
      throw errorOfResponse(
        method,
        url,
        response.status,
        text,
        response.headers.get('retry-after'),
      );
    }
    const parsed = schema.safeParse(text ? JSON.parse(text) : undefined);
    if (!parsed.success) {
      throw new ApiCallError(
        method,
        url,
        response.status,
        undefined,
        `${method} ${url}: unexpected answer: ${parsed.error.message}`,
      );
    }
    return parsed.data;
  }

  /** Calls `path` and hands back the raw response once it is 2xx (streams, files). */
  async raw(path: string, call: CallOptions = {}): Promise<Response> {
    const { response, method, url } = await this.send(path, call);
    if (response.ok) return response;
    const text = await response.text();
    throw errorOfResponse(method, url, response.status, text, response.headers.get('retry-after'));
  }

  private async send(path: string, call: CallOptions) {
    const method = call.method ?? (call.body === undefined ? 'GET' : 'POST');
    const url = `${this.baseUrl}${path}${queryString(call.query)}`;
    const headers: Record<string, string> = { ...this.options.headers };
    let body: string | FormData | undefined;
    if (call.body instanceof FormData) body = call.body;
    else if (call.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.body);
    }
    const timeout = AbortSignal.timeout(
      call.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    const signal = call.signal ? AbortSignal.any([timeout, call.signal]) : timeout;
    try {
      return { response: await fetch(url, { method, headers, body, signal }), method, url };
    } catch (error) {
      const reason =
        error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error);
      throw new ApiCallError(
        method,
        url,
        undefined,
        undefined,
        `${method} ${url} failed: ${reason}`,
      );
    }
  }
}

function queryString(query: CallOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
