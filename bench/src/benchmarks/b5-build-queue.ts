import type { BuildFields } from '../support/build-client';
import { freshContext, token } from '../support/build-context';
import type { BenchBuildDeployment } from '../support/build-deployment';
import { queuedBuilds, type QueueOutcome } from '../support/build-timing';
import type { BenchResult } from '../support/report';
import { round } from '../support/stats';
import type { B5Options } from './b5-builds';

/**
 * B5c: `queued` distinct small contexts submitted at once to the deployment's workers; every
 * build must end SUCCESS after exactly one worker run, with an image of its own.
 */
export async function benchBuildQueue(
  deployment: BenchBuildDeployment,
  options: B5Options,
): Promise<BenchResult> {
  const contexts = await Promise.all(
    Array.from({ length: options.queued }, () => freshContext(options.baseImage)),
  );
  const requests = contexts.map((context, i) => ({
    context,
    fields: { target_image: deployment.ref('queue', `${i}-${token()}`) } satisfies BuildFields,
  }));
  const outcome = await queuedBuilds(deployment.client, requests, 60_000 + options.queued * 12_000);
  return queueResult(options.queued, outcome, deployment);
}

function queueResult(
  count: number,
  outcome: QueueOutcome,
  deployment: BenchBuildDeployment,
): BenchResult {
  const ok = (n: number) => `${n}/${count}`;
  const split = Object.entries(outcome.byWorker)
    .map(([worker, n]) => `${worker.replace(`${deployment.api.owner}-`, '')}=${n}`)
    .join(',');
  return {
    id: 'B5c',
    name: `${count} small builds queued at once, ${deployment.workers.length} workers`,
    figures: {
      success: ok(outcome.success),
      ended: ok(outcome.ended),
      one_worker_run: ok(outcome.singleRun),
      distinct_build_ids: outcome.distinctIds,
      distinct_images: outcome.distinctImages,
      distinct_digests: outcome.distinctDigests,
      worker_split: split,
      total_s: round(outcome.totalMs / 1000, 1),
      builds_per_min: round((count / outcome.totalMs) * 60_000, 1),
    },
    target: `${count}/${count} SUCCESS, none lost or duplicated`,
    pass: [
      outcome.success,
      outcome.singleRun,
      outcome.distinctIds,
      outcome.distinctImages,
      outcome.distinctDigests,
    ].every((n) => n === count),
  };
}
