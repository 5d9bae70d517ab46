import type { AgentServerClient } from '@agentrt/client';
import { isTerminalRun, type RunRecord, RunLocks, RunStore } from '@agentrt/gateway-state';
import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import type { Caller } from '../edge/caller';
import { AgentSessions } from '../sessions/agent-sessions.service';
import { agentServerFailure, conflict, runNotFound } from './debug-errors';
import type { DebugSnapshot } from './debug-state';

export interface DebugContext {
  caller: Caller;
  requestId: string;
}

/** A debug run's record: it always has its runtime and conversation (created with them). */
export type DebugRecord = DebugSnapshot['record'];

/** A lock outlives the longest step it guards, so it never expires while that step still runs. */
const LOCK_MARGIN_MS = 30_000;

/**
 * Who may touch a debug run and when: only its owner (404 for anyone else), only while it has
 * not ended (409), and changes one at a time across all replicas (a Redis lock per run; 409 for
 * a command arriving while another is in progress).
 */
@Injectable()
export class DebugRunAccess {
  constructor(
    private readonly store: RunStore,
    private readonly locks: RunLocks,
    private readonly sessions: AgentSessions,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** A debug run of this caller; 404 for unknown ones and anyone else's. */
  async owned(runId: string, caller: Caller): Promise<DebugRecord> {
    const record = await this.store.get(runId);
    if (!record || record.owner !== caller.id || record.kind !== 'debug') throw runNotFound(runId);
    return asDebugRecord(record);
  }

  async live(runId: string, caller: Caller): Promise<DebugRecord> {
    const record = await this.owned(runId, caller);
    if (isTerminalRun(record.status)) {
      throw conflict(`Debug run ${runId} has already ended (${record.status})`);
    }
    return record;
  }

  /** Runs `act` holding the run's lock; a concurrent command on the same run gets 409. */
  async locked<T>(
    runId: string,
    context: DebugContext,
    act: (server: AgentServerClient, record: DebugRecord) => Promise<T>,
  ): Promise<T> {
    await this.live(runId, context.caller);
    const ttl = this.config.DEBUG_STEP_TIMEOUT_SECONDS * 1000 + LOCK_MARGIN_MS;
    const lock = await this.locks.tryAcquire(runId, ttl);
    if (!lock) throw conflict(`Another debug request is acting on run ${runId}; try again`);
    try {
      const record = await this.live(runId, context.caller); // it may have ended meanwhile
      const server = this.sessions.agentServer(record.runtime, context.requestId);
      return await act(server, record).catch((error: unknown) =>
        Promise.reject(agentServerFailure(error)),
      );
    } finally {
      await lock.release();
    }
  }
}

/** Debug records are created with their runtime and conversation (see `start`). */
export function asDebugRecord(record: RunRecord): DebugRecord {
  const { runtime, conversation_id: conversationId } = record;
  if (!runtime || conversationId === undefined) {
    throw new Error(`run ${record.run_id} is not a debug run with a conversation`);
  }
  return { ...record, runtime, conversation_id: conversationId };
}
