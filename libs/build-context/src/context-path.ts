/**
 * Lexical path handling for tar entry names. Nothing touches the filesystem: the validator must
 * decide from the archive alone, before anything is written anywhere.
 */

/** Outcome of normalising a path against the context root. */
export type Resolved = { ok: true; path: string } | { ok: false };

/**
 * Resolve `path` (POSIX, relative) from the directory `base` (both already inside the root).
 * Returns the normalised path ('' for the root itself), or not ok when `..` climbs above root.
 */
export function resolveInside(base: string, path: string): Resolved {
  const parts = base === '' ? [] : base.split('/');
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') {
      parts.push(segment);
      continue;
    }
    if (parts.length === 0) return { ok: false };
    parts.pop();
  }
  return { ok: true, path: parts.join('/') };
}

export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}

/** The directory holding `path` ('' at the root). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** Every proper ancestor of a normalised path, nearest to the root first: a/b/c -> a, a/b. */
export function ancestorsOf(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, index) => parts.slice(0, index + 1).join('/'));
}
