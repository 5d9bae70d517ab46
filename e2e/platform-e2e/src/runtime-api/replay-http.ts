/**
 * HTTP the way a replayed OpenHands client sends it (JSON bodies, repeated query parameters),
 * remembering `METHOD path status` of every call so a test can compare the whole sequence.
 */
export class ReplayHttp {
  readonly calls: string[] = [];

  async send(
    method: string,
    url: string,
    options: { headers?: Record<string, string>; json?: unknown; params?: [string, string][] } = {},
  ): Promise<Response> {
    const target = new URL(url);
    for (const [name, value] of options.params ?? []) target.searchParams.append(name, value);
    const response = await fetch(target, {
      method,
      headers: {
        ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
    });
    this.calls.push(`${method} ${target.pathname}${target.search} ${response.status}`);
    return response;
  }

  /** The calls with repeated polls collapsed into one line, so sequences do not hang on timing. */
  sequence(): string[] {
    return this.calls.filter((call, index) => call !== this.calls[index - 1]);
  }

  /** Like httpx's `raise_for_status()`: the parsed JSON of a 2xx answer, else an error. */
  async json<T>(response: Response): Promise<T> {
    const text = await response.text();
    if (!response.ok) throw new HttpStatusError(response.status, text);
    return JSON.parse(text) as T;
  }
}

/** A non-2xx answer, as httpx's `HTTPStatusError` reports it to the clients we replay. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}: ${body.slice(0, 300)}`);
  }
}
