import { type AgentDefinition, AgentRunRequestSchema } from '@agentrt/contracts';
import type { RunRecord } from '@agentrt/gateway-state';
import { Injectable } from '@nestjs/common';
import { AgentRuns } from '../agent-runner/agent-runs.service';
import type { Caller } from '../edge/caller';

export interface AgentCallContext {
  caller: Caller;
  requestId: string;
  /** The run's own limit; the run-request default (300 s) when unset. */
  timeoutSeconds?: number;
  /** Aborted when the client goes away: the run is cancelled rather than left running for no one. */
  signal?: AbortSignal;
  /** Called while waiting, every `KEEPALIVE_MS`, e.g. to keep a stream's connection busy. */
  onWaiting?: () => void;
}

/** The executor stops a run at its timeout; this covers the time it takes to record that. */
const GRACE_MS = 15_000;
const KEEPALIVE_MS = 10_000;

/**
 * An embodiment's request as one agent run, start to end: the embodiments (OpenAI, MCP, Alexa)
 * answer only once the agent has, so they wait here. A run whose caller left, or that outlived
 * the wait, is cancelled so that it does not hold a runtime for nobody.
 */
@Injectable()
export class AgentCalls {
  constructor(private readonly runs: AgentRuns) {}

  async run(agent: AgentDefinition, input: string, context: AgentCallContext): Promise<RunRecord> {
    const request = AgentRunRequestSchema.parse({
      input,
      ...(context.timeoutSeconds === undefined ? {} : { timeout_seconds: context.timeoutSeconds }),
    });
    const started = await this.runs.start(agent, request, context);
    const deadline = Date.now() + request.timeout_seconds * 1000 + GRACE_MS;
    let record = started;
    while (!record.finished_at && !context.signal?.aborted && Date.now() < deadline) {
      const slice = Math.min(KEEPALIVE_MS, deadline - Date.now());
      record = await this.runs.waitForEnd(started.run_id, slice, context.signal);
      if (!record.finished_at) context.onWaiting?.();
    }
    if (record.finished_at) return record;
    return this.runs.cancel(started.run_id, context.caller).catch(() => record);
  }
}

/** Why an ended run has no answer, in words for an end user; undefined when it succeeded. */
export function runFailureOf(record: RunRecord): string | undefined {
  switch (record.status) {
    case 'succeeded':
      return undefined;
    case 'failed':
      return `the agent run failed: ${record.error ?? 'no reason given'}`;
    case 'timed_out':
      return `the agent did not finish within ${record.timeout_seconds} s`;
    case 'cancelled':
      return 'the agent run was cancelled';
    case 'queued':
    case 'running':
      return 'the agent did not finish in time';
  }
}
