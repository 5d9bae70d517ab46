import { accessSync, constants } from 'node:fs';
import type { AgentServerConfig } from '../../../config/agent-server.config';
import type { BrowserBackend } from './browser-backend';
import { ChromiumBrowser } from './chromium-browser';
import { FetchBrowser } from './fetch-browser';

/** Where Debian, Ubuntu and Google's packages put the browser, in order of preference. */
const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
];
/** Response bytes the fetch fallback reads at most (the agent sees far less after conversion). */
const FETCH_MAX_BYTES = 5 * 1024 ** 2;

type BrowserConfig = Pick<
  AgentServerConfig,
  'BROWSER_EXECUTABLE' | 'BROWSER_TIMEOUT_SECONDS' | 'CHILD_ENV'
>;

/** Chromium when one is configured or installed; the fetch fallback when not (or `none`). */
export function createBrowserBackend(config: BrowserConfig): BrowserBackend {
  const timeoutMs = config.BROWSER_TIMEOUT_SECONDS * 1000;
  const executablePath = chromiumPath(config.BROWSER_EXECUTABLE);
  return executablePath
    ? new ChromiumBrowser({ executablePath, env: config.CHILD_ENV, timeoutMs })
    : new FetchBrowser({ timeoutMs, maxBytes: FETCH_MAX_BYTES });
}

function chromiumPath(setting: string | undefined): string | undefined {
  if (setting === 'none') return undefined;
  if (setting === undefined) return CHROMIUM_CANDIDATES.find(isExecutable);
  // A path set on purpose must work: better to stop at boot than to browse without it.
  if (!isExecutable(setting)) throw new Error(`BROWSER_EXECUTABLE ${setting} is not executable`);
  return setting;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
