import type { SampledGaugeSpec } from '@agentrt/platform';
import { QUEUES } from './queue-names';
import type { QueueProducer } from './queue-producer';

/**
 * `agentrt_build_queue_depth`, defined once: runtime-api (which queues builds) and build-service
 * (which works them) both expose it, and a dashboard must see the same series from either.
 */
export function buildQueueDepthGauge(queues: QueueProducer): SampledGaugeSpec<'state'> {
  return {
    name: 'agentrt_build_queue_depth',
    help: 'Build jobs waiting, running and delayed (backoff) in the queue',
    labels: ['state'],
    read: async () =>
      Object.entries(await queues.depth(QUEUES.builds)).map(([state, value]) => ({
        labels: { state },
        value,
      })),
  };
}
