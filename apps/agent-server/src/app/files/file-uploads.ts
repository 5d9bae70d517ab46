import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { basename, dirname, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { FILE_UPLOAD_FIELD, type SuccessResponse } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { Inject, Injectable } from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../config/agent-server.config';
import { ActivityTracker } from '../health/activity-tracker';
import { AllowedRoots, type ConfinedPath } from './allowed-roots';
import { fileError } from './fs-errors';
import { receiveMultipartFile } from './multipart-file';

/**
 * `POST /api/file/upload`: the file is streamed into a hidden temporary file next to where it
 * goes, and renamed into place only once complete. A refused, oversized or broken upload leaves
 * nothing behind: not the file, not a half-written copy, not the directories it would have made.
 */
@Injectable()
export class FileUploads {
  constructor(
    @Inject(AGENT_SERVER_CONFIG) private readonly config: AgentServerConfig,
    private readonly roots: AllowedRoots,
    private readonly activity: ActivityTracker,
  ) {}

  async upload(requested: string, req: IncomingMessage): Promise<SuccessResponse> {
    const target = await this.roots.confine(requested);
    this.checkExtension(requested, target.path);
    const directory = await this.existingDirectoryFor(requested, target);
    const temporary = join(directory, `.${basename(target.path)}.${randomUUID()}.upload`);
    const ended = this.activity.begin(); // a long upload is activity for as long as it lasts
    try {
      await receiveMultipartFile(
        req,
        { field: FILE_UPLOAD_FIELD, maxBytes: this.config.FILE_UPLOAD_MAX_BYTES },
        // 'wx': never follow or reuse something already there.
        (file) => pipeline(file, createWriteStream(temporary, { flags: 'wx' })),
      );
      await mkdir(dirname(target.path), { recursive: true });
      await rename(temporary, target.path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw fileError(error, requested);
    } finally {
      ended();
    }
    return { success: true };
  }

  private checkExtension(requested: string, path: string): void {
    const allowed = this.config.FILE_UPLOAD_ALLOWED_EXTENSIONS;
    const extension = extname(path).toLowerCase();
    if (allowed.length === 0 || allowed.includes(extension)) return;
    throw new ApiException(
      415,
      `${requested}: files of type ${extension || '(no extension)'} may not be uploaded; allowed: ${allowed.join(', ')}`,
    );
  }

  /** Where the temporary file goes: the target's directory if it exists, else its deepest existing ancestor. */
  private async existingDirectoryFor(requested: string, target: ConfinedPath): Promise<string> {
    const exists = target.existing === target.path;
    const stats = await stat(target.existing).catch((error: unknown) => {
      throw fileError(error, requested);
    });
    if (exists && !stats.isFile()) {
      throw new ApiException(400, `${requested} exists and is not a regular file`);
    }
    if (!exists && !stats.isDirectory()) {
      throw new ApiException(400, `${requested}: ${target.existing} is not a directory`);
    }
    return exists ? dirname(target.path) : target.existing;
  }
}
