import type { Runtime } from '@agentrt/contracts';
import { table } from '../output';

/**
 * A runtime for people: everything but the session key, which is a credential and is shown
 * only when asked for (`--show-key`) or with `--json`.
 */
export function runtimeLines(runtime: Runtime, showKey = false): string[] {
  const lines = [
    `runtime_id:  ${runtime.runtime_id}`,
    `session_id:  ${runtime.session_id}`,
    `status:      ${runtime.status} (pod ${runtime.pod_status})`,
    `url:         ${runtime.url}`,
    `image:       ${runtime.image}`,
    `resources:   x${runtime.resource_factor}`,
    `created_at:  ${runtime.created_at}`,
  ];
  if (runtime.restart_count > 0) {
    lines.push(`restarts:    ${runtime.restart_count} (${runtime.restart_reasons.join('; ')})`);
  }
  for (const [url, port] of Object.entries(runtime.work_hosts)) {
    lines.push(`work_host:   ${url} -> ${port}`);
  }
  if (showKey) lines.push(`session_api_key: ${runtime.session_api_key}`);
  return lines;
}

export function runtimeTable(runtimes: readonly Runtime[]): string[] {
  if (runtimes.length === 0) return ['no runtimes'];
  return table(
    ['RUNTIME_ID', 'STATUS', 'POD', 'IMAGE', 'SESSION_ID', 'CREATED_AT'],
    runtimes.map((runtime) => [
      runtime.runtime_id,
      runtime.status,
      runtime.pod_status,
      runtime.image,
      runtime.session_id,
      runtime.created_at,
    ]),
  );
}

/** The last lines of the agent server's log, to show why a runtime never became ready. */
export function logTail(runtime: Runtime, lines = 15): string[] {
  const log = runtime.pod_logs?.trimEnd();
  if (!log) return [];
  return log.split('\n').slice(-lines);
}
