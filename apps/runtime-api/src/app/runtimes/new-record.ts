import type { ResourceFactor } from '@agentrt/contracts';
import type { PoolMembership, RuntimeRecord } from '@agentrt/runtime-state';
import type { RuntimeApiConfig } from '../config/runtime-api.config';
import { newRuntimeId, newSessionApiKey } from './runtime-ids';

/** Who a new runtime is for: a session and API key, or (warm pools) nobody yet. */
export type RecordOwner = { sessionId: string; owner: string } | { pool: PoolMembership };

/** The record of a runtime about to boot: `starting`/`pending`, fresh id and session key. */
export function newRuntimeRecord(
  image: string,
  resourceFactor: ResourceFactor,
  owner: RecordOwner,
  config: RuntimeApiConfig,
): RuntimeRecord {
  const now = new Date().toISOString();
  const runtimeId = newRuntimeId();
  return {
    version: 1,
    runtimeId,
    ...('pool' in owner
      ? { sessionId: `pool-${runtimeId}`, owner: '', pool: owner.pool }
      : { sessionId: owner.sessionId, owner: owner.owner }),
    image,
    resourceFactor,
    sessionApiKey: newSessionApiKey(),
    status: 'starting',
    podStatus: 'pending',
    backend: config.RUNTIME_BACKEND,
    workPorts: config.RUNTIME_WORK_PORTS,
    createdAt: now,
    updatedAt: now,
    activeSince: now,
    restartCount: 0,
    restartReasons: [],
  };
}
