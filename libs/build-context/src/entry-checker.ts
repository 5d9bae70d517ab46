import { BuildContextError } from './build-context-error';
import { ancestorsOf, isAbsolute, parentOf, resolveInside } from './context-path';

/** The parts of a tar header the rules need; kept free of tar-stream's own types. */
export interface EntryHeader {
  name: string;
  type: string;
  linkname?: string;
}

const REGULAR_TYPES = new Set(['file', 'contiguous-file']);
const DEVICE_TYPES = new Set(['character-device', 'block-device', 'fifo']);

/**
 * Applies the per-entry rules in archive order and remembers what the later rules need
 * (symlinks seen, the Dockerfile's type, the entry count).
 */
export class EntryChecker {
  private readonly symlinks = new Set<string>();
  private dockerfileIsRegular = false;
  private count = 0;

  constructor(
    private readonly dockerfile: string,
    private readonly maxEntries: number,
  ) {}

  get entries(): number {
    return this.count;
  }

  check(header: EntryHeader): void {
    const { name } = header;
    this.count += 1;
    if (this.count > this.maxEntries) {
      throw new BuildContextError(
        'too_many_entries',
        `more than ${this.maxEntries} entries at '${name}'`,
        name,
      );
    }
    const path = this.pathOf(name);
    this.checkType(header, path);
    // The last entry for a path wins when a tar is unpacked, so the Dockerfile's type does too.
    if (path === this.dockerfile) this.dockerfileIsRegular = REGULAR_TYPES.has(header.type);
  }

  /** Called once the archive ended cleanly. */
  finish(): void {
    if (!this.dockerfileIsRegular) {
      throw new BuildContextError(
        'no_dockerfile',
        `no regular file '${this.dockerfile}' in the build context`,
        this.dockerfile,
      );
    }
  }

  private pathOf(name: string): string {
    if (isAbsolute(name)) {
      throw new BuildContextError('absolute_path', `entry '${name}' has an absolute path`, name);
    }
    const resolved = resolveInside('', name);
    if (!resolved.ok) {
      throw new BuildContextError('path_escape', `entry '${name}' escapes the context root`, name);
    }
    // A symlinked directory would make every lexical check below it meaningless.
    const via = ancestorsOf(resolved.path).find((ancestor) => this.symlinks.has(ancestor));
    if (via !== undefined) {
      throw new BuildContextError(
        'link_escape',
        `entry '${name}' lies under the symlink '${via}'`,
        name,
      );
    }
    return resolved.path;
  }

  private checkType(header: EntryHeader, path: string): void {
    const { name, type } = header;
    if (DEVICE_TYPES.has(type)) {
      throw new BuildContextError('device_file', `entry '${name}' is a ${type}`, name);
    }
    if (type === 'symlink') {
      // Symlink targets are relative to the link's own directory.
      this.checkLink(header, parentOf(path));
      this.symlinks.add(path);
    } else if (type === 'link') {
      // Hard link targets are archive paths, relative to the root.
      this.checkLink(header, '');
    } else if (type !== 'directory' && !REGULAR_TYPES.has(type)) {
      throw new BuildContextError(
        'bad_tar',
        `entry '${name}' has unsupported type '${type}'`,
        name,
      );
    }
  }

  private checkLink(header: EntryHeader, base: string): void {
    const target = header.linkname ?? '';
    const inside = !isAbsolute(target) && resolveInside(base, target).ok;
    if (!inside) {
      throw new BuildContextError(
        'link_escape',
        `entry '${header.name}' links to '${target}', outside the context root`,
        header.name,
      );
    }
  }
}
