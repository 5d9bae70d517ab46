import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { timeMs } from './stats';

const run = promisify(execFile);

/**
 * The B2 baseline: `docker exec <container> true` on a container from the local base image,
 * labelled so a leftover is easy to find, removed afterwards even on failure.
 */
export async function dockerExecSamples(image: string, runs: number): Promise<number[]> {
  const name = `agentrt-bench-${process.pid}`;
  await run('docker', [
    'run',
    '-d',
    '--rm',
    '--pull',
    'never',
    '--label',
    'org.agentrt.bench=1',
    '--name',
    name,
    image,
    'sleep',
    'infinity',
  ]);
  try {
    const samples: number[] = [];
    for (let i = 0; i < runs; i += 1)
      samples.push(await timeMs(() => run('docker', ['exec', name, 'true'])));
    return samples;
  } finally {
    await run('docker', ['rm', '-f', name]).catch(() => undefined);
  }
}
