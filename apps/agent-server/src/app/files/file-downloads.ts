import { constants } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { ApiException } from '@agentrt/platform';
import { Injectable } from '@nestjs/common';
import { ActivityTracker } from '../health/activity-tracker';
import { AllowedRoots } from './allowed-roots';
import { fileError } from './fs-errors';

/** A file ready to be streamed to the client. */
export interface FileDownload {
  stream: Readable;
  size: number;
  name: string;
}

// O_NOFOLLOW: the path was resolved, so a link appearing there now is a swap; O_NONBLOCK: a FIFO
// swapped in must not hang the open.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** `GET /api/file/download`: regular files inside the allowed roots, streamed from disk. */
@Injectable()
export class FileDownloads {
  constructor(
    private readonly roots: AllowedRoots,
    private readonly activity: ActivityTracker,
  ) {}

  async download(requested: string): Promise<FileDownload> {
    const target = await this.roots.confine(requested);
    if (target.existing !== target.path) throw new ApiException(404, `${requested} does not exist`);
    // Checked before opening too: opening a device can have effects of its own.
    this.checkRegular(
      requested,
      await stat(target.path).catch((e: unknown) => failed(e, requested)),
    );
    const file = await open(target.path, OPEN_FLAGS).catch((e: unknown) => failed(e, requested));
    const size = await this.sizeOfRegular(requested, file);
    const stream = file.createReadStream();
    const ended = this.activity.begin();
    stream.once('close', ended);
    return { stream, size, name: basename(target.path) };
  }

  private async sizeOfRegular(requested: string, file: FileHandle): Promise<number> {
    try {
      const stats = await file.stat();
      this.checkRegular(requested, stats);
      return stats.size;
    } catch (error) {
      await file.close();
      throw fileError(error, requested);
    }
  }

  private checkRegular(requested: string, stats: { isFile(): boolean; isDirectory(): boolean }) {
    if (stats.isDirectory()) throw new ApiException(400, `${requested} is a directory, not a file`);
    if (!stats.isFile()) throw new ApiException(400, `${requested} is not a regular file`);
  }
}

function failed(error: unknown, requested: string): never {
  throw fileError(error, requested);
}
