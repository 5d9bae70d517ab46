import { BashOutputSchema } from '@agentrt/contracts';
import type { BenchAgentServer } from '../support/agent-server';
import { dockerExecSamples } from '../support/docker-baseline';
import type { BenchResult } from '../support/report';
import { round, summarize, timeMs } from '../support/stats';

export interface B2Options {
  runs: number;
  baselineRuns: number;
  baseImage: string;
}

/** B2: `execute_bash_command` of `true` at the server, vs `docker exec <c> true`. */
export async function benchExec(
  server: BenchAgentServer,
  options: B2Options,
): Promise<BenchResult> {
  const execute = async () => {
    const response = await fetch(`${server.url}/api/bash/execute_bash_command`, {
      method: 'POST',
      headers: server.headers,
      body: JSON.stringify({ command: 'true', timeout: 10 }),
    });
    const output = BashOutputSchema.parse(await response.json());
    if (output.exit_code !== 0) throw new Error(`exit code ${String(output.exit_code)}`);
  };
  await execute(); // warm-up: first spawn pays for page faults
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i += 1) samples.push(await timeMs(execute));
  const ours = summarize(samples);
  const docker = summarize(await dockerExecSamples(options.baseImage, options.baselineRuns));
  const ratio = ours.median / docker.median;
  return {
    id: 'B2',
    name: 'exec round trip (agent server)',
    figures: {
      runs: ours.count,
      median_ms: round(ours.median),
      p95_ms: round(ours.p95),
      p99_ms: round(ours.p99),
      docker_exec_median_ms: round(docker.median),
      ratio_to_docker_exec: round(ratio, 3),
    },
    target: 'median <= 10 ms; ratio <= 0.2',
    pass: ours.median <= 10 && ratio <= 0.2,
  };
}
