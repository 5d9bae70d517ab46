import { type AgentRunResponse, type Event, EventSchema } from '@agentrt/contracts';
import { isTerminalRun, type RunRecord, RunStore, runView } from '@agentrt/gateway-state';
import { Injectable } from '@nestjs/common';
import { AgentSessions } from '../sessions/agent-sessions.service';
import { RUN_LOST_MS } from './run-executor.service';

/** One item of a followed run: an agent-server event, or the run's new state. */
export type RunStreamItem =
  { type: 'event'; event: Event } | { type: 'status'; run: AgentRunResponse };

const POLL_MS = 250;

/**
 * Follows a run from any replica: its state from Redis, its events from the runtime's agent
 * server while it runs and from the saved copy once it has ended, each event once and in order,
 * ending with the final state.
 */
@Injectable()
export class RunFollower {
  constructor(
    private readonly store: RunStore,
    private readonly sessions: AgentSessions,
  ) {}

  async *follow(runId: string, signal: AbortSignal): AsyncGenerator<RunStreamItem> {
    const seen = new Set<string>();
    let lastStatus: string | undefined;
    let since: string | undefined;
    while (!signal.aborted) {
      const record = await this.store.getLive(runId, RUN_LOST_MS);
      if (!record) return;
      const ended = isTerminalRun(record.status);
      const events = ended
        ? await this.finalEvents(record, since)
        : await this.liveEvents(record, since);
      for (const event of events) {
        if (seen.has(event.id)) continue;
        seen.add(event.id);
        since = event.timestamp;
        yield { type: 'event', event };
      }
      if (record.status !== lastStatus) {
        lastStatus = record.status;
        yield { type: 'status', run: runView(record) };
      }
      if (ended) return;
      await pause(POLL_MS, signal);
    }
  }

  /** New events from the agent server; none while the run has no conversation yet. */
  private async liveEvents(record: RunRecord, since: string | undefined): Promise<Event[]> {
    if (!record.runtime || !record.conversation_id) return [];
    const server = this.sessions.agentServer(record.runtime);
    try {
      return await server.allEvents(
        record.conversation_id,
        since === undefined ? {} : { timestamp__gte: since },
      );
    } catch {
      return []; // the runtime is being released as the run ends; the saved events follow
    }
  }

  /** The events saved when the run ended, or (cancelled elsewhere, not saved yet) live ones. */
  private async finalEvents(record: RunRecord, since: string | undefined): Promise<Event[]> {
    const saved = await this.store.savedEvents(record.run_id);
    if (saved === undefined) return this.liveEvents(record, since);
    return saved.flatMap((event) => {
      const parsed = EventSchema.safeParse(event);
      return parsed.success ? [parsed.data] : [];
    });
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
