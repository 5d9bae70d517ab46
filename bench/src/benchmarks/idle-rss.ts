import { BenchAgentServer } from '../support/agent-server';
import type { BenchResult } from '../support/report';
import { round } from '../support/stats';

/** B6 (agent server part): resident memory of one idle, freshly started agent server. */
export async function benchIdleRss(distDir?: string): Promise<BenchResult> {
  const server = await BenchAgentServer.start(distDir);
  try {
    await fetch(`${server.url}/api/conversations/count`, { headers: server.headers });
    const rss = await settledRss(server);
    return {
      id: 'B6a',
      name: 'idle agent-server RSS',
      figures: { rss_mb: round(rss, 1) },
      target: '<= 80 MB',
      pass: rss <= 80,
    };
  } finally {
    await server.stop();
  }
}

/** Samples until two readings 500 ms apart differ by less than 1 MB (at most 10 s). */
async function settledRss(server: BenchAgentServer): Promise<number> {
  let previous = server.rssMb();
  for (let i = 0; i < 20; i += 1) {
    await new Promise((done) => setTimeout(done, 500));
    const current = server.rssMb();
    if (Math.abs(current - previous) < 1) return current;
    previous = current;
  }
  return previous;
}
