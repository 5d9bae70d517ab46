import type {
  PodStatus,
  ResourceFactor,
  RuntimeDiagnosticEvent,
  RuntimeStatus,
} from '@agentrt/contracts';
import type { BackendName, RuntimeHandle } from '@agentrt/runtime-backends';

/** Why a runtime ended in `error`, kept so `/runtime/{id}` can show it to the user. */
export interface RuntimeFailure {
  reason: string;
  message: string;
}

/** A warm-pool runtime that nobody has claimed yet. */
export interface PoolMembership {
  /** `image|resource_factor`, see poolKeyOf. */
  key: string;
  /** The one-time key for the agent server's `POST /init` at claim time. */
  initApiKey: string;
}

/**
 * Everything runtime-api knows about one runtime, stored in Redis as JSON. `version` grows by
 * one on every write so concurrent writers (replicas, background boots) detect each other.
 */
export interface RuntimeRecord {
  version: number;
  runtimeId: string;
  sessionId: string;
  /** Id of the API key that started it ('' while it sits in a warm pool). */
  owner: string;
  image: string;
  resourceFactor: ResourceFactor;
  sessionApiKey: string;
  status: RuntimeStatus;
  podStatus: PodStatus;
  backend: BackendName;
  /** Set once the backend started it. */
  handle?: RuntimeHandle;
  /** Container ports besides the agent server's that are published as work hosts. */
  workPorts: number[];
  createdAt: string;
  updatedAt: string;
  /**
   * Start of the idle clock: boot, claim from a pool, or resume. Idle time never reaches back
   * before it, so time spent paused or waiting in a pool is not idle time.
   */
  activeSince: string;
  pausedAt?: string;
  /** Last moment the runtime was known active, recorded at pause; drives the stop-after-dead rule. */
  lastActiveAt?: string;
  restartCount: number;
  restartReasons: string[];
  failure?: RuntimeFailure;
  podLogs?: string;
  events?: RuntimeDiagnosticEvent[];
  pool?: PoolMembership;
}

/** States in which a runtime holds resources. */
export const LIVE_STATUSES: ReadonlySet<RuntimeStatus> = new Set<RuntimeStatus>([
  'starting',
  'running',
  'paused',
]);

export function isLive(record: Pick<RuntimeRecord, 'status'>): boolean {
  return LIVE_STATUSES.has(record.status);
}

/** The warm pool a runtime of this image and size belongs to. */
export function poolKeyOf(image: string, resourceFactor: ResourceFactor): string {
  return `${image}|${resourceFactor}`;
}
