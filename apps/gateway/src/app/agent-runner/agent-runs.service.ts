import { randomBytes } from 'node:crypto';
import type { AgentDefinition, AgentRunRequest } from '@agentrt/contracts';
import { isTerminalRun, type RunRecord, RunStore } from '@agentrt/gateway-state';
import { ApiException } from '@agentrt/platform';
import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import type { Caller } from '../edge/caller';
import type { RunAttachment } from './run-attachment';
import { RUN_LOST_MS, RunExecutor } from './run-executor.service';

export interface RunContext {
  caller: Caller;
  requestId: string;
  attachments?: readonly RunAttachment[];
}

const WAIT_POLL_MS = 200;

/**
 * Agent runs as the agent-runner and the embodiments use them: start one (it runs in the
 * background), wait for its end, read, list and cancel, always within the caller's own runs.
 */
@Injectable()
export class AgentRuns {
  constructor(
    private readonly store: RunStore,
    private readonly executor: RunExecutor,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async start(
    agent: AgentDefinition,
    request: AgentRunRequest,
    context: RunContext,
  ): Promise<RunRecord> {
    const record: RunRecord = {
      run_id: `run-${randomBytes(10).toString('hex')}`,
      agent_id: agent.id,
      agent_version: agent.version,
      status: 'queued',
      created_at: new Date().toISOString(),
      owner: context.caller.id,
      kind: 'run',
      // A session's runtime is for its next runs; runtime-api's idle reaper ends it.
      release: request.session_id === undefined ? this.config.RUN_RUNTIME_RELEASE : 'keep',
      timeout_seconds: request.timeout_seconds,
      ...(request.session_id === undefined ? {} : { session_id: request.session_id }),
    };
    await this.store.create(record);
    this.executor.launch({
      record,
      agent,
      input: request.input,
      attachments: context.attachments ?? [],
      requestId: context.requestId,
    });
    return record;
  }

  /** Waits until the run ends (or `timeoutMs` passes, or the client leaves) and returns it. */
  async waitForEnd(runId: string, timeoutMs: number, signal?: AbortSignal): Promise<RunRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const record = await this.store.getLive(runId, RUN_LOST_MS);
      if (!record) throw notFound(runId);
      if (isTerminalRun(record.status) || Date.now() >= deadline || signal?.aborted) return record;
      await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    }
  }

  /** A run of this caller; 404 for anyone else's, so run ids reveal nothing. */
  async get(runId: string, caller: Caller): Promise<RunRecord> {
    const record = await this.store.getLive(runId, RUN_LOST_MS);
    if (!record || record.owner !== caller.id || record.kind !== 'run') throw notFound(runId);
    return record;
  }

  list(caller: Caller, offset: number, limit: number) {
    return this.store.list(caller.id, { kind: 'run', offset, limit });
  }

  /** Cancels an unfinished run at once (the replica running it stops the agent); 409 when ended. */
  async cancel(runId: string, caller: Caller): Promise<RunRecord> {
    const record = await this.get(runId, caller);
    if (isTerminalRun(record.status)) {
      throw new ApiException(409, `Run ${runId} has already ended (${record.status})`, 'conflict');
    }
    const cancelled = await this.store.patch(runId, {
      status: 'cancelled',
      cancel_requested: true,
      finished_at: new Date().toISOString(),
    });
    return cancelled ?? record;
  }
}

function notFound(runId: string): ApiException {
  return new ApiException(404, `Run ${runId} not found`, 'not_found');
}
