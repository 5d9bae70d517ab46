import { transformFileSync } from '@swc/core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let folder: string;
let bundleFile: string;
let loaderFile: string;

interface Loaded {
  cache: string;
  exports: Record<string, unknown>;
  saved?: string;
}

/**
 * Loads the bundle in a fresh Node process, as a booting server does: within one process V8's
 * in-memory compilation cache would answer before any code cache is even looked at.
 */
function load(useCache: boolean, then: 'save' | 'run' = 'run'): Loaded {
  const script = `
    const { loadBundle } = require(${JSON.stringify(loaderFile)});
    const bundle = loadBundle(${JSON.stringify(bundleFile)}, ${useCache});
    const exports = { ...bundle.exports, sum: bundle.exports.sum() };
    let saved;
    if (${then === 'save'}) try { bundle.saveCache(); saved = 'yes'; } catch (e) { saved = e.message; }
    console.log(JSON.stringify({ cache: bundle.cache, exports, saved }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as Loaded;
}

/** A CommonJS bundle with enough code for V8 to cache, a relative require and a closure. */
function writeBundle(answer: number): void {
  const functions = Array.from(
    { length: 200 },
    (_, i) => `function f${i}(x) { return x * ${i} + ${answer}; }`,
  ).join('\n');
  writeFileSync(
    bundleFile,
    `${functions}
    const helper = require('./helper');
    exports.answer = f0(0);
    exports.helper = helper.name;
    exports.where = [__filename, __dirname];
    exports.sum = () => [${Array.from({ length: 200 }, (_, i) => `f${i}(1)`).join(', ')}].length;`,
  );
}

function cacheFiles(): string[] {
  return readdirSync(folder).filter((name) => name.endsWith('.code-cache'));
}

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'bundle-loader-'));
  loaderFile = join(folder, 'loader.js');
  const { code } = transformFileSync(join(__dirname, 'bundle-loader.ts'), {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  writeFileSync(loaderFile, code);
  bundleFile = join(folder, 'app.js');
  mkdirSync(join(folder, 'helper'));
  writeFileSync(join(folder, 'helper', 'index.js'), "exports.name = 'helper';");
  writeBundle(42);
});

afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('loadBundle', () => {
  it('runs the bundle like a required file: exports, relative require, __filename, __dirname', () => {
    expect(load(true)).toMatchObject({
      cache: 'absent',
      exports: { answer: 42, helper: 'helper', where: [bundleFile, folder], sum: 200 },
    });
  });

  it('saves a code cache that the next boot uses', () => {
    expect(load(true, 'save').saved).toBe('yes');
    expect(cacheFiles()).toHaveLength(1);
    expect(load(true)).toMatchObject({ cache: 'used', exports: { answer: 42, sum: 200 } });
  });

  it('never uses the cache of an earlier build, and drops it once a new one is saved', () => {
    load(true, 'save');
    const [old] = cacheFiles();
    writeBundle(7); // same length, other code: V8's own length check would accept the old cache

    expect(load(true, 'save')).toMatchObject({ cache: 'absent', exports: { answer: 7 } });
    expect(cacheFiles()).toHaveLength(1);
    expect(cacheFiles()).not.toContain(old);
    expect(load(true)).toMatchObject({ cache: 'used', exports: { answer: 7 } });
  });

  it('compiles from source when V8 rejects a damaged cache', () => {
    load(true, 'save');
    const [cache] = cacheFiles();
    writeFileSync(join(folder, cache ?? 'missing'), Buffer.from('not a code cache'));
    expect(load(true)).toMatchObject({ cache: 'rejected', exports: { answer: 42, sum: 200 } });
  });

  it('ignores the cache when turned off', () => {
    load(true, 'save');
    expect(load(false)).toMatchObject({ cache: 'off', exports: { answer: 42 } });
  });

  it('reports a cache it cannot write, leaving no partial file behind', () => {
    // A folder where the cache file should be: the rename fails, the temporary file is removed.
    load(true, 'save');
    const [cache] = cacheFiles();
    rmSync(join(folder, cache ?? 'missing'));
    mkdirSync(join(folder, cache ?? 'missing'));
    expect(load(true, 'save').saved).toMatch(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
