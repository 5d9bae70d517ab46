import { rm } from 'node:fs/promises';
import { pause } from './pause';
import { readProcess } from './processes';
import type { RunSettings } from './run-settings';

/** Waits (up to the probe timeout) until process `pid` is gone. */
export async function waitForExit(pid: number, settings: RunSettings): Promise<void> {
  const until = settings.clock() + settings.probeTimeoutMs;
  while (settings.clock() < until && (await readProcess(pid)) !== undefined) {
    await pause(settings.pollIntervalMs);
  }
}

/** Removes a file or directory tree, retrying while a dying shell may still write into it. */
export function removePath(path: string): Promise<void> {
  return rm(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
}
