import type { OpenAPIObject } from '@nestjs/swagger';

/** A small gateway-like document, as Nest builds it (internal routed paths included). */
export function gatewayDocument(): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 'agentrt gateway', description: 'The public edge.', version: '0.1.0' },
    paths: {
      '/_routed/agent-runner/api/runs': {
        post: {
          tags: ['agent-runner'],
          summary: 'Run the agent named by X-AGENT-ID',
          parameters: [{ name: 'X-AGENT-ID', in: 'header', required: false }],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/AgentRunRequestDto' } },
            },
          },
          responses: { '200': { description: 'the ended run' } },
        },
        get: {
          tags: ['agent-runner'],
          summary: "The caller's runs",
          parameters: [
            { name: 'offset', in: 'query', required: false, schema: { type: 'number' } },
            { name: 'limit', in: 'query', required: false, schema: { type: 'number' } },
          ],
          responses: { '200': { description: 'runs' } },
        },
      },
      '/_routed/agent-runner/api/agents/{agentId}/runs': {
        post: {
          tags: ['agent-runner'],
          summary: 'Run the agent named in the path',
          parameters: [
            { name: 'agentId', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'X-AGENT-ID', in: 'header', required: false },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/AgentRunRequestDto' } },
              'multipart/form-data': { schema: { type: 'object' } },
            },
          },
          responses: {
            '200': {
              description: 'the ended run',
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/AgentRunResponseDto' },
                },
              },
            },
          },
        },
      },
      '/_routed/agent-runner/api/runs/{runId}': {
        get: {
          tags: ['agent-runner'],
          summary: 'One run',
          parameters: [{ name: 'runId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'the run' } },
        },
      },
      '/_routed/debugger/api/runs': {
        post: { tags: ['debugger'], summary: 'Debug step', responses: {} },
      },
      '/_routed/debugger/api/debug/monitor': {
        get: { tags: ['debugger'], summary: 'Monitor runs', responses: {} },
      },
      '/v1/models': { get: { tags: ['embodiment: openai'], responses: {} } },
    },
    components: {
      schemas: {
        AgentRunRequestDto: {
          type: 'object',
          properties: {
            input: { type: 'string' },
            mode: { type: 'string', enum: ['sync', 'async'], default: 'sync' },
            timeout_seconds: { type: 'integer', minimum: 1, default: 300 },
          },
          required: ['input', 'mode', 'timeout_seconds'],
        },
        AgentRunResponseDto: {
          type: 'object',
          properties: {
            run_id: { type: 'string' },
            output: { type: 'string', nullable: true },
            status: { $ref: '#/components/schemas/AgentRunStatus' },
          },
          required: ['run_id'],
        },
        AgentRunStatus: { type: 'string', enum: ['queued', 'succeeded'] },
        Unrelated: { type: 'object' },
      },
    },
  };
}
