export { RuntimeApiClient } from './runtime-api.client';
export type { RuntimeApiClientOptions } from './runtime-api-http';
export type { ReadyOptions } from './wait-until-ready';
