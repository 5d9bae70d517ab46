import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';

/** Test helpers: real `tar`, real `docker` CLI, nothing faked. */
export const DOCKER_SOCKET = '/var/run/docker.sock';
export const BASE_IMAGE = 'agentrt-local/node-base:bookworm';

const run = promisify(execFile);

export function uniqueName(): string {
  return `build-${randomBytes(5).toString('hex')}`;
}

export async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args);
  return stdout.trim();
}

/** Writes `files` into a temporary directory and streams it as a tar.gz, as a user would upload. */
export async function contextOf(files: Record<string, string>): Promise<Readable> {
  const dir = await mkdtemp(join(tmpdir(), 'image-builder-'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  const tar = spawn('tar', ['-cz', '-C', dir, '.'], { stdio: ['ignore', 'pipe', 'ignore'] });
  tar.once('close', () => void rm(dir, { recursive: true, force: true }));
  return tar.stdout;
}

/** Containers (any state) whose command mentions `marker`: the build's RUN containers. */
export async function containersMentioning(marker: string): Promise<string[]> {
  const out = await docker('ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Command}}');
  return out
    .split('\n')
    .filter((line) => line.includes(marker))
    .map((line) => line.split(' ')[0] ?? '');
}
