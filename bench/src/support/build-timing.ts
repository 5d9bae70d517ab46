import { type BuildStatusResponse, isTerminalBuildStatus } from '@agentrt/contracts';
import { waitFor } from '@agentrt/testing';
import { type BuildClient, type BuildFields, workerRuns } from './build-client';
import { valuesOrThrow } from './map-limit';

type Succeeded = Extract<BuildStatusResponse, { status: 'SUCCESS' }>;

/** One build through `/build`, timed from the POST until `build_status` answered `SUCCESS`. */
export interface TimedBuild {
  buildId: string;
  status: Succeeded;
  /** The `POST /build` round trip alone (context checked, stored, cache looked up, queued). */
  submitMs: number;
  totalMs: number;
}

/** Submits, polls every `intervalMs` until the build ended; throws unless it ended SUCCESS. */
export async function apiBuild(
  client: BuildClient,
  context: Buffer,
  fields: BuildFields,
  timeoutMs: number,
  intervalMs = 50,
): Promise<TimedBuild> {
  const began = performance.now();
  const buildId = await client.submit(context, fields);
  const submitMs = performance.now() - began;
  const status = await client.ended(buildId, timeoutMs, intervalMs);
  const totalMs = performance.now() - began;
  if (status.status !== 'SUCCESS')
    throw new Error(`build ${buildId} ended ${status.status}: ${status.error ?? ''}`);
  return { buildId, status, submitMs, totalMs };
}

/** Where a worker-run build spent its time, by the build's own timestamps. */
export interface ServerStages {
  /** Record created (context stored) until a worker started it. */
  queuedMs: number;
  /** Worker start until SUCCESS: build, push, record update. */
  workerMs: number;
}

export function serverStages(status: BuildStatusResponse): ServerStages {
  const { created_at: created, started_at: started, finished_at: finished } = status;
  if (!created || !started || !finished)
    throw new Error(`build ${status.build_id} lacks timestamps: ${JSON.stringify(status)}`);
  const at = (iso: string) => new Date(iso).getTime();
  return { queuedMs: at(started) - at(created), workerMs: at(finished) - at(started) };
}

/** What became of builds submitted together. */
export interface QueueOutcome {
  ended: number;
  success: number;
  /** Builds whose log shows exactly one worker run (`started on`). */
  singleRun: number;
  distinctIds: number;
  distinctImages: number;
  distinctDigests: number;
  /** Worker id -> runs it logged. */
  byWorker: Record<string, number>;
  /** First POST until the last build was seen ended (or the timeout). */
  totalMs: number;
}

/**
 * Submits every request at once, polls until all ended (at most `timeoutMs`: then the figures
 * say how many did), and reads each build's log for its worker runs.
 */
export async function queuedBuilds(
  client: BuildClient,
  requests: readonly { context: Buffer; fields: BuildFields }[],
  timeoutMs: number,
): Promise<QueueOutcome> {
  const began = performance.now();
  const ids = valuesOrThrow(
    await Promise.allSettled(requests.map((r) => client.submit(r.context, r.fields))),
  );
  const ended = await allEnded(client, ids, timeoutMs);
  const totalMs = performance.now() - began;
  const runs = await Promise.all(ids.map(async (id) => workerRuns(await client.logs(id))));
  const byWorker: Record<string, number> = {};
  for (const worker of runs.flat()) byWorker[worker] = (byWorker[worker] ?? 0) + 1;
  const succeeded = [...ended.values()].filter((s) => s.status === 'SUCCESS');
  return {
    ended: ended.size,
    success: succeeded.length,
    singleRun: runs.filter((r) => r.length === 1).length,
    distinctIds: new Set(ids).size,
    distinctImages: new Set(succeeded.map((s) => s.image)).size,
    distinctDigests: new Set(succeeded.map((s) => s.image_digest)).size,
    byWorker,
    totalMs,
  };
}

/** Final statuses by build id; fewer than `ids` when some had not ended within `timeoutMs`. */
async function allEnded(client: BuildClient, ids: readonly string[], timeoutMs: number) {
  const ended = new Map<string, BuildStatusResponse>();
  await waitFor(
    async () => {
      const open = ids.filter((id) => !ended.has(id));
      for (const status of await Promise.all(open.map((id) => client.status(id))))
        if (isTerminalBuildStatus(status.status)) ended.set(status.build_id, status);
      return ended.size === ids.length;
    },
    { timeoutMs, intervalMs: 250, description: `${ids.length} builds to end` },
  ).catch(() => undefined); // reported as ended < submitted
  return ended;
}
