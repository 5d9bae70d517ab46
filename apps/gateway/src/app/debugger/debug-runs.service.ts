import { randomBytes } from 'node:crypto';
import type {
  AgentDefinition,
  AgentRunRequest,
  DebugInjectRequest,
  DebugRunState,
  ExecutionStatus,
} from '@agentrt/contracts';
import type { AgentServerClient } from '@agentrt/client';
import { isTerminalRun, RunStore } from '@agentrt/gateway-state';
import { Inject, Injectable } from '@nestjs/common';
import { ENDED_EXECUTION, outcomeOf } from '../agent-runner/run-outcome';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import type { Caller } from '../edge/caller';
import { AgentSessions } from '../sessions/agent-sessions.service';
import { agentServerFailure, conflict } from './debug-errors';
import {
  asDebugRecord,
  type DebugContext,
  DebugRunAccess,
  type DebugRecord,
} from './debug-run-access';
import { eventsOf, type StopOutcome, waitForStop } from './debug-conversation';
import { buildDebugState } from './debug-state';

export type { DebugContext } from './debug-run-access';

/**
 * Debug runs (gateway.md, debugger): conversations under AlwaysConfirm that the caller steps
 * through. Everything lives in Redis (RunStore, RunLocks) and on the run's agent server, so any
 * replica serves any request; a Redis lock per run keeps two steps from accepting one action.
 */
@Injectable()
export class DebugRuns {
  constructor(
    private readonly store: RunStore,
    private readonly access: DebugRunAccess,
    private readonly sessions: AgentSessions,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Starts the agent on `request.input` and answers once it stops before its first action. */
  async start(
    agent: AgentDefinition,
    request: AgentRunRequest,
    context: DebugContext,
  ): Promise<DebugRunState> {
    const { requestId } = context;
    const session = await this.sessions.open(agent, {
      requestId,
      sessionId: request.session_id,
      confirmEveryAction: true,
    });
    const record: DebugRecord = {
      run_id: `dbg-${randomBytes(10).toString('hex')}`,
      agent_id: agent.id,
      agent_version: agent.version,
      status: 'running',
      created_at: new Date().toISOString(),
      owner: context.caller.id,
      kind: 'debug',
      release: request.session_id === undefined ? 'stop' : 'keep',
      timeout_seconds: request.timeout_seconds,
      runtime: session.runtime,
      conversation_id: session.conversation.id,
      debug_steps: 0,
      ...(request.session_id === undefined ? {} : { session_id: request.session_id }),
    };
    const server = this.sessions.agentServer(session.runtime, requestId);
    try {
      await this.store.create(record);
      await server.sendMessage(record.conversation_id, request.input, true);
    } catch (error) {
      await this.sessions.release(session.runtime, record.release, requestId);
      await this.store.patch(record.run_id, { status: 'failed', finished_at: now() });
      throw agentServerFailure(error);
    }
    return this.afterMove(server, record, requestId);
  }

  async read(runId: string, caller: Caller, requestId: string): Promise<DebugRunState> {
    const record = await this.access.owned(runId, caller);
    if (isTerminalRun(record.status)) return this.stateOf(record, undefined);
    const server = this.sessions.agentServer(record.runtime, requestId);
    const { execution_status: execution } = await server
      .conversation(record.conversation_id)
      .catch((error: unknown) => Promise.reject(agentServerFailure(error)));
    return this.stateOf(record, server, execution);
  }

  /** One step: run the pending action (as the LLM asked, or with `actionInput`), or skip it. */
  resolvePending(
    runId: string,
    context: DebugContext,
    how: { accept: boolean; actionInput?: Record<string, unknown> },
  ): Promise<DebugRunState> {
    return this.access.locked(runId, context, async (server, record) => {
      await this.requireWaiting(server, record);
      const reason = how.accept ? undefined : 'Skipped by the debugger';
      await server.respondToConfirmation(
        record.conversation_id,
        how.accept,
        reason,
        how.actionInput,
      );
      const steps = (record.debug_steps ?? 0) + 1;
      await this.store.patch(runId, { debug_steps: steps });
      return this.afterMove(server, { ...record, debug_steps: steps }, context.requestId);
    });
  }

  /** A message the agent reads at its next LLM call, then (with action_input) one step. */
  async inject(
    runId: string,
    context: DebugContext,
    body: DebugInjectRequest,
  ): Promise<DebugRunState> {
    if (body.message !== undefined) {
      await this.access.locked(runId, context, async (server, record) => {
        await server.sendMessage(record.conversation_id, body.message ?? '', false);
      });
    }
    if (body.action_input !== undefined) {
      return this.resolvePending(runId, context, { accept: true, actionInput: body.action_input });
    }
    return this.read(runId, context.caller, context.requestId);
  }

  /** Pauses the agent, keeps its events, releases the runtime: the run is `stopped`. */
  async stop(runId: string, context: DebugContext): Promise<DebugRunState> {
    const record = await this.access.live(runId, context.caller);
    const server = this.sessions.agentServer(record.runtime, context.requestId);
    await server.pause(record.conversation_id).catch(() => undefined);
    await this.store.saveEvents(
      runId,
      await server.allEvents(record.conversation_id).catch(() => []),
    );
    const ended = await this.store.patch(runId, { status: 'cancelled', finished_at: now() });
    await this.sessions.release(record.runtime, record.release, context.requestId);
    return this.stateOf(asDebugRecord(ended ?? record), undefined);
  }

  private async requireWaiting(server: AgentServerClient, record: DebugRecord): Promise<void> {
    const { execution_status: execution } = await server.conversation(record.conversation_id);
    if (execution !== 'waiting_for_confirmation') {
      throw conflict(
        `Debug run ${record.run_id} is not stopped before an action (conversation ${execution})`,
      );
    }
  }

  /** After the agent was set going: wait for its next stop, close the run if it ended there. */
  private async afterMove(
    server: AgentServerClient,
    record: DebugRecord,
    requestId: string,
  ): Promise<DebugRunState> {
    const deadline = Date.now() + this.config.DEBUG_STEP_TIMEOUT_SECONDS * 1000;
    const outcome: StopOutcome = await waitForStop(this.store, server, record, deadline);
    if (outcome.kind === 'ended')
      return this.stateOf(asDebugRecord(outcome.record ?? record), undefined);
    if (!ENDED_EXECUTION.has(outcome.execution))
      return this.stateOf(record, server, outcome.execution);
    return this.finish(server, record, outcome.execution, requestId);
  }

  /** The agent finished or failed: keep its events and outcome, release its runtime. */
  private async finish(
    server: AgentServerClient,
    record: DebugRecord,
    execution: ExecutionStatus,
    requestId: string,
  ): Promise<DebugRunState> {
    const events = await server.allEvents(record.conversation_id);
    await this.store.saveEvents(record.run_id, events);
    const ended = await this.store.patch(record.run_id, {
      ...outcomeOf(execution, events),
      finished_at: now(),
    });
    await this.sessions.release(record.runtime, record.release, requestId);
    return buildDebugState({ record: asDebugRecord(ended ?? record), events, now: new Date() });
  }

  private async stateOf(
    record: DebugRecord,
    server: AgentServerClient | undefined,
    execution?: ExecutionStatus,
  ): Promise<DebugRunState> {
    const events = await eventsOf(this.store, server, record);
    return buildDebugState({ record, events, execution, now: new Date() });
  }
}

function now(): string {
  return new Date().toISOString();
}
