import type { BenchAgentServer } from '../support/agent-server';
import { BenchGateway } from '../support/gateway-process';
import {
  type LatencyPercentiles,
  mergeHistograms,
  percentilesMs,
} from '../support/latency-histogram';
import { NginxProxy } from '../support/nginx-proxy';
import type { BenchResult } from '../support/report';
import { round, summarize } from '../support/stats';
import { runWrk, type WrkOptions, type WrkResult } from '../support/wrk';

export interface B4Options {
  distDir: string;
  redisUrl: string;
  connections: number;
  /** Length of each measured run (one target); wrk takes whole seconds. */
  durationMs: number;
  /** Measured rounds of direct, nginx, gateway in turn. */
  rounds: number;
  /** Extra gateway variables for experiments (e.g. NODE_OPTIONS=--max-semi-space-size=32). */
  gatewayEnv?: Record<string, string>;
}

const WARM_UP_MS = 1_000;
/**
 * The latency phase's rate, as a share of the gateway's saturated throughput: a busy proxy that
 * still has headroom. Saturated, p99 is the queue for the 2 cores the load generator, the agent
 * server, the proxy and Redis share, which nginx does not meet either (both are reported).
 */
const LATENCY_LOAD = 0.5;
const TARGETS = ['direct', 'nginx', 'gateway'] as const;

type Target = (typeof TARGETS)[number];
type Runs = Record<Target, WrkResult[]>;

/**
 * B4: `GET /alive` of one agent server, straight and through two proxies (the gateway's runtime
 * proxy and nginx), in the same run, over 50 keep-alive connections, in interleaved rounds:
 * first a closed loop (throughput, and p99 at saturation), then a fixed rate at half the
 * gateway's throughput, the same for all three (the latency each proxy adds). The load comes
 * from wrk, which leaves the 2 cores to what is measured far more than a Node generator did.
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
      const urls: Record<Target, string> = {
        direct: `${server.url}/alive`,
        nginx: `${nginx.url}${prefix}/alive`,
        gateway: `${gateway.runtimeUrl}/alive`,
      };
      const load: WrkOptions = { connections: options.connections, durationMs: options.durationMs };
      for (const url of Object.values(urls)) await runWrk(url, { ...load, durationMs: WARM_UP_MS });
      const saturated = await rounds(urls, options.rounds, load);
      const ratePerSecond = Math.max(
        1,
        Math.round(LATENCY_LOAD * best(saturated.gateway).requestsPerSecond),
      );
      const paced = await rounds(urls, options.rounds, { ...load, ratePerSecond });
      return result(saturated, paced, ratePerSecond);
    } finally {
      await nginx.stop();
    }
  } finally {
    await gateway.stop();
  }
}

/** Interleaved rounds of the three targets: a shared machine's noise hits all three alike. */
async function rounds(
  urls: Record<Target, string>,
  count: number,
  load: WrkOptions,
): Promise<Runs> {
  const runs: Runs = { direct: [], nginx: [], gateway: [] };
  for (let r = 0; r < count; r += 1) {
    for (const name of TARGETS) {
      const measured = await runWrk(urls[name], load);
      if (measured.errors > 0) {
        throw new Error(`B4 ${name} round ${r + 1}: ${measured.errors} failed requests`);
      }
      runs[name].push(measured);
    }
  }
  return runs;
}

/** The round with the highest throughput. */
function best(runs: WrkResult[]): WrkResult {
  return runs.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
}

/** Latency percentiles over every request of every round (no round picked). */
function pooled(runs: WrkResult[]): LatencyPercentiles {
  return percentilesMs(mergeHistograms(runs.map((run) => run.histogram)));
}

const p99 = (run: WrkResult) => percentilesMs(run.histogram).p99;

function byTarget<T>(of: (name: Target) => T): Record<Target, T> {
  return { direct: of('direct'), nginx: of('nginx'), gateway: of('gateway') };
}

/** Each round's p99 through a proxy minus the same round's direct p99: the rounds' spread. */
function addedP99ByRound(paced: Runs, proxy: 'nginx' | 'gateway'): Record<string, number> {
  const added = paced[proxy].map((run, r) => {
    const direct = paced.direct[r];
    if (direct === undefined) throw new Error(`B4: no direct run for round ${r + 1}`);
    return p99(run) - p99(direct);
  });
  const spread = summarize(added);
  return {
    [`${proxy}_added_p99_round_median_ms`]: round(spread.median),
    [`${proxy}_added_p99_round_min_ms`]: round(spread.min),
    [`${proxy}_added_p99_round_max_ms`]: round(spread.max),
  };
}

function result(saturated: Runs, paced: Runs, ratePerSecond: number): BenchResult {
  const top = byTarget((name) => best(saturated[name]));
  const topP99 = byTarget((name) => p99(top[name]));
  const at = byTarget((name) => pooled(paced[name]));
  const ratio = top.gateway.requestsPerSecond / top.nginx.requestsPerSecond;
  const addedP99 = at.gateway.p99 - at.direct.p99;
  const figures: Record<string, number> = { paced_rps: ratePerSecond };
  for (const name of TARGETS) {
    figures[`${name}_rps`] = Math.round(top[name].requestsPerSecond);
    figures[`${name}_saturated_p99_ms`] = round(topP99[name]);
    figures[`${name}_paced_p50_ms`] = round(at[name].p50);
    figures[`${name}_paced_p99_ms`] = round(at[name].p99);
  }
  return {
    id: 'B4',
    name: 'runtime proxy: GET /alive via gateway vs nginx vs direct (50 conns, load_generator: wrk)',
    figures: {
      ...figures,
      gateway_to_nginx_rps: round(ratio, 3),
      gateway_added_p99_ms: round(addedP99),
      nginx_added_p99_ms: round(at.nginx.p99 - at.direct.p99),
      ...addedP99ByRound(paced, 'gateway'),
      ...addedP99ByRound(paced, 'nginx'),
      gateway_added_saturated_p99_ms: round(topP99.gateway - topP99.direct),
      nginx_added_saturated_p99_ms: round(topP99.nginx - topP99.direct),
    },
    target: `gateway/nginx throughput >= 0.6; added p99 vs direct <= 3 ms at ${ratePerSecond} req/s (half the gateway's throughput)`,
    pass: ratio >= 0.6 && addedP99 <= 3,
  };
}
