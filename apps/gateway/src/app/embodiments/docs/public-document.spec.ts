import { gatewayDocument } from './docs.fixture';
import { publicOpenApiDocument } from './public-document';

describe('publicOpenApiDocument', () => {
  it('shows routed controllers under their public /api paths, and nothing internal', () => {
    const original = gatewayDocument();
    const document = publicOpenApiDocument(original);
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/agents/{agentId}/runs',
      '/api/debug/monitor',
      '/api/runs',
      '/api/runs/{runId}',
      '/v1/models',
    ]);
    expect(original.paths['/_routed/agent-runner/api/runs']).toBeDefined(); // not mutated
  });

  it('notes the debugger where it shares a path, and its headers on its own paths', () => {
    const document = publicOpenApiDocument(gatewayDocument());
    const shared = document.paths['/api/runs']?.post;
    expect(shared?.summary).toBe('Run the agent named by X-AGENT-ID');
    expect(shared?.description).toMatch(/With a debug header .* the debugger serves this path/);
    expect(document.paths['/api/runs']?.get?.description).toBeUndefined();
    expect(document.paths['/api/debug/monitor']?.get?.description).toMatch(
      /^Served by the debugger: send a debug header \(X-DEBUG-RUN/,
    );
  });
});
