/**
 * @agentrt/contracts: every wire type agentrt speaks, as zod schemas. TypeScript types are
 * inferred from the schemas so each shape is written once; OpenAPI documents are generated from
 * the same schemas.
 */
export * from './common';
export * from './runtime-api';
export * from './builds';
export * from './agent-server';
export * from './gateway';
