import { chatGptActionsDocument, MAX_DESCRIPTION } from './chatgpt-actions';
import { gatewayDocument } from './docs.fixture';
import { publicOpenApiDocument } from './public-document';

type Document = {
  openapi: string;
  servers: unknown;
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, Record<string, unknown>>; securitySchemes: unknown };
  security: unknown;
};

describe('chatGptActionsDocument', () => {
  const document = chatGptActionsDocument(
    publicOpenApiDocument(gatewayDocument()),
    'https://gw.example.com',
  ) as Document;

  it('is OpenAPI 3.1 for this server, with the run operations only, by operationId', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: 'https://gw.example.com' }]);
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/agents/{agentId}/runs',
      '/api/runs/{runId}',
    ]);
    expect(document.paths['/api/agents/{agentId}/runs']?.['post']?.['operationId']).toBe(
      'runAgent',
    );
    expect(document.paths['/api/runs/{runId}']?.['get']?.['operationId']).toBe('getRun');
  });

  it('keeps descriptions short, and leaves out headers and multipart bodies', () => {
    const run = document.paths['/api/agents/{agentId}/runs']?.['post'] ?? {};
    expect(String(run['description']).length).toBeLessThan(MAX_DESCRIPTION);
    expect(run['parameters']).toEqual([
      { name: 'agentId', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(Object.keys((run['requestBody'] as { content: object }).content)).toEqual([
      'application/json',
    ]);
  });

  it('carries the schemas used (3.1 nullability) and API key auth, nothing else', () => {
    expect(Object.keys(document.components.schemas).sort()).toEqual([
      'AgentRunRequestDto',
      'AgentRunResponseDto',
      'AgentRunStatus',
    ]);
    expect(document.components.schemas['AgentRunResponseDto']?.['properties']).toMatchObject({
      output: { type: ['string', 'null'] },
    });
    expect(document.components.securitySchemes).toEqual({
      apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    });
    expect(document.security).toEqual([{ apiKey: [] }]);
  });
});
