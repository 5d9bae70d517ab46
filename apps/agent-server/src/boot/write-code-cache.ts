import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBundle } from './bundle-loader';

/**
 * Boots the bundle once on a free loopback port in a throwaway workspace, saves its code cache
 * and exits: 0 when saved, 1 (with one fatal JSON line) when not. For image builds, which run it
 * as the app folder's owner; the environment is otherwise the server's own, so the cache fits
 * the way the image runs it.
 */
export async function writeCodeCache(
  appFile: string,
  service: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const workspace = mkdtempSync(join(tmpdir(), 'agentrt-code-cache-'));
  try {
    // The bundle reads its config from this same object (process.env, passed in by main.ts).
    Object.assign(env, {
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      WORKSPACE_DIR: workspace,
      LOG_LEVEL: 'warn',
    });
    const bundle = loadBundle(appFile, false);
    if (!(await (bundle.exports.listening as Promise<boolean>))) throw new Error('boot failed');
    bundle.saveCache();
    process.stdout.write(
      `${JSON.stringify({ level: 'info', service, msg: 'code cache saved' })}\n`,
    );
    finish(workspace, 0);
  } catch (error) {
    const msg = `code cache not saved: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`${JSON.stringify({ level: 'fatal', service, msg })}\n`);
    finish(workspace, 1);
  }
}

/** The booted server (its timers, sockets) would keep the process alive: exit outright. */
function finish(workspace: string, code: number): never {
  rmSync(workspace, { recursive: true, force: true });
  return process.exit(code);
}

// Not libs/runtime-backends' or libs/testing's: the loader must stay free of our libs and their
// dependencies (it runs before the bundle; anything it imports is loaded uncached).
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
