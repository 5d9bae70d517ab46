import { FuzzStack } from './fuzz-stack';
import { FUZZ, fuzzApi } from './run-fuzz';
import { describeFindings, reportLines } from './verdicts';

const APIS = ['runtime-api', 'agent-server', 'build-service', 'gateway', 'gateway (admin port)'];

/** Lines in one snapshot and not the other, marked + (appeared) or - (went away). */
function changes(before: string[], after: string[]): string[] {
  const was = new Set(before);
  const is = new Set(after);
  return [
    ...after.filter((line) => !was.has(line)).map((l) => `+ ${l}`),
    ...before.filter((line) => !is.has(line)).map((l) => `- ${l}`),
  ];
}

describe('R4: schema-driven fuzzing of every API from its OpenAPI document', () => {
  let stack: FuzzStack;

  beforeAll(async () => {
    stack = await FuzzStack.start();
  }, 120_000);
  afterAll(() => stack?.tearDown(), 60_000);

  it.each(APIS)(
    `%s: ${FUZZ.bad} bad requests, each refused with a 4xx and our error body; alive; nothing created`,
    async (api) => {
      const target = stack.targets.find((t) => t.api === api);
      if (!target) throw new Error(`no target ${api}`);
      const before = await stack.snapshot();

      const { plan, tally, seconds } = await fuzzApi(target);
      const alive = await target.alive();
      const created = changes(before, await stack.snapshot());

      process.stdout.write(
        `${reportLines(api, { seed: plan.seed, operations: plan.operations, tally, alive, created, seconds })}\n`,
      );
      expect(alive ? 'alive' : `down; its last lines:\n${target.logTail()}`).toBe('alive');
      expect(describeFindings(tally.findings)).toBe('');
      expect(tally.bad.refused).toBeGreaterThanOrEqual(FUZZ.bad);
      expect(created).toEqual([]);
    },
    // ~10 s per API for 1,000 here; a FUZZ_BAD hunt gets its time with it.
    60_000 + FUZZ.bad * 120,
  );
});
