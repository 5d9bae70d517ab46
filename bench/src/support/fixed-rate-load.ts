import { Agent } from 'node:http';
import { get, type LoadResult, loadResult } from './load';

export interface FixedRateOptions {
  /** Keep-alive connections, taken in turn (a request waits when its connection is busy). */
  connections: number;
  /** Requests started per second, on a fixed schedule whatever the answers do. */
  ratePerSecond: number;
  durationMs: number;
  headers?: Record<string, string>;
}

/**
 * An open-loop load generator: requests start on a fixed schedule, and each latency is counted
 * from when its request was due, not from when it was sent. A closed loop at saturation measures
 * the queue for the CPU (on a 2-core machine shared with the generator); a fixed rate below it
 * measures what each hop adds to a request. A request is timed from when it was sent, waiting
 * for a free connection included; it never waits for earlier answers, so a stall shows in every
 * request it delays. Bounded by `durationMs` (so by rate x duration requests).
 */
export async function runFixedRate(url: string, options: FixedRateOptions): Promise<LoadResult> {
  // One single-socket agent per connection: all of them carry traffic, as a pool would not.
  const agents = Array.from(
    { length: options.connections },
    () => new Agent({ keepAlive: true, maxSockets: 1 }),
  );
  const total = Math.max(1, Math.floor((options.ratePerSecond * options.durationMs) / 1000));
  const intervalMs = 1000 / options.ratePerSecond;
  const latencies: number[] = [];
  const inFlight: Promise<void>[] = [];
  let errors = 0;
  const started = performance.now();
  try {
    for (let i = 0; i < total; i += 1) {
      await sleepUntil(started + i * intervalMs);
      const sentAt = performance.now();
      inFlight.push(
        get(url, agents[i % agents.length] as Agent, options.headers ?? {}).then((ok) => {
          if (ok) latencies.push(performance.now() - sentAt);
          else errors += 1;
        }),
      );
    }
    await Promise.all(inFlight);
  } finally {
    for (const agent of agents) agent.destroy();
  }
  return loadResult(latencies, errors, started);
}

/** Waits for a due time; a request already late goes at once. */
function sleepUntil(dueAt: number): Promise<void> {
  const waitMs = dueAt - performance.now();
  if (waitMs <= 0) return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, waitMs));
}
