import { mkdir } from 'node:fs/promises';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../../../config/agent-server.config';
import type { ToolContext } from '../agent-tool';
import { PythonProcess } from './python-process';

/** A conversation's interpreter and the environment it was last brought up to date with. */
export interface CodeCellSession {
  python: PythonProcess;
  /** True when this call started the interpreter (no earlier state). */
  fresh: boolean;
  /** Environment changes since the last cell, applied by the driver before the next one. */
  envSet: Record<string, string>;
  envUnset: string[];
}

interface Held {
  python: PythonProcess;
  env: Readonly<Record<string, string>>;
}

/**
 * One persistent python3 interpreter per conversation, started on first use in the
 * conversation's working dir with its environment, and killed on release or shutdown. Calls for
 * one conversation run one after another, so cells never interleave.
 */
@Injectable()
export class CodeCellSessions implements OnApplicationShutdown {
  private readonly held = new Map<string, Held>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(@Inject(AGENT_SERVER_CONFIG) private readonly config: AgentServerConfig) {}

  /** Runs `work` once every earlier call for the conversation has settled. */
  serialize<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.queues.set(conversationId, next);
    return next;
  }

  /** The conversation's live interpreter, started if it has none (rejects if python is missing). */
  async acquire(context: ToolContext): Promise<CodeCellSession> {
    const known = this.held.get(context.conversationId);
    if (known?.python.alive) {
      this.held.set(context.conversationId, { python: known.python, env: context.env });
      return { python: known.python, fresh: false, ...envChanges(known.env, context.env) };
    }
    await mkdir(context.workingDir, { recursive: true });
    const python = await PythonProcess.start({
      python: this.config.CODE_CELL_PYTHON,
      cwd: context.workingDir,
      env: context.env,
    });
    this.held.set(context.conversationId, { python, env: context.env });
    return { python, fresh: true, envSet: {}, envUnset: [] };
  }

  /** Kills the conversation's interpreter; the next cell starts a new one. */
  async restart(conversationId: string): Promise<void> {
    const known = this.held.get(conversationId);
    this.held.delete(conversationId);
    await known?.python.kill();
  }

  async release(conversationId: string): Promise<void> {
    this.queues.delete(conversationId);
    await this.restart(conversationId);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.held.keys()].map((id) => this.restart(id)));
  }
}

/** What the driver must set and unset to turn environment `before` into `after`. */
export function envChanges(
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
): { envSet: Record<string, string>; envUnset: string[] } {
  const envSet = Object.fromEntries(
    Object.entries(after).filter(([name, value]) => before[name] !== value),
  );
  const envUnset = Object.keys(before).filter((name) => !(name in after));
  return { envSet, envUnset };
}
