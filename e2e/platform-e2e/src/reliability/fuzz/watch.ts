import { readFileSync } from 'node:fs';
import type { AppProcess } from '../../support/app-process';

/** True when `url/health` answers 200. */
export async function answersHealth(
  url: string,
  headers: Record<string, string>,
): Promise<boolean> {
  const response = await fetch(`${url}/health`, { headers }).catch(() => undefined);
  await response?.body?.cancel();
  return response?.status === 200;
}

/** How to tell a target's process still runs, and what it last said. */
export interface Watch {
  running: () => Promise<boolean>;
  logTail: () => string;
}

/** Watches an app started by the e2e harness. */
export function watchApp(app: AppProcess): Watch {
  let exited = false;
  void app.exited.then(() => (exited = true));
  return { running: () => Promise.resolve(!exited), logTail: () => tail(app.output) };
}

export const tail = (lines: string[]) => lines.slice(-30).join('\n');

/** A file's text, or '' while it does not exist. */
export function readFileSyncOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
