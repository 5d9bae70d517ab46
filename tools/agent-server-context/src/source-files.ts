import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, posix, sep } from 'node:path';

/** The app the context builds, relative to the repo root. */
export const APP_ROOT = 'apps/agent-server';

/** Repo-root files every context carries: the workspace config and the lockfile. */
export const ROOT_FILES = ['package.json', 'package-lock.json', 'tsconfig.base.json'] as const;

const WORKSPACE_IMPORT = /(?:from\s+|import\(\s*|require\(\s*)'(@agentrt\/[a-z0-9-]+)'/g;

/** Tests and test-only helpers never reach the image (production code may not import them). */
function isTestOnly(path: string): boolean {
  return /\.spec\.ts$|\.testing\.ts$/.test(path) || path.split('/').includes('testing');
}

async function walk(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = posix.join(dir, entry.name);
      if (entry.isDirectory()) return walk(root, path);
      return Promise.resolve(entry.isFile() && !isTestOnly(path) ? [path] : []);
    }),
  );
  return nested.flat();
}

/** A project's files the build reads: its tsconfig files and its non-test sources. */
async function projectFiles(root: string, project: string): Promise<string[]> {
  const own = await readdir(join(root, project));
  const tsconfigs = own.filter((name) => /^tsconfig(\.(app|lib))?\.json$/.test(name));
  return [
    ...tsconfigs.map((name) => posix.join(project, name)),
    ...(await walk(root, `${project}/src`)),
  ];
}

/** `@agentrt/x` -> the project folder holding its entry file, from tsconfig.base.json's paths. */
async function workspaceAliases(root: string): Promise<Map<string, string>> {
  const base = JSON.parse(await readFile(join(root, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions?: { paths?: Record<string, string[]> };
  };
  const aliases = new Map<string, string>();
  for (const [alias, [entry]] of Object.entries(base.compilerOptions?.paths ?? {})) {
    // Entries are `<project>/src/index.ts`.
    if (entry !== undefined) aliases.set(alias, dirname(dirname(entry)).split(sep).join('/'));
  }
  return aliases;
}

async function importedAliases(root: string, files: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const file of files.filter((path) => path.endsWith('.ts'))) {
    const text = await readFile(join(root, file), 'utf8');
    for (const match of text.matchAll(WORKSPACE_IMPORT)) if (match[1]) found.add(match[1]);
  }
  return found;
}

/**
 * The sources the agent server is built from: the app and every workspace lib its production
 * code imports, directly or through another lib, without tests. Paths are relative to `root`
 * with `/` separators, sorted.
 */
export async function agentServerSources(
  root: string,
): Promise<{ projects: string[]; files: string[] }> {
  const aliases = await workspaceAliases(root);
  const projects = [APP_ROOT];
  const files: string[] = [];
  // for...of also visits the libs pushed while it runs: a breadth-first walk of the imports.
  for (const project of projects) {
    const own = await projectFiles(root, project);
    files.push(...own);
    for (const alias of await importedAliases(root, own)) {
      const lib = aliases.get(alias);
      if (lib === undefined)
        throw new Error(`${alias} (imported in ${project}) is not in tsconfig.base.json`);
      if (!projects.includes(lib)) projects.push(lib);
    }
  }
  return { projects, files: files.sort() };
}
