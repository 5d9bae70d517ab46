import type { Request } from 'express';
import { checkMcpRequest } from './mcp-precheck';

const BOTH = 'application/json, text/event-stream';
const LIST = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-03-26',
    capabilities: {},
    clientInfo: { name: 't', version: '1' },
  },
};

/** The two things the check reads from a request: its headers and its content type. */
function request(headers: Record<string, string>): Request {
  const type = headers['content-type'] ?? '';
  return {
    headers,
    is: (wanted: string) => (type.startsWith(wanted) ? wanted : false),
  } as unknown as Request;
}

function refusalOf(req: Request, body: unknown): unknown {
  try {
    checkMcpRequest(req, body);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('checkMcpRequest', () => {
  it('lets a well-formed MCP request through, single or batched', () => {
    const ok = request({ accept: BOTH, 'content-type': 'application/json' });
    expect(refusalOf(ok, LIST)).toBeUndefined();
    expect(refusalOf(ok, [LIST, { ...LIST, id: 2 }])).toBeUndefined();
    expect(refusalOf(ok, INIT)).toBeUndefined();
  });

  // Found by the R4 fuzzer: the SDK answered these with a bare JSON-RPC error, not our body.
  it.each([
    ['no Accept header', { 'content-type': 'application/json' }, LIST, 406],
    [
      'a JSON-only Accept header',
      { accept: 'application/json', 'content-type': 'application/json' },
      LIST,
      406,
    ],
    ['a text/plain body', { accept: BOTH, 'content-type': 'text/plain' }, LIST, 415],
    [
      'a body that is not JSON-RPC',
      { accept: BOTH, 'content-type': 'application/json' },
      { a: 1 },
      400,
    ],
    ['an empty batch', { accept: BOTH, 'content-type': 'application/json' }, [], 400],
    [
      'two initialize requests',
      { accept: BOTH, 'content-type': 'application/json' },
      [INIT, { ...INIT, id: 2 }],
      400,
    ],
    [
      'an unknown protocol version',
      { accept: BOTH, 'content-type': 'application/json', 'mcp-protocol-version': '1999-01-01' },
      LIST,
      400,
    ],
  ])('refuses %s with our error body and the JSON-RPC error', (_name, headers, body, status) => {
    const refusal = refusalOf(request(headers), body);
    expect(refusal).toMatchObject({
      detail: expect.any(String) as unknown,
      extra: { jsonrpc: '2.0', id: null, error: { message: expect.any(String) as unknown } },
    });
    expect((refusal as { getStatus(): number }).getStatus()).toBe(status);
  });
});
