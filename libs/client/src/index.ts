/**
 * @agentrt/client: typed clients of agentrt's own services (the Runtime API and the Agent Server
 * API), with a time limit on every call and errors that carry the server's error body.
 */
export { ApiCallError } from './http/api-call-error';
export type { ServiceOptions, CallOptions } from './http/http-service';
export {
  RuntimeApiClient,
  type RuntimeApiClientOptions,
  type ReadyOptions,
} from './runtime-api/runtime-api.client';
export {
  AgentServerClient,
  type AgentServerClientOptions,
  type EventQuery,
} from './agent-server/agent-server.client';
