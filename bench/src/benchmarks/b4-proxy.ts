import type { BenchAgentServer } from '../support/agent-server';
import { runFixedRate } from '../support/fixed-rate-load';
import { BenchGateway } from '../support/gateway-process';
import { type LoadOptions, type LoadResult, runLoad } from '../support/load';
import { NginxProxy } from '../support/nginx-proxy';
import type { BenchResult } from '../support/report';
import { round, summarize } from '../support/stats';

export interface B4Options {
  distDir: string;
  redisUrl: string;
  connections: number;
  /** Length of each measured run (one target). */
  durationMs: number;
  maxRequests: number;
  /** Measured rounds of direct, nginx, gateway in turn. */
  rounds: number;
  /** Extra gateway variables (e.g. PROXY_TARGET_CACHE_MS=0 to see the cache's effect). */
  gatewayEnv?: Record<string, string>;
}

const WARM_UP_MS = 1_000;
/**
 * The latency phase's rate, as a share of the gateway's saturated throughput: a busy proxy that
 * still has headroom. Saturated, p99 is the queue for the 2 cores the load generator, the agent
 * server, the proxy and Redis share, which nginx does not meet either (both are reported).
 */
const LATENCY_LOAD = 0.5;

type Target = 'direct' | 'nginx' | 'gateway';
type Runs = Record<Target, LoadResult[]>;

/**
 * B4: `GET /alive` of one agent server, straight and through two proxies (the gateway's runtime
 * proxy and nginx), in the same run, over 50 keep-alive connections, in interleaved rounds:
 * first a closed loop (throughput, and p99 at saturation), then a fixed rate at half the
 * gateway's throughput, the same for all three (the latency each proxy adds).
 */
export async function benchProxy(
  server: BenchAgentServer,
  options: B4Options,
): Promise<BenchResult> {
  const gateway = await BenchGateway.start({
    distDir: options.distDir,
    redisUrl: options.redisUrl,
    agentServerUrl: server.url,
    sessionKey: server.sessionKey,
    env: options.gatewayEnv,
  });
  try {
    const prefix = new URL(gateway.runtimeUrl).pathname;
    const nginx = await NginxProxy.start(new URL(server.url), prefix);
    try {
      const urls = {
        direct: `${server.url}/alive`,
        nginx: `${nginx.url}${prefix}/alive`,
        gateway: `${gateway.runtimeUrl}/alive`,
      };
      for (const url of Object.values(urls)) await runLoad(url, warmUp(options));
      const saturated = await rounds(urls, options, (url) => runLoad(url, loadOf(options)));
      const ratePerSecond = Math.max(
        1,
        Math.round(LATENCY_LOAD * best(saturated.gateway).requestsPerSecond),
      );
      const paced = await rounds(urls, options, (url) =>
        runFixedRate(url, {
          connections: options.connections,
          ratePerSecond,
          durationMs: options.durationMs,
        }),
      );
      return result(saturated, paced, ratePerSecond);
    } finally {
      await nginx.stop();
    }
  } finally {
    await gateway.stop();
  }
}

function warmUp(options: B4Options): LoadOptions {
  return { ...loadOf(options), durationMs: WARM_UP_MS };
}

function loadOf(options: B4Options): LoadOptions {
  return {
    connections: options.connections,
    durationMs: options.durationMs,
    maxRequests: options.maxRequests,
  };
}

/** Interleaved rounds of the three targets: a shared machine's noise hits all three alike. */
async function rounds(
  urls: Record<Target, string>,
  options: B4Options,
  run: (url: string) => Promise<LoadResult>,
): Promise<Runs> {
  const runs: Runs = { direct: [], nginx: [], gateway: [] };
  for (let round = 0; round < options.rounds; round += 1) {
    for (const [name, url] of Object.entries(urls) as [Target, string][]) {
      const measured = await run(url);
      if (measured.errors > 0) throw new Error(`${url}: ${measured.errors} failed requests`);
      runs[name].push(measured);
    }
  }
  return runs;
}

/** The round with the highest throughput. */
function best(runs: LoadResult[]): LoadResult {
  return runs.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
}

/** Latency percentiles over every request of every round (no round picked). */
function pooled(runs: LoadResult[]): { p50: number; p99: number } {
  const all = runs.flatMap((run) => run.latenciesMs);
  const summary = summarize(all);
  return { p50: summary.median, p99: summary.p99 };
}

function result(saturated: Runs, paced: Runs, ratePerSecond: number): BenchResult {
  const top = {
    direct: best(saturated.direct),
    nginx: best(saturated.nginx),
    gateway: best(saturated.gateway),
  };
  const ratio = top.gateway.requestsPerSecond / top.nginx.requestsPerSecond;
  const at = {
    direct: pooled(paced.direct),
    nginx: pooled(paced.nginx),
    gateway: pooled(paced.gateway),
  };
  const addedP99 = at.gateway.p99 - at.direct.p99;
  const figures: Record<string, number> = { paced_rps: ratePerSecond };
  for (const name of ['direct', 'nginx', 'gateway'] as const) {
    figures[`${name}_rps`] = Math.round(top[name].requestsPerSecond);
    figures[`${name}_saturated_p99_ms`] = round(top[name].latencyMs.p99);
    figures[`${name}_paced_p50_ms`] = round(at[name].p50);
    figures[`${name}_paced_p99_ms`] = round(at[name].p99);
  }
  return {
    id: 'B4',
    name: 'runtime proxy: GET /alive via gateway vs nginx vs direct (50 conns)',
    figures: {
      ...figures,
      gateway_to_nginx_rps: round(ratio, 3),
      gateway_added_p99_ms: round(addedP99),
      nginx_added_p99_ms: round(at.nginx.p99 - at.direct.p99),
      gateway_added_saturated_p99_ms: round(top.gateway.latencyMs.p99 - top.direct.latencyMs.p99),
      nginx_added_saturated_p99_ms: round(top.nginx.latencyMs.p99 - top.direct.latencyMs.p99),
    },
    target: `gateway/nginx throughput >= 0.6; added p99 vs direct <= 3 ms at ${ratePerSecond} req/s (half the gateway's throughput)`,
    pass: ratio >= 0.6 && addedP99 <= 3,
  };
}
