import { Agent, request } from 'node:http';
import type { FuzzRequest } from './fuzz-request';

export interface FuzzAnswer {
  /** The HTTP status, or 0 when no answer came (connection reset, timeout). */
  status: number;
  contentType: string;
  /** The start of the body (an event stream is not read to its end). */
  body: string;
  error?: string;
}

const BODY_LIMIT = 64 * 1024;

/**
 * Sends `req` with node:http as is: the path unnormalised (`..`, broken `%` escapes), headers
 * exactly as given plus `credentials`. A 2xx event stream is cut after its headers.
 */
export function send(
  baseUrl: string,
  req: FuzzRequest,
  credentials: Record<string, string>,
  agent: Agent,
  timeoutMs: number,
): Promise<FuzzAnswer> {
  const url = new URL(baseUrl);
  const prefix = url.pathname.replace(/\/$/, '');
  return new Promise((resolve) => {
    let settled = false;
    // `cut`: drop the connection (a timeout, a stream left open); else it goes back to the pool.
    const done = (answer: FuzzAnswer, cut = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (cut) outgoing.destroy();
      resolve(answer);
    };
    const headers = {
      ...req.headers,
      ...credentials,
      ...(req.body ? { 'content-length': String(req.body.length) } : {}),
    };
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: `${prefix}${req.path}`,
        headers,
        agent,
      },
      (response) => {
        const contentType = response.headers['content-type'] ?? '';
        const status = response.statusCode ?? 0;
        if (status < 300 && contentType.startsWith('text/event-stream'))
          return done({ status, contentType, body: '' }, true);
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < BODY_LIMIT) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () =>
          done({ status, contentType, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', (error) =>
          done({ status, contentType, body: '', error: error.message }),
        );
      },
    );
    const timer = setTimeout(
      () =>
        done({ status: 0, contentType: '', body: '', error: `no answer in ${timeoutMs} ms` }, true),
      timeoutMs,
    );
    outgoing.on('error', (error) =>
      done({ status: 0, contentType: '', body: '', error: error.message }),
    );
    outgoing.end(req.body);
  });
}

/** Sends every request, `concurrency` at a time; answers in the order of `requests`. */
export async function sendAll(
  baseUrl: string,
  requests: FuzzRequest[],
  credentials: Record<string, string>,
  options: { concurrency: number; timeoutMs: number },
): Promise<FuzzAnswer[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const answers: FuzzAnswer[] = new Array<FuzzAnswer>(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      const req = requests[index];
      if (req) answers[index] = await send(baseUrl, req, credentials, agent, options.timeoutMs);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return answers;
}
