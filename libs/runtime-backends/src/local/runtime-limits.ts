import type { RuntimeSpec } from '../runtime-backend';
import type { LocalBackendOptions } from './local-backend-options';

/** Who a local runtime's processes run as and how much memory each may take. */
export interface RuntimeLimits {
  uid?: number;
  gid?: number;
  /** RLIMIT_DATA in bytes; undefined means no cap. */
  dataBytes?: number;
}

const DEFAULT_MEMORY_BYTES_PER_UNIT = 2 * 1024 ** 3;

/**
 * The limits a spec asks for. Without `runAsGroup` the group id is the user id, so a runtime
 * never keeps the backend's (root's) group.
 */
export function limitsOf(spec: RuntimeSpec, options: LocalBackendOptions): RuntimeLimits {
  const perUnit = options.memoryBytesPerUnit ?? DEFAULT_MEMORY_BYTES_PER_UNIT;
  const gid = spec.runAsGroup ?? spec.runAsUser;
  return {
    ...(spec.runAsUser === undefined ? {} : { uid: spec.runAsUser }),
    ...(gid === undefined ? {} : { gid }),
    ...(perUnit > 0 ? { dataBytes: perUnit * spec.resourceFactor } : {}),
  };
}

/** The uid/gid options of `spawn`/`execFile` (Node drops supplementary groups when they are set). */
export function spawnIds(limits: RuntimeLimits | undefined): { uid?: number; gid?: number } {
  return {
    ...(limits?.uid === undefined ? {} : { uid: limits.uid }),
    ...(limits?.gid === undefined ? {} : { gid: limits.gid }),
  };
}

/**
 * argv under the memory cap. Node cannot set rlimits on a child, so `sh` sets RLIMIT_DATA (soft
 * and hard, in KiB) and execs argv, keeping the pid. RLIMIT_DATA counts private writable memory,
 * which V8 only takes when it commits pages, unlike RLIMIT_AS, which its address space
 * reservations would exhaust. It is per process: each process the runtime starts inherits it.
 */
export function limitedArgv(
  argv: readonly string[],
  limits: RuntimeLimits | undefined,
): readonly string[] {
  if (limits?.dataBytes === undefined) return argv;
  const kib = String(Math.floor(limits.dataBytes / 1024));
  return ['/bin/sh', '-c', 'ulimit -d "$0" && exec "$@"', kib, ...argv];
}
