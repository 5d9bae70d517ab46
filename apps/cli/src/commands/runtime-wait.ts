import type { RuntimeApiClient } from '@agentrt/client';
import { isFatalPodStatus, type Runtime } from '@agentrt/contracts';
import type { CliIo } from '../cli-io';
import { CliError, ExitCode } from '../exit-codes';
import type { Output } from '../output';
import { logTail } from './runtime-view';

/**
 * Waits until `runtime` is ready, telling stderr each status change. A runtime that fails or
 * is not ready in time ends the command with exit 1 (and the agent server's last log lines);
 * Ctrl-C stops waiting and says how to stop the runtime, which keeps starting.
 */
export async function waitUntilReady(
  client: RuntimeApiClient,
  runtime: Runtime,
  context: { io: CliIo; out: Output },
  timeoutMs: number,
): Promise<Runtime> {
  const { io, out } = context;
  let last = runtime;
  const deadline = Date.now() + timeoutMs;
  try {
    return await client.waitUntilReady(runtime, {
      timeoutMs,
      pollMs: 500,
      signal: io.interrupt,
      onProgress: (current) => {
        last = current;
        out.note(`runtime ${current.runtime_id}: ${current.status} (pod ${current.pod_status})`);
      },
    });
  } catch (error) {
    if (io.interrupt.aborted) {
      throw new CliError(
        `stopped waiting; runtime ${last.runtime_id} is still ${last.status}: ` +
          `\`agentrt runtime stop ${last.runtime_id}\` stops it`,
        ExitCode.Interrupted,
      );
    }
    // The last state seen tells a runtime that failed from a call that did (which keeps its code).
    const failed =
      last.status === 'error' || last.status === 'stopped' || isFatalPodStatus(last.pod_status);
    if (!failed && Date.now() < deadline) throw error;
    throw new CliError(
      failed
        ? `runtime ${last.runtime_id} did not become ready: ${last.status} (pod ${last.pod_status})`
        : `runtime ${last.runtime_id} not ready after ${Math.round(timeoutMs / 1000)} s (still ${last.status}, pod ${last.pod_status})`,
      ExitCode.Failed,
      logTail(last).map((line) => `log: ${line}`),
    );
  }
}
