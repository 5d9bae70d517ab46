import type { AgentRunResponse } from '@agentrt/contracts';
import type { CommandContext } from '../../command';
import { CliError, ExitCode } from '../../exit-codes';
import { gatewayClient } from '../clients';
import { EventPrinter } from './event-printer';

/** The gateway answers a little after the run's own limit at the latest. */
const FOLLOW_GRACE_MS = 30_000;

/**
 * `run --agent ID`: an async run on the gateway, followed over its event stream until it ends.
 * Exit 0 when it succeeded, 1 when it failed, timed out or was cancelled. Ctrl-C cancels it.
 */
export async function runAgent(
  context: CommandContext,
  agentId: string,
  version: string | undefined,
  task: string,
  timeoutMs: number,
): Promise<ExitCode> {
  const { out, io } = context;
  const client = gatewayClient(context);
  const started = await client.startRun({
    agentId,
    ...(version === undefined ? {} : { version }),
    input: task,
    mode: 'async',
    timeoutSeconds: Math.min(Math.max(Math.ceil(timeoutMs / 1000), 1), 3600),
  });
  out.note(`run ${started.run_id}: agent ${started.agent_id}@${started.agent_version}`);
  const printer = new EventPrinter(out);
  const deadline = AbortSignal.timeout(timeoutMs + FOLLOW_GRACE_MS);
  const signal = AbortSignal.any([io.interrupt, deadline]);
  let ended: AgentRunResponse;
  try {
    ended = await client.followRun(
      started.run_id,
      (item) => {
        if (item.type === 'event') return printer.print(item.event);
        // Status changes: a JSON line of their own for scripts, a note for people.
        out.item({ kind: 'AgentRun', ...item.run }, undefined);
        out.note(`[run] ${item.run.status}`);
      },
      signal,
    );
  } catch (error) {
    if (!io.interrupt.aborted && !deadline.aborted) throw error;
    await client.cancelRun(started.run_id).catch(() => undefined);
    if (io.interrupt.aborted) {
      throw new CliError(`interrupted: run ${started.run_id} cancelled`, ExitCode.Interrupted);
    }
    throw new CliError(
      `run ${started.run_id} did not end within ${Math.round(timeoutMs / 1000)} s; cancelled`,
      ExitCode.Failed,
    );
  }
  return outcome(context, ended);
}

function outcome(context: CommandContext, run: AgentRunResponse): ExitCode {
  if (run.status === 'succeeded') {
    context.out.note(`run ${run.run_id} succeeded`);
    return ExitCode.Ok;
  }
  context.out.failure(`run ${run.run_id} ${run.status}: ${run.error ?? 'no reason given'}`);
  return ExitCode.Failed;
}
