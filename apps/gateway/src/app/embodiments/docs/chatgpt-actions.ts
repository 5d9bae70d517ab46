import type { OpenAPIObject, OperationObject, ParameterObject } from '@nestjs/swagger';
import type { HttpMethod } from './operations';

/** The operations a GPT may call, with the operationIds and descriptions it reads. */
const ACTIONS: readonly {
  path: string;
  method: HttpMethod;
  operationId: string;
  description: string;
}[] = [
  {
    path: '/api/agents/{agentId}/runs',
    method: 'post',
    operationId: 'runAgent',
    description:
      'Runs the agent agentId on input and waits for its answer (field output). With mode "async", or when it takes longer than timeout_seconds, returns a run_id to poll with getRun.',
  },
  {
    path: '/api/runs/{runId}',
    method: 'get',
    operationId: 'getRun',
    description:
      'Reads a run started with runAgent: its status, and once it has ended its output or error.',
  },
];

/** GPT Actions cut descriptions at 300 characters. */
export const MAX_DESCRIPTION = 300;
export const API_KEY_HEADER = 'X-API-Key';

/**
 * A GPT Actions flavoured OpenAPI 3.1 document derived from the gateway's own: only the run
 * operations, with operationIds and short descriptions, the schemas they use, the server URL the
 * GPT must call, and the API key as a custom header (GPT Actions' "API Key, Custom" auth).
 */
export function chatGptActionsDocument(
  document: OpenAPIObject,
  serverUrl: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const action of ACTIONS) {
    const operation = document.paths[action.path]?.[action.method];
    if (!operation) continue; // that module is not mounted on this gateway
    paths[action.path] = { ...paths[action.path], [action.method]: actionOf(operation, action) };
  }
  const schemas = referencedSchemas(paths, document);
  return to31({
    openapi: '3.1.0',
    info: {
      title: document.info.title,
      description: short('Runs agentrt agents and reads their runs.'),
      version: document.info.version,
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas,
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: API_KEY_HEADER } },
    },
    security: [{ apiKey: [] }],
  }) as Record<string, unknown>;
}

function actionOf(operation: OperationObject, action: (typeof ACTIONS)[number]) {
  // GPT Actions fill path, query and body; headers such as X-AGENT-ID are left out.
  const parameters = (operation.parameters ?? []).filter(
    (p): p is ParameterObject => 'in' in p && p.in !== 'header',
  );
  const body =
    operation.requestBody && !('$ref' in operation.requestBody) ? operation.requestBody : undefined;
  const json = body?.content['application/json'];
  return {
    operationId: action.operationId,
    summary: short(operation.summary ?? action.operationId),
    description: short(action.description),
    ...(parameters.length
      ? {
          parameters: parameters.map((p) => ({
            ...p,
            description: p.description && short(p.description),
          })),
        }
      : {}),
    ...(json ? { requestBody: { required: true, content: { 'application/json': json } } } : {}),
    responses: operation.responses,
  };
}

/** The component schemas the paths refer to, following references inside them too. */
function referencedSchemas(root: unknown, document: OpenAPIObject): Record<string, unknown> {
  const all = document.components?.schemas ?? {};
  const found: Record<string, unknown> = {};
  const pending = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    for (const ref of refsIn(node)) {
      const name = ref.replace('#/components/schemas/', '');
      if (name in found || !(name in all)) continue;
      found[name] = all[name];
      pending.push(all[name]);
    }
  }
  return found;
}

function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')
      ? [value]
      : refsIn(value),
  );
}

/** OpenAPI 3.0's `nullable: true` becomes 3.1's `type: [..., 'null']`. */
function to31(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(to31);
  if (node === null || typeof node !== 'object') return node;
  const converted = Object.fromEntries(
    Object.entries(node).flatMap(([key, value]: [string, unknown]) =>
      key === 'nullable' && typeof value === 'boolean' ? [] : [[key, to31(value)]],
    ),
  );
  if ((node as { nullable?: unknown }).nullable === true && typeof converted['type'] === 'string') {
    converted['type'] = [converted['type'], 'null'];
  }
  return converted;
}

function short(text: string): string {
  return text.length <= MAX_DESCRIPTION ? text : `${text.slice(0, MAX_DESCRIPTION - 3)}...`;
}
