import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EditorError } from './editor-error';
import { catN, clip, MAX_SHOWN_CHARS, splitLines } from './numbered-lines';
import { readTextFile } from './text-file';

/** A file with line numbers (optionally a range), or a directory two levels deep. */
export async function view(path: string, range: readonly number[] | null | undefined) {
  if ((await stat(path)).isDirectory()) {
    if (range) throw new EditorError('`view_range` is not allowed when `path` is a directory.');
    return listDirectory(path);
  }
  const lines = splitLines(await readTextFile(path));
  if (!range || lines.length === 0) return catN(path, lines);
  const [first = 1, requestedLast = -1] = range;
  if (first < 1 || first > Math.max(1, lines.length)) {
    throw new EditorError(
      `Invalid \`view_range\` [${range.join(', ')}]: its first element should be within the range of lines of the file: [1, ${lines.length}].`,
    );
  }
  const last = requestedLast === -1 ? lines.length : Math.min(requestedLast, lines.length);
  if (last < first) {
    throw new EditorError(
      `Invalid \`view_range\` [${range.join(', ')}]: its second element should be -1 or at least the first.`,
    );
  }
  const note =
    requestedLast > lines.length
      ? `NOTE: the file has only ${lines.length} lines, so only up to line ${lines.length} is shown.\n`
      : '';
  return note + catN(path, lines.slice(first - 1, last), first);
}

/** Non-hidden entries up to 2 levels deep, directories marked with `/` (as OpenHands lists). */
async function listDirectory(root: string): Promise<string> {
  const entries = await readdir(root, { withFileTypes: true });
  const visible = sortedVisible(entries);
  const lines = [`${root}/`];
  let size = 0;
  for (const entry of visible) {
    if (size > MAX_SHOWN_CHARS) break; // clipped anyway: spare reading huge trees
    const path = join(root, entry.name);
    const children = entry.isDirectory()
      ? await readdir(path, { withFileTypes: true }).catch(() => [])
      : [];
    const added = [
      shown(path, entry),
      ...sortedVisible(children).map((child) => shown(join(path, child.name), child)),
    ];
    lines.push(...added);
    size += added.join('\n').length;
  }
  const hidden = entries.length - visible.length;
  const hiddenNote = hidden
    ? `\n\n${hidden} hidden files/directories in this directory are excluded. You can use 'ls -la ${root}' to see them.`
    : '';
  return clip(
    `Here's the files and directories up to 2 levels deep in ${root}, excluding hidden items:\n${lines.join('\n')}${hiddenNote}`,
  );
}

function sortedVisible(entries: Dirent[]): Dirent[] {
  return entries
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

function shown(path: string, entry: Dirent): string {
  return entry.isDirectory() ? `${path}/` : path;
}
