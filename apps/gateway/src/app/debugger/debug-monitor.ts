import type { Response } from 'express';
import { RunStore } from '@agentrt/gateway-state';
import { Injectable } from '@nestjs/common';
import { RunFollower } from '../agent-runner/run-follower.service';
import { openSse, writeSse } from '../agent-runner/sse';
import type { Caller } from '../edge/caller';
import { runNotFound } from './debug-errors';

/**
 * `X-MONITOR-ID`: one Server-Sent Events stream of several runs (agent or debug runs of the
 * caller). Each message names its run: `event` {run_id, event}, `status` {run_id, run}, and
 * `end` {run_id} when that run has ended; the stream closes after the last `end`.
 */
@Injectable()
export class DebugMonitor {
  constructor(
    private readonly store: RunStore,
    private readonly follower: RunFollower,
  ) {}

  /** 404 before the stream starts when any run is unknown or someone else's. */
  async check(runIds: readonly string[], caller: Caller): Promise<void> {
    for (const runId of runIds) {
      const record = await this.store.get(runId);
      if (!record || record.owner !== caller.id) throw runNotFound(runId);
    }
  }

  async stream(runIds: readonly string[], res: Response, signal: AbortSignal): Promise<void> {
    openSse(res);
    await Promise.all(
      runIds.map(async (runId) => {
        for await (const item of this.follower.follow(runId, signal)) {
          if (item.type === 'event')
            writeSse(res, 'event', { run_id: runId, event: item.event }, item.event.id);
          else writeSse(res, 'status', { run_id: runId, run: item.run });
        }
        if (!signal.aborted) writeSse(res, 'end', { run_id: runId });
      }),
    );
    res.end();
  }
}
