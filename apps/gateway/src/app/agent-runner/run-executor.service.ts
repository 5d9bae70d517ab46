import type { AgentDefinition, ExecutionStatus } from '@agentrt/contracts';
import type { AgentServerClient } from '@agentrt/client';
import { type RunRecord, RunStore } from '@agentrt/gateway-state';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type AgentSession, AgentSessions } from '../sessions/agent-sessions.service';
import type { RunAttachment } from './run-attachment';
import { ENDED_EXECUTION, outcomeOf } from './run-outcome';

/** How a run's wait for its conversation ended. */
type WaitEnd =
  | { kind: 'ended'; execution: ExecutionStatus }
  | { kind: 'stopped'; why: 'cancelled' | 'timed_out' };

export interface RunJob {
  record: RunRecord;
  agent: AgentDefinition;
  input: string;
  attachments: readonly RunAttachment[];
  requestId: string;
}

const POLL_MS = 250;
/** How often the executing replica says it is alive; readers give up on it after RUN_LOST_MS. */
const HEARTBEAT_MS = 5_000;
export const RUN_LOST_MS = 30_000;

/**
 * Carries out agent runs in the background of the replica that accepted them: runtime and
 * conversation, attachments, the input, then waiting for the end (or a cancel from any replica,
 * or the run's timeout); the outcome and the events go to Redis before the runtime is released.
 */
@Injectable()
export class RunExecutor implements OnApplicationShutdown {
  private readonly logger = new Logger('RunExecutor');
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly store: RunStore,
    private readonly sessions: AgentSessions,
  ) {}

  launch(job: RunJob): void {
    const abort = new AbortController();
    this.running.set(job.record.run_id, abort);
    this.execute(job, abort.signal)
      .catch((error: unknown) =>
        this.logger.error({ err: error, run_id: job.record.run_id }, 'run failed unexpectedly'),
      )
      .finally(() => this.running.delete(job.record.run_id));
  }

  /** A replica going away fails its runs clearly rather than leaving them `running` forever. */
  async onApplicationShutdown(): Promise<void> {
    const ids = [...this.running.keys()];
    this.running.forEach((abort) => abort.abort());
    await Promise.all(
      ids.map((id) =>
        this.store.patch(id, {
          status: 'failed',
          error: 'the gateway replica running it stopped',
          finished_at: now(),
        }),
      ),
    );
  }

  private async execute(job: RunJob, signal: AbortSignal): Promise<void> {
    const { record } = job;
    const id = record.run_id;
    let session: AgentSession | undefined;
    const beat = () => void this.store.patch(id, { heartbeat_at: now() }).catch(() => undefined);
    const heartbeat = setInterval(beat, HEARTBEAT_MS);
    try {
      await this.store.patch(id, { status: 'running' });
      session = await this.sessions.open(job.agent, {
        requestId: job.requestId,
        sessionId: record.session_id,
        confirmEveryAction: false,
      });
      const current = await this.store.patch(
        id,
        { runtime: session.runtime, conversation_id: session.conversation.id },
        true,
      );
      if (!current || current.status !== 'running') return; // cancelled meanwhile
      const server = this.sessions.agentServer(session.runtime, job.requestId);
      await placeAttachments(server, session.conversation.workspace.working_dir, job.attachments);
      await server.sendMessage(session.conversation.id, job.input, true);
      const end = await this.waitForEnd(server, session.conversation.id, record, signal);
      await this.finish(server, session.conversation.id, id, end);
    } catch (error) {
      if (signal.aborted) return;
      await this.store.patch(id, { status: 'failed', error: messageOf(error), finished_at: now() });
    } finally {
      clearInterval(heartbeat);
      if (session) await this.sessions.release(session.runtime, record.release, job.requestId);
    }
  }

  private async waitForEnd(
    server: AgentServerClient,
    conversationId: string,
    record: RunRecord,
    signal: AbortSignal,
  ): Promise<WaitEnd> {
    const deadline = Date.parse(record.created_at) + record.timeout_seconds * 1000;
    for (;;) {
      signal.throwIfAborted();
      const current = await this.store.get(record.run_id);
      if (!current || current.status === 'cancelled') return { kind: 'stopped', why: 'cancelled' };
      if (Date.now() >= deadline) return { kind: 'stopped', why: 'timed_out' };
      const { execution_status: execution } = await server.conversation(conversationId);
      if (ENDED_EXECUTION.has(execution) || execution === 'paused')
        return { kind: 'ended', execution };
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async finish(
    server: AgentServerClient,
    conversationId: string,
    runId: string,
    end: WaitEnd,
  ): Promise<void> {
    if (end.kind === 'stopped') await server.pause(conversationId).catch(() => undefined);
    const events = await server.allEvents(conversationId);
    await this.store.saveEvents(runId, events);
    if (end.kind === 'ended') {
      await this.store.patch(runId, { ...outcomeOf(end.execution, events), finished_at: now() });
    } else if (end.why === 'timed_out') {
      await this.store.patch(runId, {
        status: 'timed_out',
        error: 'the run did not finish within timeout_seconds',
        finished_at: now(),
      });
    }
  }
}

async function placeAttachments(
  server: AgentServerClient,
  workingDir: string,
  attachments: readonly RunAttachment[],
): Promise<void> {
  for (const file of attachments) {
    await server.uploadFile(
      `${workingDir.replace(/\/+$/, '')}/${file.filename}`,
      new Blob([file.content]),
      file.filename,
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function now(): string {
  return new Date().toISOString();
}
