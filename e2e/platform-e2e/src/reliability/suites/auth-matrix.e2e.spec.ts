import { waitFor } from '@agentrt/testing';
import { GatewayStack } from '../../gateway/gateway-stack';
import { redisCli, RUNTIME_IMAGE } from '../../runtime-api/runtime-api.harness';
import { AppProcess } from '../../support/app-process';
import { E2E } from '../../support/e2e-env';
import { isPublic, type Probe, requestsOf, type SurfacePlan } from './auth-matrix.probe';
import { planSurfaces } from './auth-matrix.plans';
import { PUBLIC_ROUTES } from './auth-matrix.table';
import { runBounded } from './bounded-load';

/**
 * R5 of targets.md: every route of every app (from its /openapi.json, plus what its README
 * says it serves outside it) and the runtime proxy paths, with no key, a wrong key and a valid
 * credential in the wrong place, answer 401/403 in our error body, except the public routes.
 */
describe('R5: every route x {no key, wrong key, misplaced credential}', () => {
  let stack: GatewayStack;
  let buildService: AppProcess | undefined;
  let plans: SurfacePlan[] = [];

  beforeAll(async () => {
    // Warm runtimes get INIT_API_KEY, so their /init is a live, credentialed route.
    stack = await GatewayStack.start({
      runtimeApiEnv: {
        WARM_POOLS: JSON.stringify([{ image: RUNTIME_IMAGE, resource_factor: 1, size: 2 }]),
      },
    });
    const { prefix } = stack.runtimeApi;
    buildService = await AppProcess.start('build-service', {
      REDIS_URL: E2E.redisUrl,
      REDIS_KEY_PREFIX: prefix,
      QUEUE_PREFIX: prefix,
    });
    await buildService.listening();
    await waitFor(
      () => Promise.resolve(redisCli('LLEN', `${prefix}:rt:pool:${RUNTIME_IMAGE}|1`) === '2'),
      { timeoutMs: 60_000, description: 'two warm runtimes' },
    );
    plans = await planSurfaces(stack, buildService);
  }, 180_000);
  afterAll(async () => {
    // Before the stack removes the prefix's keys, so the worker does not write them again.
    await buildService?.stop();
    await stack?.tearDown();
  });

  it('answers 401/403 with our error body everywhere but the public routes', async () => {
    const requests = plans.flatMap(requestsOf);
    const probes: Probe[] = [];
    const outcome = await runBounded(
      { calls: requests.length, concurrency: 8, deadlineMs: 120_000 },
      async (index) => {
        const request = requests[index];
        if (request) probes.push(await request());
      },
    );
    expect(outcome.errors.map(String)).toEqual([]);
    expect(probes).toHaveLength(requests.length);
    for (const plan of plans) report(plan, probes);

    const failures = probes
      .filter((p) => p.failure !== undefined)
      .map((p) => `${p.surface}: ${p.route} with ${p.credential}: ${p.failure ?? ''}`);
    expect(failures).toEqual([]);
    // The table names only routes that exist: a stale entry would not hide a leak, but would lie.
    const stale = plans.flatMap((plan) =>
      Object.keys(PUBLIC_ROUTES[plan.surface])
        .filter((route) => !plan.routes.includes(route))
        .map((route) => `${plan.surface}: ${route}`),
    );
    expect(stale).toEqual([]);
  }, 180_000);
});

function report(plan: SurfacePlan, probes: Probe[]): void {
  const mine = probes.filter((p) => p.surface === plan.surface);
  const open = plan.routes.filter((route) => isPublic(plan.surface, route));
  const failed = mine.filter((p) => p.failure !== undefined).length;
  const verdict =
    failed === 0 ? 'all 401/403' : `${failed} NOT refused (see the failure), the rest 401/403`;
  process.stdout.write(
    `[R5] ${plan.surface}: ${plan.routes.length} routes x ${plan.credentials.length} credentials` +
      ` = ${mine.length} requests: ${verdict} except ${open.length} public routes` +
      ` (${open.join(', ')}); credentials: ${plan.credentials.map((c) => c.name).join(', ')}\n`,
  );
}
