import type { IncomingHttpHeaders } from 'node:http';
import { DEBUG_HEADERS, GATEWAY_HEADERS, MonitorIdsSchema } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';

/** What a debugger request asks for, read from its one debug header. */
export type DebugCommand =
  | { kind: 'start' }
  | { kind: 'step' | 'read' | 'inject' | 'skip' | 'stop'; runId: string }
  | { kind: 'monitor'; runIds: string[] };

type RunCommandKind = Exclude<DebugCommand['kind'], 'start' | 'monitor'>;

const KIND_BY_HEADER: Readonly<Record<string, RunCommandKind>> = {
  [GATEWAY_HEADERS.DEBUG_RUN]: 'step',
  [GATEWAY_HEADERS.DEBUG_READ]: 'read',
  [GATEWAY_HEADERS.DEBUG_INJ]: 'inject',
  [GATEWAY_HEADERS.DEBUG_SKIP]: 'skip',
  [GATEWAY_HEADERS.DEBUG_STOP]: 'stop',
};

/** `X-DEBUG-RUN` with one of these values (or none) starts a new debug run. */
const START_VALUES = new Set(['', 'new']);

/**
 * The command of a request the router sent to the debugger. One debug header per request (two
 * would leave it unclear which one wins: 400). Without any (X-FORCE-DEBUGGER or X-ROUTING-MODE),
 * a POST starts a debug run, as X-DEBUG-RUN does; anything else is 400.
 */
export function debugCommandOf(headers: IncomingHttpHeaders, method: string): DebugCommand {
  const present = DEBUG_HEADERS.filter((name) => headers[name.toLowerCase()] !== undefined);
  if (present.length > 1) {
    throw badRequest(`Send one debug header per request, not several (${present.join(', ')})`);
  }
  const [header] = present;
  if (header === undefined) {
    if (method === 'POST') return { kind: 'start' };
    throw badRequest(`Name what to do with one of ${DEBUG_HEADERS.join(', ')}`);
  }
  const value = valueOf(headers[header.toLowerCase()]);
  if (header === GATEWAY_HEADERS.MONITOR_ID) return { kind: 'monitor', runIds: monitorIds(value) };
  if (header === GATEWAY_HEADERS.DEBUG_RUN && START_VALUES.has(value.toLowerCase())) {
    return { kind: 'start' };
  }
  if (value === '') throw badRequest(`${header} needs the debug run's id`);
  return { kind: KIND_BY_HEADER[header] ?? 'read', runId: value };
}

function monitorIds(value: string): string[] {
  const parsed = MonitorIdsSchema.safeParse(value);
  if (!parsed.success) {
    throw badRequest(
      `${GATEWAY_HEADERS.MONITOR_ID} must be one run id or several, comma-separated`,
    );
  }
  return [...new Set(parsed.data)];
}

function valueOf(raw: string | string[] | undefined): string {
  return (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).trim();
}

function badRequest(detail: string): ApiException {
  return new ApiException(400, detail, 'bad_request');
}
