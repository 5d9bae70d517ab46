#!/usr/bin/env node
// Copies the node_modules a webpack bundle still needs at run time into another folder: the
// packages webpack left external (`module.exports = require("x")`) that are installed, with
// their dependencies, optional and peer ones included. docker/agent-server-runtime.Dockerfile
// uses it: app.js bundles the agent server with almost all its packages, so the image needs only
// a few (the AI SDK, playwright-core), not the production tree the services need (~10x larger).
//
// Usage: bundle-node-modules.mjs --from <dir> --to <dir> <bundle.js>...
//   --from  the project whose node_modules are copied from (production only: no dev packages)
//   --to    where <to>/node_modules is made, with the same layout (nested copies stay nested)
// Externals that are not installed (the optional packages Nest and ws do without) are listed
// and skipped; a dependency missing under an installed package stops it with exit code 1.
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';

const EXTERNAL = /module\.exports = require\("([^"]+)"\)/g;

function parseArgs(argv) {
  const options = { from: '', to: '', bundles: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--from' || arg === '--to') options[arg.slice(2)] = resolve(argv[(i += 1)] ?? '');
    else options.bundles.push(arg);
  }
  if (!options.from || !options.to || options.bundles.length === 0) {
    console.error('usage: bundle-node-modules.mjs --from <dir> --to <dir> <bundle.js>...');
    process.exit(2);
  }
  return options;
}

/** Package names (not built-ins) the bundles require at run time, e.g. `@ai-sdk/openai`. */
function externalsOf(bundles) {
  const names = new Set();
  for (const file of bundles) {
    for (const [, request] of readFileSync(file, 'utf8').matchAll(EXTERNAL)) {
      if (isBuiltin(request)) continue;
      const parts = request.split('/');
      names.add(request.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return [...names].sort();
}

/** Where node's require finds `name` from the package at `dir`, searching up to `root`. */
function locate(name, dir, root) {
  for (let at = dir; ; at = dirname(at)) {
    const candidate = join(at, 'node_modules', name);
    if (basename(at) !== 'node_modules' && existsSync(join(candidate, 'package.json'))) {
      return candidate;
    }
    if (at === root || at === dirname(at)) return undefined;
  }
}

/** Every package dir the externals need: breadth first over dependencies, optional and peer. */
function closure(externals, root) {
  const found = new Set();
  const queue = externals.map((name) => locate(name, root, root)).filter(Boolean);
  while (queue.length > 0) {
    const dir = queue.shift();
    if (found.has(dir)) continue;
    found.add(dir);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const optional = new Set([
      ...Object.keys(pkg.optionalDependencies ?? {}),
      ...Object.entries(pkg.peerDependenciesMeta ?? {})
        .filter(([, meta]) => meta?.optional)
        .map(([name]) => name),
    ]);
    const needs = { ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies };
    for (const name of Object.keys(needs)) {
      const at = locate(name, dir, root);
      if (at) queue.push(at);
      else if (!optional.has(name)) {
        console.error(`[bundle-node-modules] ${pkg.name} needs ${name}, which is not installed`);
        process.exit(1);
      }
    }
  }
  return [...found].sort();
}

const { from, to, bundles } = parseArgs(process.argv.slice(2));
const externals = externalsOf(bundles);
const installed = externals.filter((name) => locate(name, from, from));
const packages = closure(installed, from);
for (const dir of packages) {
  // A package's own node_modules holds nested copies: each is in the list when it is needed.
  cpSync(dir, join(to, relative(from, dir)), {
    recursive: true,
    filter: (source) => source !== join(dir, 'node_modules'),
  });
}
const skipped = externals.filter((name) => !installed.includes(name));
console.log(`[bundle-node-modules] externals installed: ${installed.join(', ') || '(none)'}`);
console.log(`[bundle-node-modules] not installed, left to their callers: ${skipped.join(', ')}`);
console.log(
  `[bundle-node-modules] ${packages.length} packages copied to ${join(to, 'node_modules')}`,
);
