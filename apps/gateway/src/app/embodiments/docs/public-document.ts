import type { OpenAPIObject, PathItemObject } from '@nestjs/swagger';
import { routedApiPath } from '../../routing/routed-request';
import { HTTP_METHODS } from './operations';

const AGENT_RUNNER = `/${routedApiPath('agent-runner')}`;
const DEBUGGER = `/${routedApiPath('debugger')}`;

const DEBUGGER_NOTE =
  'Served by the debugger: send a debug header (X-DEBUG-RUN, X-DEBUG-READ, X-DEBUG-INJ, X-DEBUG-SKIP, X-DEBUG-STOP, X-MONITOR-ID), X-FORCE-DEBUGGER or X-ROUTING-MODE: debugger; needs the debug scope.';
const SHARED_NOTE =
  'With a debug header (and the debug scope) the debugger serves this path instead; see its headers.';

/**
 * The gateway's document as clients see it. The router re-addresses `/api/...` to internal
 * `/_routed/<module>/api/...` controllers; the document shows the public `/api/...` paths. Where
 * the agent-runner and the debugger serve the same method and path (chosen by headers), the
 * agent-runner's operation is shown with a note; the debugger's own paths carry the headers
 * that reach them. Every path also answers under `/v{N}[.{M}]/api/...` (the agent's version).
 */
export function publicOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  const paths: Record<string, PathItemObject> = {};
  for (const [path, item] of Object.entries(document.paths)) {
    if (path.startsWith(DEBUGGER)) continue;
    const shown = path.startsWith(AGENT_RUNNER) ? `/api${path.slice(AGENT_RUNNER.length)}` : path;
    paths[shown] = { ...item };
  }
  for (const [path, item] of Object.entries(document.paths)) {
    if (path.startsWith(DEBUGGER)) addDebugger(paths, `/api${path.slice(DEBUGGER.length)}`, item);
  }
  return { ...document, paths };
}

function addDebugger(paths: Record<string, PathItemObject>, shown: string, item: PathItemObject) {
  const target: PathItemObject = (paths[shown] ??= {});
  for (const method of HTTP_METHODS) {
    const operation = item[method];
    if (!operation) continue;
    const existing = target[method];
    target[method] = existing
      ? { ...existing, description: noted(existing.description, SHARED_NOTE) }
      : { ...operation, description: noted(operation.description, DEBUGGER_NOTE) };
  }
}

function noted(description: string | undefined, note: string): string {
  return description ? `${description}\n\n${note}` : note;
}
