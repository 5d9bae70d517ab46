import { randomUUID } from 'node:crypto';
import type { RuntimeRecord } from '../runtime-record';

/** A valid record of a `starting` local runtime with a fresh id and session; override the rest. */
export function runtimeRecordFixture(overrides: Partial<RuntimeRecord> = {}): RuntimeRecord {
  const now = new Date().toISOString();
  return {
    version: 1,
    runtimeId: `rt${randomUUID().slice(0, 8)}`,
    sessionId: `s-${randomUUID()}`,
    owner: 'key-a',
    image: 'img:1',
    resourceFactor: 1,
    sessionApiKey: 'sk',
    status: 'starting',
    podStatus: 'pending',
    backend: 'local',
    workPorts: [],
    createdAt: now,
    updatedAt: now,
    activeSince: now,
    restartCount: 0,
    restartReasons: [],
    ...overrides,
  };
}
