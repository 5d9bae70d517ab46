import type { ClientConfig } from '../config';
import type { DebugLog } from './agent-runtime';
import { AgentLoop, type LlmSettings } from './agent-loop';
import { type ExitCleanup, exitCleanup } from './exit-cleanup';
import { startRuntime } from './start-runtime';

/** Which loop: one per user, app and conversation of the calling application. */
export interface LoopKey {
  userId: string;
  appId: string;
  conversationId: string;
}

export interface LoopRequest {
  /** Overrides the configured LLM (LLM_MODEL, LLM_API_KEY, LLM_BASE_URL). */
  llm?: LlmSettings;
  tools?: string[];
  systemMessageSuffix?: string;
  /** Variables for the agent server's environment. */
  environment?: Record<string, string>;
}

export interface AgentLoopManagerOptions {
  debug?: DebugLog;
  /** Stop every runtime at process exit too (default true). */
  cleanupOnExit?: boolean;
  /** For tests: the process-wide exit registry by default. */
  exitRegistry?: ExitCleanup;
}

/**
 * Keeps AgentLoops by user/app/conversation, starting each one's runtime (remote or local, as
 * configured) on first use, and cleans up every runtime it started: on `cleanup`/`cleanupAll`,
 * and also when the process exits without having done so.
 */
export class AgentLoopManager {
  private readonly loops = new Map<string, { key: LoopKey; loop: Promise<AgentLoop> }>();
  private readonly exit: ExitCleanup | undefined;

  constructor(
    private readonly config: ClientConfig,
    private readonly options: AgentLoopManagerOptions = {},
  ) {
    this.exit = options.cleanupOnExit === false ? undefined : (options.exitRegistry ?? exitCleanup);
  }

  /** The key's loop, created (with a new runtime) on first use; concurrent callers share one. */
  getOrCreate(key: LoopKey, request: LoopRequest = {}): Promise<AgentLoop> {
    const id = keyOf(key);
    const existing = this.loops.get(id);
    if (existing) return existing.loop;
    const loop = this.create(request);
    this.loops.set(id, { key: { ...key }, loop });
    // A failed creation is forgotten so the next call tries again.
    loop.catch(() => {
      if (this.loops.get(id)?.loop === loop) this.loops.delete(id);
    });
    return loop;
  }

  /** The key's loop if it exists (or is being created). */
  get(key: LoopKey): Promise<AgentLoop> | undefined {
    return this.loops.get(keyOf(key))?.loop;
  }

  get keys(): LoopKey[] {
    return [...this.loops.values()].map((entry) => ({ ...entry.key }));
  }

  async cleanup(key: LoopKey): Promise<void> {
    const id = keyOf(key);
    const entry = this.loops.get(id);
    if (!entry) return;
    this.loops.delete(id);
    const settled = await entry.loop.catch(() => undefined);
    if (!settled) return;
    await settled.cleanup();
    this.exit?.delete(settled.runtime);
  }

  /** Cleans up every loop; one failure does not keep the others running. */
  async cleanupAll(): Promise<void> {
    const results = await Promise.allSettled(this.keys.map((key) => this.cleanup(key)));
    const failed = results.filter(
      (result): result is PromiseRejectedResult => result.status === 'rejected',
    );
    if (failed.length > 0) {
      throw new AggregateError(
        failed.map((result) => result.reason),
        `${failed.length} runtime(s) could not be cleaned up`,
      );
    }
  }

  /** Each loop gets a runtime of its own, so cleaning one up never touches another's. */
  private async create(request: LoopRequest): Promise<AgentLoop> {
    const llm = request.llm ?? this.config.llm;
    if (!llm) throw new Error('no LLM configured: set LLM_MODEL (and LLM_API_KEY, LLM_BASE_URL)');
    const debug = this.options.debug;
    const { runtime, fallback } = await startRuntime(this.config, {
      environment: request.environment,
      debug,
    });
    this.exit?.add(runtime);
    try {
      return await AgentLoop.create({
        runtime,
        fallback,
        llm,
        tools: request.tools,
        systemMessageSuffix: request.systemMessageSuffix,
        websocket: this.config.websocket,
        debug,
      });
    } catch (error) {
      await runtime.stop().catch(() => runtime.stopSync());
      this.exit?.delete(runtime);
      throw error;
    }
  }
}

function keyOf(key: LoopKey): string {
  return JSON.stringify([key.userId, key.appId, key.conversationId]);
}
