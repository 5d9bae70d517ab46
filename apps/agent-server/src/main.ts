import { join } from 'node:path';
import { loadBundle } from './boot/bundle-loader';
import { parseCodeCacheMode } from './boot/code-cache-mode';
import { writeCodeCache } from './boot/write-code-cache';

/**
 * The agent server's entry. Most of a cold start used to be V8 parsing and compiling some 1,200
 * modules, and a cold start is what a runtime's time to interactive waits for. So the server and
 * its dependencies are bundled into app.js (see webpack.config.js), and this small loader
 * compiles it with a V8 code cache: measured on the project's 2-core machine, boot to `/alive`
 * went from ~1.0 s to ~0.55 s.
 *
 * `node main.js --write-code-cache` boots once on a loopback port, saves the cache and exits: the
 * runtime image runs it at build time, as its app folder is read-only for the agent's user.
 */
const SERVICE = 'agent-server';
const QUIET_LEVELS = new Set(['warn', 'error', 'fatal', 'silent']);
const appFile = join(__dirname, 'app.js');
// eslint-disable-next-line no-restricted-properties -- the loader reads its one variable itself
const rawMode = process.env.AGENT_SERVER_CODE_CACHE;
const mode = parseCodeCacheMode(rawMode);

if (process.argv.includes('--write-code-cache')) {
  // eslint-disable-next-line no-restricted-properties -- it sets the throwaway server's address
  void writeCodeCache(appFile, SERVICE, process.env);
} else if (mode === undefined) {
  fatal(`AGENT_SERVER_CODE_CACHE must be "auto" or "off" (got ${JSON.stringify(rawMode)})`, 78);
} else {
  const started = performance.now();
  const bundle = loadBundle(appFile, mode === 'auto');
  // One line, so an operator can see that an image's cache is used (`rejected`: made by another
  // node or under other flags; `absent`: never made, e.g. a read-only app folder).
  info('app loaded', {
    code_cache: bundle.cache,
    load_ms: Math.round(performance.now() - started),
  });
  if (bundle.cache === 'absent' || bundle.cache === 'rejected') {
    void (bundle.exports.listening as Promise<boolean>).then((listening) => {
      // Saved a little later so the first requests are not kept waiting; best effort, as the
      // folder may well be read-only (the server runs the same, only its next boot is slower).
      if (listening) setTimeout(() => tryToSave(bundle.saveCache), 2000).unref();
    });
  }
}

function tryToSave(save: () => void): void {
  try {
    save();
  } catch {
    // Nothing to tell: a read-only app folder is a normal deployment.
  }
}

function info(msg: string, fields: Record<string, unknown>): void {
  // eslint-disable-next-line no-restricted-properties -- as above: no config exists yet
  if (QUIET_LEVELS.has(process.env.LOG_LEVEL ?? 'info')) return;
  const line = { level: 'info', time: new Date().toISOString(), service: SERVICE, msg, ...fields };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function fatal(msg: string, exitCode: number): void {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', service: SERVICE, msg })}\n`);
  process.exitCode = exitCode;
}
