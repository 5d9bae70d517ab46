import type { Runtime } from '@agentrt/contracts';
import type { RuntimeRecord } from '@agentrt/runtime-state';

/** The public URL of a runtime: always the runtime proxy, never a backend address. */
export function runtimeUrlOf(publicUrl: string, runtimeId: string): string {
  return `${publicUrl}/${runtimeId}`;
}

/** `work_hosts`: the proxy URL of each extra port -> that container port. */
export function workHostsOf(publicUrl: string, record: RuntimeRecord): Record<string, number> {
  return Object.fromEntries(
    record.workPorts.map((port) => [`${publicUrl}/${record.runtimeId}-${port}`, port]),
  );
}

/** The runtime object of runtime-api.md, with every field, from a stored record. */
export function toRuntime(record: RuntimeRecord, publicUrl: string): Runtime {
  return {
    runtime_id: record.runtimeId,
    session_id: record.sessionId,
    url: runtimeUrlOf(publicUrl, record.runtimeId),
    session_api_key: record.sessionApiKey,
    status: record.status,
    pod_status: record.podStatus,
    work_hosts: workHostsOf(publicUrl, record),
    restart_count: record.restartCount,
    restart_reasons: record.restartReasons,
    image: record.image,
    resource_factor: record.resourceFactor,
    created_at: record.createdAt,
    ...(record.podLogs !== undefined ? { pod_logs: record.podLogs } : {}),
    ...(record.events !== undefined ? { events: record.events } : {}),
  };
}
