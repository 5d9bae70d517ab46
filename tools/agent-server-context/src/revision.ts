import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Which commit a context was assembled from, as its name and the image tag say it. */
export interface Revision {
  /** The first seven hex digits of HEAD; `nogit` outside a git checkout. */
  sha7: string;
  /** True when files that go into the context differ from HEAD (changed or untracked). */
  dirty: boolean;
  /** HEAD's commit time in seconds: the archive's file times, so a commit gives the same bytes. */
  commitTime: number;
}

/** `abc1234` or `abc1234-dirty`: the part of the file name and image tag before the tag. */
export function revisionLabel(revision: Revision): string {
  return revision.dirty ? `${revision.sha7}-dirty` : revision.sha7;
}

/**
 * Reads HEAD and whether `paths` (the context's inputs) have uncommitted changes. Only those
 * paths count: edits elsewhere in the repo do not change the image. Read-only: `status` runs
 * with --no-optional-locks so it never rewrites the index under a concurrent git command.
 */
export async function readRevision(root: string, paths: readonly string[]): Promise<Revision> {
  const git = async (...args: string[]) =>
    (await run('git', ['-C', root, '--no-optional-locks', ...args])).stdout.trim();
  let head: string;
  try {
    head = (await git('rev-parse', 'HEAD')).slice(0, 7);
  } catch {
    // A copy without .git (an exported tarball): nothing to compare against.
    return { sha7: 'nogit', dirty: false, commitTime: 0 };
  }
  const [status, time] = await Promise.all([
    git('status', '--porcelain', '--untracked-files=all', '--', ...paths),
    git('log', '-1', '--format=%ct', 'HEAD'),
  ]);
  return { sha7: head, dirty: status !== '', commitTime: Number(time) || 0 };
}
