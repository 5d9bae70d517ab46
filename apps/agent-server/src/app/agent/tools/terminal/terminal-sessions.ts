import { mkdir } from 'node:fs/promises';
import { shellQuote, TmuxService } from '@agentrt/tmux';
import { Injectable } from '@nestjs/common';
import type { ToolContext } from '../agent-tool';

const EXPORTABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Nobody can press `q` in a pager: output should just come out (the environment may override). */
const SHELL_DEFAULTS = { PAGER: 'cat', GIT_PAGER: 'cat' };
const ENV_SYNC_TIMEOUT_MS = 10_000;

/**
 * One persistent tmux shell per conversation, created on first use in the conversation's working
 * directory with its environment. Environment changes between commands (e.g. secrets added while
 * the conversation lives) are exported into the running shell, so they reach the next command
 * without losing the shell's state.
 */
@Injectable()
export class TerminalSessions {
  private readonly envs = new Map<string, Readonly<Record<string, string>>>();
  private readonly pending = new Map<string, Promise<string>>();

  constructor(private readonly tmux: TmuxService) {}

  /** The conversation's session name, its shell started (or restarted) and up to date. */
  ensure(context: ToolContext): Promise<string> {
    const id = context.conversationId;
    const previous = this.pending.get(id) ?? Promise.resolve('');
    const next = previous.catch(() => '').then(() => this.ensureNow(context));
    this.pending.set(id, next);
    return next;
  }

  /** Throws the conversation's shell away; the next command gets a new one. */
  async reset(conversationId: string): Promise<void> {
    this.envs.delete(conversationId);
    await this.tmux.kill(sessionName(conversationId));
  }

  async release(conversationId: string): Promise<void> {
    this.pending.delete(conversationId);
    await this.reset(conversationId);
  }

  private async ensureNow(context: ToolContext): Promise<string> {
    const name = sessionName(context.conversationId);
    const known = this.envs.get(context.conversationId);
    if (known && (await this.tmux.isAlive(name))) {
      await this.syncEnv(name, known, context.env);
    } else {
      // A session left by an earlier server process under this name is not ours to reuse.
      await this.tmux.kill(name);
      await mkdir(context.workingDir, { recursive: true });
      const env = { ...SHELL_DEFAULTS, ...context.env };
      await this.tmux.create({ name, cwd: context.workingDir, env });
    }
    this.envs.set(context.conversationId, context.env);
    return name;
  }

  private async syncEnv(
    name: string,
    before: Record<string, string>,
    after: Record<string, string>,
  ) {
    const script = envChangeScript(before, after);
    if (script) await this.tmux.run(name, script, { timeoutMs: ENV_SYNC_TIMEOUT_MS });
  }
}

/** tmux session names allow only `[A-Za-z0-9_-]`; conversation ids are UUIDs. */
export function sessionName(conversationId: string): string {
  return `conv-${conversationId.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 64);
}

/** Shell lines that turn environment `before` into `after`; empty when nothing changed. */
export function envChangeScript(
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
): string {
  const set = Object.entries(after)
    .filter(([name, value]) => EXPORTABLE.test(name) && before[name] !== value)
    .map(([name, value]) => `export ${name}=${shellQuote(value)}`);
  const unset = Object.keys(before)
    .filter((name) => EXPORTABLE.test(name) && !(name in after))
    .map((name) => `unset ${name}`);
  return [...set, ...unset].join('\n');
}
