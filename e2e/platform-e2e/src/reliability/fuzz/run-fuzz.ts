import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FuzzTarget } from './fuzz-stack';
import { describeOp, type FuzzRequest } from './fuzz-request';
import { fetchDocument, operationsOf } from './openapi';
import { type FuzzPlan, planRequests } from './plan';
import { type FuzzAnswer, sendAll } from './send';
import { judge, type Tally } from './verdicts';

// eslint-disable-next-line no-restricted-properties -- chosen once per run, to reproduce one
const { FUZZ_SEED: seedVariable, FUZZ_BAD: badVariable, FUZZ_LOG_DIR: logDir } = process.env;
const whole = (text: string | undefined) => (text && /^\d+$/.test(text) ? Number(text) : undefined);

/** The run's settings: a fixed seed unless FUZZ_SEED names another, so a failure reproduces. */
export const FUZZ = {
  seed: whole(seedVariable) ?? 42,
  /** Bad requests per API (R4: at least 1,000; FUZZ_BAD raises it for a longer hunt), edge cases on top. */
  bad: Math.max(1_000, whole(badVariable) ?? 0),
  edge: 150,
  concurrency: 8,
  timeoutMs: 15_000,
};

export interface FuzzResult {
  plan: FuzzPlan;
  tally: Tally;
  seconds: number;
}

/** Reads the target's document, draws its requests, sends them and judges every answer. */
export async function fuzzApi(target: FuzzTarget): Promise<FuzzResult> {
  const operations = operationsOf(await fetchDocument(target.url, target.credentials));
  const plan = planRequests(operations, target.known, FUZZ);
  const requests = [...plan.bad, ...plan.edge];
  const started = performance.now();
  const answers = await sendAll(target.url, requests, target.credentials, FUZZ);
  const seconds = (performance.now() - started) / 1000;
  const documented = new Map(operations.map((op) => [describeOp(op), op.responses]));
  const sent = requests.flatMap((request, i) => {
    const answer = answers[i];
    return answer ? [{ request, answer }] : [];
  });
  if (logDir) await writeLog(join(logDir, `r4-${target.api.replace(/\W+/g, '-')}.jsonl`), sent);
  return { plan, tally: judge(sent, (operation) => documented.get(operation) ?? []), seconds };
}

/** FUZZ_LOG_DIR: every request and its answer as JSON lines, to read what a run tried. */
async function writeLog(path: string, sent: { request: FuzzRequest; answer: FuzzAnswer }[]) {
  const lines = sent.map(({ request, answer }) =>
    JSON.stringify({
      kind: request.kind,
      what: request.what,
      request: `${request.method} ${request.path.slice(0, 500)}`,
      headers: request.headers,
      body: request.body?.subarray(0, 300).toString('utf8'),
      status: answer.status,
      answer: answer.body.slice(0, 300),
    }),
  );
  await writeFile(path, `${lines.join('\n')}\n`);
}
