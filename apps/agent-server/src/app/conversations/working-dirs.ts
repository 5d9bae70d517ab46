import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ApiException } from '@agentrt/platform';
import { Inject, Injectable } from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../config/agent-server.config';

/** The directories conversations work in. */
@Injectable()
export class WorkingDirs {
  constructor(@Inject(AGENT_SERVER_CONFIG) private readonly config: AgentServerConfig) {}

  /**
   * The absolute directory for a conversation's `workspace.working_dir`, created if missing.
   * Relative paths (and none) are taken in WORKSPACE_DIR. 400 when it cannot be a directory.
   */
  async prepare(requested: string | undefined): Promise<string> {
    const workingDir = resolve(this.config.WORKSPACE_DIR, requested ?? '.');
    try {
      await mkdir(workingDir, { recursive: true });
      return workingDir;
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new ApiException(
        400,
        `workspace.working_dir ${workingDir} cannot be used as a directory (${reason})`,
        'bad_request',
      );
    }
  }
}
