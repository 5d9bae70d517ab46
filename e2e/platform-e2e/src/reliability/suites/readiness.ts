import { HealthResponseSchema } from '@agentrt/contracts';
import { waitFor } from '@agentrt/testing';

/** A service whose `/health` is its readiness report (503 with the failing check when not ready). */
export interface Service {
  name: string;
  url: string;
}

async function healthOf(service: Service) {
  const response = await fetch(`${service.url}/health`, { signal: AbortSignal.timeout(5_000) });
  return { status: response.status, body: HealthResponseSchema.parse(await response.json()) };
}

/**
 * Waits until `service` reports ready (200) or, with `ready` false, not ready because Redis is
 * down (503, `checks.redis.status: down`); resolves with the ms elapsed since `since`.
 */
export async function untilReported(
  service: Service,
  ready: boolean,
  since: number,
  timeoutMs: number,
): Promise<number> {
  await waitFor(
    async () => {
      const report = await healthOf(service);
      if (ready) return report.status === 200;
      return report.status === 503 && report.body.checks['redis']?.status === 'down';
    },
    {
      timeoutMs,
      intervalMs: 50,
      description: `${service.name} to report ${ready ? '' : 'not '}ready`,
    },
  );
  return Date.now() - since;
}
