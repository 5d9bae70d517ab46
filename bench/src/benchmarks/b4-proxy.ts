import type { BenchAgentServer } from '../support/agent-server';
import { BenchGateway } from '../support/gateway-process';
import { type LoadOptions, type LoadResult, runLoad } from '../support/load';
import { NginxProxy } from '../support/nginx-proxy';
import type { BenchResult } from '../support/report';
import { round } from '../support/stats';

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
 * B4: `GET /alive` of one agent server, straight and through two proxies (the gateway's runtime
 * proxy and nginx), in the same run, with the same closed-loop load (50 keep-alive connections),
 * in interleaved rounds.
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
      // Interleaved rounds, best round of each kept: a shared machine's noise hits all three alike.
      const runs = {
        direct: [] as LoadResult[],
        nginx: [] as LoadResult[],
        gateway: [] as LoadResult[],
      };
      for (let round = 0; round < options.rounds; round += 1) {
        for (const [name, url] of Object.entries(urls) as [keyof typeof urls, string][]) {
          runs[name].push(await measure(url, options));
        }
      }
      return result(best(runs.direct), best(runs.nginx), best(runs.gateway));
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

async function measure(url: string, options: B4Options): Promise<LoadResult> {
  const measured = await runLoad(url, loadOf(options));
  if (measured.errors > 0) throw new Error(`${url}: ${measured.errors} failed requests`);
  return measured;
}

/** The round with the highest throughput. */
function best(runs: LoadResult[]): LoadResult {
  return runs.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
}

function result(direct: LoadResult, nginx: LoadResult, gateway: LoadResult): BenchResult {
  const ratio = gateway.requestsPerSecond / nginx.requestsPerSecond;
  const addedP99 = gateway.latencyMs.p99 - direct.latencyMs.p99;
  const figures: Record<string, number> = {};
  for (const [name, run] of Object.entries({ direct, nginx, gateway })) {
    figures[`${name}_rps`] = Math.round(run.requestsPerSecond);
    figures[`${name}_p50_ms`] = round(run.latencyMs.median);
    figures[`${name}_p99_ms`] = round(run.latencyMs.p99);
  }
  return {
    id: 'B4',
    name: 'runtime proxy: GET /alive via gateway vs nginx vs direct (50 conns)',
    figures: {
      ...figures,
      gateway_to_nginx_rps: round(ratio, 3),
      gateway_added_p99_ms: round(addedP99),
    },
    target: 'gateway/nginx throughput >= 0.6; added p99 vs direct <= 3 ms',
    pass: ratio >= 0.6 && addedP99 <= 3,
  };
}
