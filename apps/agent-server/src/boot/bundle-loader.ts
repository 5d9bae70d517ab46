import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { constants, Script } from 'node:vm';

/** What happened to the code cache when the bundle was compiled. */
export type CodeCacheStatus = 'used' | 'rejected' | 'absent' | 'off';

export interface LoadedBundle {
  /** The bundle's `module.exports`. */
  exports: Record<string, unknown>;
  cache: CodeCacheStatus;
  /**
   * Writes V8's code cache for everything compiled so far (call it once the app is up, so the
   * functions boot ran are in it). Atomic: concurrent boots never read a half-written file.
   */
  saveCache(): void;
}

const CACHE_SUFFIX = '.code-cache';

/**
 * Runs a CommonJS bundle as Node's loader would (same wrapper, `require` resolving from the
 * bundle's folder), but compiled through `vm.Script` so that V8's code cache can be used and
 * saved: with it V8 deserialises the bytecode of every function boot needs instead of parsing
 * and compiling megabytes of source on every start.
 *
 * The cache file is named after a hash of the source, Node's version and the architecture, so a
 * rebuilt bundle never meets a stale cache (V8's own check compares only the source length);
 * V8 rejects one made under other flags, and the bundle is then compiled as if there were none.
 */
export function loadBundle(file: string, useCache: boolean): LoadedBundle {
  const source = readFileSync(file);
  const cacheFile = cacheFileOf(file, source);
  const cachedData = useCache ? readIfPresent(cacheFile) : undefined;
  const script = new Script(wrap(source.toString('utf8')), {
    filename: file,
    cachedData,
    // A real `import()` left in a dependency resolves as it would in a plain `require`d file.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const cache = statusOf(useCache, cachedData, script);
  const module = { exports: {} as Record<string, unknown> };
  const run = script.runInThisContext() as BundleFunction;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, cache, saveCache: () => saveCache(script, cacheFile) };
}

type BundleFunction = (
  exports: object,
  require: NodeJS.Require,
  module: { exports: object },
  filename: string,
  dirname: string,
) => void;

/** Node's own CommonJS wrapper, on the first line so line numbers (and source maps) still fit. */
function wrap(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
}

function cacheFileOf(file: string, source: Buffer): string {
  const key = createHash('sha256')
    .update(source)
    .update(`\0${process.version}\0${process.arch}`)
    .digest('hex')
    .slice(0, 32);
  return join(dirname(file), `${basename(file)}.${key}${CACHE_SUFFIX}`);
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function statusOf(useCache: boolean, cachedData: Buffer | undefined, script: Script) {
  if (!useCache) return 'off';
  if (cachedData === undefined) return 'absent';
  return script.cachedDataRejected === true ? 'rejected' : 'used';
}

function saveCache(script: Script, cacheFile: string): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cacheFile);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  removeStaleCaches(cacheFile);
}

/** Caches of earlier builds would otherwise pile up in the folder with each rebuild. */
function removeStaleCaches(current: string): void {
  const folder = dirname(current);
  const stem = basename(current).split('.').slice(0, 2).join('.');
  for (const name of readdirSync(folder)) {
    const stale = name.startsWith(`${stem}.`) && name.endsWith(CACHE_SUFFIX);
    if (stale && name !== basename(current)) rmSync(join(folder, name), { force: true });
  }
}
