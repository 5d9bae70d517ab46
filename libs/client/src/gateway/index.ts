export { GatewayClient, type GatewayClientOptions, type StartRunRequest } from './gateway.client';
export { AgentsAdmin, type AgentDefinitionInput } from './agents-admin';
export type { RunStreamItem } from './run-stream';
export { sseMessages, type SseMessage } from './sse';
