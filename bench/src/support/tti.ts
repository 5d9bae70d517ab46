import type { Runtime } from '@agentrt/contracts';
import { waitFor } from '@agentrt/testing';
import { executeBash, type RuntimeApiClient } from './runtime-api-client';
import { round, summarize } from './stats';

/** One time-to-interactive sample, split into the stages a client sees. */
export interface TtiSample {
  runtime: Runtime;
  /** `POST /start` round trip: a claim from a warm pool, or create + boot until ready. */
  startMs: number;
  /** Polling `/runtime/{id}` after `/start` answered `starting` (0 when it answered ready). */
  pollMs: number;
  /** The first `execute_bash_command` through the runtime's url. */
  execMs: number;
  totalMs: number;
}

/**
 * `POST /start`, then (only if needed) the readiness poll every OpenHands client runs, then the
 * first command through the runtime proxy: the path from "I want a sandbox" to "it ran my code".
 */
export async function measureTti(
  client: RuntimeApiClient,
  body: Record<string, unknown>,
): Promise<TtiSample> {
  const began = performance.now();
  let runtime = await client.start(body);
  const started = performance.now();
  if (runtime.status === 'error') throw new Error(`start failed: ${JSON.stringify(runtime)}`);
  if (runtime.status !== 'running' || runtime.pod_status !== 'ready') {
    const id = runtime.runtime_id;
    runtime = await waitFor(() => client.readyRuntime(id), {
      timeoutMs: 120_000,
      intervalMs: 20,
      description: `runtime ${id} to be ready`,
    });
  }
  const ready = performance.now();
  await executeBash(runtime, 'true');
  const done = performance.now();
  return {
    runtime,
    startMs: started - began,
    pollMs: ready - started,
    execMs: done - ready,
    totalMs: done - began,
  };
}

/** Figures of sequential runs: percentiles of the total and the stage medians. */
export function sequentialFigures(samples: readonly TtiSample[]) {
  const total = summarize(samples.map((s) => s.totalMs));
  return {
    runs: total.count,
    median_ms: round(total.median),
    p95_ms: round(total.p95),
    p99_ms: round(total.p99),
    ...stageMedians(samples),
  };
}

/** Where the time goes: the /start call, any readiness polling, the first command. */
function stageMedians(samples: readonly TtiSample[]) {
  return {
    start_call_median_ms: medianOf(samples.map((s) => s.startMs)),
    poll_median_ms: medianOf(samples.map((s) => s.pollMs)),
    first_exec_median_ms: medianOf(samples.map((s) => s.execMs)),
  };
}

/** Figures of a burst: all started at once, so the max matters more than the p99. */
export function burstFigures(samples: readonly TtiSample[]) {
  const total = summarize(samples.map((s) => s.totalMs));
  return {
    starts: total.count,
    median_ms: round(total.median),
    p95_ms: round(total.p95),
    max_ms: round(total.max),
    ...stageMedians(samples),
  };
}

export const medianOf = (values: readonly number[]) => round(summarize(values).median);
