import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The variables an app's README configuration table lists (rows starting "| `NAME`"). */
export function readmeVariables(app: string): Set<string> {
  const readme = readFileSync(join(ROOT, 'apps', app, 'README.md'), 'utf8');
  const names = [...readme.matchAll(/^\| `([A-Z][A-Z0-9_]*)`/gm)].map((match) => match[1] ?? '');
  return new Set(names);
}

/** A file of the repository, for checks that tie the manifests to the code. */
export function repoFile(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}
