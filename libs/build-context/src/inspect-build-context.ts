import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract as tarExtract } from 'tar-stream';

import { BuildContextError } from './build-context-error';
import { ByteMeter } from './byte-meter';
import { resolveInside } from './context-path';
import { EntryChecker } from './entry-checker';
import {
  RATIO_FLOOR_BYTES,
  resolveLimits,
  type BuildContextOptions,
  type ResolvedLimits,
} from './limits';
import { toBuildContextError } from './stream-errors';

/** What a valid build context looks like from outside. */
export interface BuildContextSummary {
  /** sha256 (hex) of the compressed bytes exactly as uploaded: the context's storage key. */
  sha256: string;
  compressedBytes: number;
  /** Size of the uncompressed tar stream. */
  expandedBytes: number;
  /** Tar entries, counting directories and links. */
  entries: number;
  /** The Dockerfile's normalised path inside the context. */
  dockerfile: string;
}

/**
 * Validate a gzip-compressed tar build context while streaming it once, holding neither the
 * archive nor any file in memory and writing nothing to disk. Reading stops at the first
 * problem; a stream input is then destroyed. Throws {@link BuildContextError}.
 */
export async function inspectBuildContext(
  input: Buffer | Readable,
  options?: BuildContextOptions,
): Promise<BuildContextSummary> {
  const limits = resolveLimits(options);
  const dockerfile = normaliseDockerfile(limits.dockerfile);
  const checker = new EntryChecker(dockerfile, limits.maxEntries);
  const { compressed, expanded, digest } = createMeters(limits);
  const extract = tarExtract();
  const source = Buffer.isBuffer(input) ? Readable.from([input]) : input;
  const [piped, walked] = await Promise.allSettled([
    pipeline(source, compressed, createGunzip(), expanded, extract),
    walkEntries(extract, checker),
  ]);
  // Both settle whichever fails first: each failure destroys the streams the other waits on.
  if (piped.status === 'rejected' || walked.status === 'rejected') {
    throw toBuildContextError(reasonOf(piped), reasonOf(walked));
  }
  checker.finish();
  return {
    sha256: digest(),
    compressedBytes: compressed.bytes,
    expandedBytes: expanded.bytes,
    entries: checker.entries,
    dockerfile,
  };
}

/** Counters for both ends of gunzip; they enforce the byte limits as the bytes flow. */
function createMeters(limits: ResolvedLimits): {
  compressed: ByteMeter;
  expanded: ByteMeter;
  digest: () => string;
} {
  const hash = createHash('sha256');
  const compressed = new ByteMeter((chunk, total) => {
    if (total > limits.maxCompressedBytes) {
      throw new BuildContextError(
        'too_large',
        `context exceeds ${limits.maxCompressedBytes} compressed bytes`,
      );
    }
    hash.update(chunk);
  });
  const expanded = new ByteMeter((_chunk, total) =>
    checkExpansion(total, compressed.bytes, limits),
  );
  return { compressed, expanded, digest: () => hash.digest('hex') };
}

function reasonOf(result: PromiseSettledResult<void>): unknown {
  return result.status === 'rejected' ? result.reason : undefined;
}

function checkExpansion(
  expandedBytes: number,
  compressedBytes: number,
  limits: ResolvedLimits,
): void {
  if (expandedBytes > limits.maxExpandedBytes) {
    throw new BuildContextError('bomb', `context expands past ${limits.maxExpandedBytes} bytes`);
  }
  const ratio = expandedBytes / Math.max(compressedBytes, 1);
  if (expandedBytes > RATIO_FLOOR_BYTES && ratio > limits.maxRatio) {
    throw new BuildContextError(
      'bomb',
      `context expands more than ${limits.maxRatio} times its compressed size`,
    );
  }
}

/** Check every header as it arrives; a failed check destroys the extractor, stopping the pipe. */
async function walkEntries(
  extract: ReturnType<typeof tarExtract>,
  checker: EntryChecker,
): Promise<void> {
  try {
    for await (const entry of extract) {
      const { name, type, linkname } = entry.header;
      // tar-stream reports typeflags it does not know as null; the checker refuses those.
      checker.check({ name, type: type ?? 'unknown', linkname: linkname ?? undefined });
      // File contents are never needed: drain them so the archive keeps flowing.
      entry.resume();
    }
  } catch (error) {
    extract.destroy(error as Error);
    throw error;
  }
}

function normaliseDockerfile(dockerfile: string): string {
  const resolved = resolveInside('', dockerfile);
  if (dockerfile.startsWith('/') || !resolved.ok || resolved.path === '') {
    throw new BuildContextError(
      'no_dockerfile',
      `Dockerfile path '${dockerfile}' is not inside the context`,
      dockerfile,
    );
  }
  return resolved.path;
}
