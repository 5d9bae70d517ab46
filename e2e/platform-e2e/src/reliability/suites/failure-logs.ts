import type { AppProcess } from '../../support/app-process';

const FAILURE =
  /upstream failed|runtime proxy failed|request failed|failed to start|init failed|boot failed|cleanup after stop failed/;

/**
 * What the apps logged about failed requests (upstream or resolver failures, 5xx answers), so a
 * suite that fails in CI says what the apps saw, not only what the client got.
 */
export function printFailureLogs(tag: string, apps: AppProcess[]): void {
  for (const app of apps) {
    for (const line of app.output.filter((l) => FAILURE.test(l)).slice(-10)) {
      process.stdout.write(`[${tag}] ${app.name} logged: ${line.slice(0, 600)}\n`);
    }
  }
}
