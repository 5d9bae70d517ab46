import { z } from 'zod';

/** Value of `X-ROUTING-MODE`: the modules a header may route `/api/*` to. */
export const RoutingModeSchema = z.enum(['agent-runner', 'debugger']);
export type RoutingMode = z.infer<typeof RoutingModeSchema>;

/** A gateway module; embodiments are chosen by path, never by header. */
export const GatewayModuleSchema = z.enum(['agent-runner', 'debugger', 'embodiment']);
export type GatewayModule = z.infer<typeof GatewayModuleSchema>;

/**
 * `SERVER_MODE`: which modules one gateway deployment mounts, so that several deployments can
 * each serve one module behind a load balancer. `runtime` (the default) mounts all.
 */
export const ServerModeSchema = z.enum(['runtime', 'agent', 'debugger', 'embodiment']);
export type ServerMode = z.infer<typeof ServerModeSchema>;

/** The modules each server mode mounts; a request for any other answers 404/503 clearly. */
export const MODULES_BY_SERVER_MODE: Readonly<Record<ServerMode, readonly GatewayModule[]>> = {
  runtime: ['agent-runner', 'debugger', 'embodiment'],
  agent: ['agent-runner'],
  debugger: ['debugger'],
  embodiment: ['embodiment'],
};
