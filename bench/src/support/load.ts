import { Agent, request } from 'node:http';
import { type Summary, summarize } from './stats';

export interface LoadOptions {
  /** Concurrent keep-alive connections, each with one request in flight. */
  connections: number;
  /** Stop sending after this long... */
  durationMs: number;
  /** ...or after this many requests, whichever comes first. */
  maxRequests: number;
  headers?: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  errors: number;
  requestsPerSecond: number;
  latencyMs: Summary;
  /** Every answered request's latency, for percentiles over several runs. */
  latenciesMs: number[];
}

/**
 * A closed-loop load generator: `connections` workers over a keep-alive agent, each sending the
 * next GET as soon as the previous answer is read. Bounded in time and count. Non-2xx answers
 * and failures count as errors, not as latencies.
 */
export async function runLoad(url: string, options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const worker = async () => {
    while (performance.now() < deadline && sent < options.maxRequests) {
      sent += 1;
      const sentAt = performance.now();
      const ok = await get(url, agent, options.headers ?? {});
      if (ok) latencies.push(performance.now() - sentAt);
      else errors += 1;
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, worker));
  } finally {
    agent.destroy();
  }
  return loadResult(latencies, errors, started);
}

/** The figures of a run that started at `started` (a `performance.now()` reading). */
export function loadResult(latencies: number[], errors: number, started: number): LoadResult {
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: latencies.length,
    errors,
    requestsPerSecond: latencies.length / seconds,
    latencyMs: summarize(latencies),
    latenciesMs: latencies,
  };
}

/** One GET whose body is read to the end; true for a 2xx answer. */
export function get(url: string, agent: Agent, headers: Record<string, string>): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { agent, headers }, (res) => {
      res.resume();
      res.once('end', () => resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300));
      res.once('error', () => resolve(false));
    });
    req.once('error', () => resolve(false));
    req.end();
  });
}
