/**
 * @agentrt/client: typed clients of agentrt's services (the Runtime API, the Agent Server API
 * and the gateway) with a time limit on every call, safe retries and errors that carry the
 * server's error body; event streaming with reconnect; and the AgentLoop that runs an agent
 * the same way on a local or a remote runtime.
 */
export * from './http';
export * from './runtime-api';
export * from './agent-server';
export * from './builds';
export * from './gateway';
export * from './config';
export * from './loop';
