import { type ErrorCode } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import {
  isInitializeRequest,
  JSONRPCMessageSchema,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/sdk/types.js';
import type { Request } from 'express';

// The SDK's own batch limit (server/requestBody.js), which it answers with a bare JSON-RPC error.
const MAX_BATCH = 100;

/**
 * The refusals the MCP transport would otherwise answer itself with a bare JSON-RPC error: made
 * here first, so they carry our error body ({detail, code, request_id}) like every other 4xx,
 * with the JSON-RPC error alongside for MCP clients. Mirrors the stateless transport's checks.
 */
export function checkMcpRequest(req: Request, body: unknown): void {
  const accept = req.headers.accept ?? '';
  if (!accept.includes('application/json') || !accept.includes('text/event-stream'))
    throw refusal(
      406,
      'bad_request',
      'Not Acceptable: Client must accept both application/json and text/event-stream',
    );
  if (!req.is('application/json'))
    throw refusal(
      415,
      'unsupported_media_type',
      'Unsupported Media Type: Content-Type must be application/json',
    );
  const messages = Array.isArray(body) ? body : [body];
  if (messages.length > MAX_BATCH)
    throw refusal(
      400,
      'bad_request',
      `Invalid Request: Batch must not exceed ${MAX_BATCH} messages`,
      -32600,
    );
  if (messages.length === 0 || !messages.every((m) => JSONRPCMessageSchema.safeParse(m).success))
    throw refusal(400, 'bad_request', 'Parse error: Invalid JSON-RPC message', -32700);
  const initializing = messages.some((m) => isInitializeRequest(m));
  if (initializing && messages.length > 1)
    throw refusal(
      400,
      'bad_request',
      'Invalid Request: Only one initialization request is allowed',
      -32600,
    );
  const version = req.headers['mcp-protocol-version'];
  if (
    !initializing &&
    typeof version === 'string' &&
    !SUPPORTED_PROTOCOL_VERSIONS.includes(version)
  )
    throw refusal(400, 'bad_request', `Bad Request: Unsupported protocol version: ${version}`);
}

function refusal(status: number, code: ErrorCode, message: string, rpcCode = -32000): ApiException {
  return new ApiException(status, message, code, {
    jsonrpc: '2.0',
    error: { code: rpcCode, message },
    id: null,
  });
}
