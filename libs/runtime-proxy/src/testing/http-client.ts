import { type IncomingHttpHeaders, type OutgoingHttpHeaders, request } from 'node:http';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as UTF-8 text. */
  body: string;
  raw: Buffer;
}

export interface SendOptions {
  method?: string;
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
  /** Sent exactly as given (`new URL` would resolve `..` segments away). */
  rawPath?: string;
}

/**
 * A plain node:http request on a fresh connection. Unlike fetch it may send any header
 * (`Connection` included), which the hop-by-hop tests need.
 */
export function send(
  url: string,
  { method = 'GET', headers = {}, body, rawPath }: SendOptions = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const path = rawPath ?? `${target.pathname}${target.search}`;
    const options = {
      host: target.hostname,
      port: target.port,
      path,
      method,
      headers,
      agent: false,
    };
    const req = request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: raw.toString('utf8'),
          raw,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The reply's body parsed as JSON (tests then assert its shape). */
export function jsonOf<T>(reply: Reply): T {
  return JSON.parse(reply.body) as T;
}
