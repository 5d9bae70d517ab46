import type { HealthCheck } from '@agentrt/contracts';

/** One dependency an app needs to serve traffic (Redis, a peer service, a queue worker). */
export interface HealthIndicator {
  readonly name: string;
  check(): Promise<HealthCheck>;
}

export const HEALTH_INDICATORS = Symbol('HEALTH_INDICATORS');
export const HEALTH_SERVICE_NAME = Symbol('HEALTH_SERVICE_NAME');
export const HEALTH_DETAILS = Symbol('HEALTH_DETAILS');

/** Runs `probe`, timing it; a throw or a timeout is reported as `down`, never propagated. */
export async function timedCheck(
  probe: () => Promise<unknown>,
  timeoutMs = 2000,
): Promise<HealthCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { status: 'up', latency_ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
