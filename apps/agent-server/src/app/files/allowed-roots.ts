import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ApiException } from '@agentrt/platform';
import { fileError } from './fs-errors';

/** How the roots see the filesystem; a port so the confinement rules are testable alone. */
export interface PathProbe {
  /** The path with every symlink followed, or undefined when nothing exists there. */
  realpath(path: string): Promise<string | undefined>;
}

/** A requested path after confinement: where to read or write, and how much of it exists. */
export interface ConfinedPath {
  /** `..` resolved, and every link in its existing part followed. */
  readonly path: string;
  /** The real path of the deepest existing part of `path`; equal to `path` when it exists. */
  readonly existing: string;
}

/**
 * The directories `/api/file` may touch. A path is judged by where it really leads: `..` is
 * resolved, then the deepest part of it that exists is resolved through its symlinks, and the
 * result must lie inside the real path of a root. The parts that do not exist yet cannot be
 * links, so the path written is the path checked (barring a race with a local writer).
 */
export class AllowedRoots {
  constructor(
    private readonly roots: readonly string[],
    private readonly probe: PathProbe,
  ) {}

  async confine(requested: string): Promise<ConfinedPath> {
    const { existing, missing } = await this.deepestExisting(resolve(requested));
    const path = missing.length > 0 ? join(existing, ...missing) : existing;
    const roots = await this.realRoots();
    if (!roots.some((root) => isInside(root, path))) {
      throw new ApiException(
        403,
        `${requested} is outside the directories files may be read or written in (${this.roots.join(', ')})`,
      );
    }
    return { path, existing };
  }

  private async deepestExisting(path: string): Promise<{ existing: string; missing: string[] }> {
    const missing: string[] = [];
    let current = path;
    // Bounded by the depth of the path: every turn moves one level up, and "/" always exists.
    for (;;) {
      const real = await this.probe.realpath(current);
      const parent = dirname(current);
      if (real !== undefined || parent === current) return { existing: real ?? current, missing };
      missing.unshift(basename(current));
      current = parent;
    }
  }

  /** Roots that do not exist (yet) hold nothing and are skipped. */
  private async realRoots(): Promise<string[]> {
    const real = await Promise.all(this.roots.map((root) => this.probe.realpath(root)));
    return real.filter((root): root is string => root !== undefined);
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith('../') && !isAbsolute(rel));
}

/**
 * The real filesystem: ENOENT and ENOTDIR mean "nothing there". A dangling symlink is refused:
 * it leads nowhere that can be checked, and creating directories through it could escape.
 */
export const filesystemProbe: PathProbe = {
  async realpath(path) {
    try {
      return await realpath(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw fileError(error, path);
      const entry = await lstat(path).catch(() => undefined);
      if (entry?.isSymbolicLink()) {
        throw new ApiException(400, `${path} is a symbolic link to nothing`);
      }
      return undefined;
    }
  },
};
