import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { Runtime } from '@agentrt/contracts';
import { freePort, waitFor } from '@agentrt/testing';
import { executeBash } from './runtime-api-client';

const run = promisify(execFile);
const LABEL = 'org.agentrt.bench=1';

/**
 * B1's baselines, with no runtime-api in the path: what a user gets by hand from the engine.
 *
 * `rawDockerTti`: `docker run -d` of the runtime image with its port published, `/alive` polled
 * every 20 ms, then the same first command as B1 straight to the agent server. `engineStart`:
 * only `docker run -d` of the bare base image (`sleep`), the floor no sandbox on this engine
 * can go under. Every container is labelled and removed, even on failure.
 */
export async function rawDockerTti(image: string): Promise<number> {
  const port = await freePort();
  const key = randomBytes(16).toString('hex');
  const began = performance.now();
  const id = await dockerRun(image, [
    '-p',
    `127.0.0.1:${port}:8000`,
    '-e',
    `SESSION_API_KEY=${key}`,
  ]);
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitFor(() => alive(url), {
      timeoutMs: 120_000,
      intervalMs: 20,
      description: `raw container ${id.slice(0, 12)} to answer /alive`,
    });
    await executeBash({ url, session_api_key: key } as Runtime, 'true');
    return performance.now() - began;
  } finally {
    await remove(id);
  }
}

/** `docker run -d <base> sleep infinity` until the engine says the container runs. */
export async function engineStart(baseImage: string): Promise<number> {
  const began = performance.now();
  const id = await dockerRun(baseImage, [], ['sleep', 'infinity']);
  const elapsed = performance.now() - began;
  await remove(id);
  return elapsed;
}

/** `count` of `sample` at once; each resolves with its own time. */
export async function atOnce(count: number, sample: () => Promise<number>): Promise<number[]> {
  return await Promise.all(Array.from({ length: count }, sample));
}

async function dockerRun(image: string, options: string[], command: string[] = []) {
  const args = ['run', '-d', '--rm', '--pull', 'never', '--label', LABEL, ...options, image];
  const { stdout } = await run('docker', [...args, ...command]);
  return stdout.trim();
}

async function remove(id: string): Promise<void> {
  await run('docker', ['rm', '-f', id]).catch(() => undefined);
}

async function alive(url: string): Promise<boolean> {
  const response = await fetch(`${url}/alive`).catch(() => undefined);
  await response?.body?.cancel();
  return response?.status === 200;
}
