/**
 * @agentrt/testing: test-only helpers shared by the unit, integration and end-to-end tiers.
 * Never imported by production code (webpack bundles only what main.ts reaches).
 */
export * from './wait-for';
export * from './free-port';
export * from './fake-openai-replies';
export * from './fake-openai-checks';
export * from './fake-openai-server';
export * from './fake-openai-requests';
export * from './kubernetes';
export * from './metrics-text';
export * from './redis-connections';
