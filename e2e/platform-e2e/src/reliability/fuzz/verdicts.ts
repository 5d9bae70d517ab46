import { ErrorBodySchema } from '@agentrt/contracts';
import type { FuzzRequest } from './fuzz-request';
import type { FuzzAnswer } from './send';

/** A request whose answer broke R4, with why. */
export interface Finding {
  problem: string;
  request: FuzzRequest;
  answer: FuzzAnswer;
}

export interface Tally {
  bad: { sent: number; refused: number };
  /** `upstream`: a documented 502/503/504 with our body (a registry this machine cannot reach). */
  edge: { sent: number; documented2xx: number; refused: number; upstream: number };
  byStatus: Map<number, number>;
  findings: Finding[];
}

/**
 * Judges each answer: never a 5xx nor no answer; a bad request refused with a 4xx; an edge case
 * a 4xx or a 2xx its operation documents; every 4xx with our error body.
 */
export function judge(
  sent: { request: FuzzRequest; answer: FuzzAnswer }[],
  documented: (operation: string) => string[],
): Tally {
  const tally: Tally = {
    bad: { sent: 0, refused: 0 },
    edge: { sent: 0, documented2xx: 0, refused: 0, upstream: 0 },
    byStatus: new Map(),
    findings: [],
  };
  for (const { request, answer } of sent) {
    tally.byStatus.set(answer.status, (tally.byStatus.get(answer.status) ?? 0) + 1);
    tally[request.kind].sent += 1;
    const listed = documented(request.operation);
    if (upstreamFailure(request, answer, listed)) {
      tally.edge.upstream += 1;
      continue;
    }
    const problem = problemOf(request, answer, listed);
    if (problem) tally.findings.push({ problem, request, answer });
    else if (answer.status >= 400) tally[request.kind].refused += 1;
    else tally.edge.documented2xx += 1;
  }
  return tally;
}

/**
 * A valid request the app could not serve because something it depends on is out of reach (the
 * sandbox has no internet: `image_exists` of a Docker Hub image), answered as its operation
 * documents it. Only for edge cases: a broken request gets a 4xx before anything is asked.
 */
function upstreamFailure(request: FuzzRequest, answer: FuzzAnswer, documented: string[]): boolean {
  if (request.kind !== 'edge' || !documented.includes(String(answer.status))) return false;
  if (![502, 503, 504].includes(answer.status) || !ourErrorBody(request, answer)) return false;
  const code = (JSON.parse(answer.body) as { code?: string }).code;
  return code === 'bad_gateway' || code === 'service_unavailable' || code === 'gateway_timeout';
}

function problemOf(
  request: FuzzRequest,
  answer: FuzzAnswer,
  documented: string[],
): string | undefined {
  const { status } = answer;
  if (status === 0) return `no answer (${answer.error ?? 'connection closed'})`;
  if (status >= 500) return `${status}: a server error`;
  if (status >= 400)
    return ourErrorBody(request, answer) ? undefined : `${status} without our error body`;
  if (status < 200 || status >= 300) return `unexpected ${status}`;
  if (request.kind === 'bad') return `${status}: accepted a request its document refuses`;
  return documented.includes(String(status))
    ? undefined
    : `${status}: not a status the document lists`;
}

function ourErrorBody(request: FuzzRequest, answer: FuzzAnswer): boolean {
  if (request.method === 'HEAD') return true; // a HEAD answer has no body to check
  try {
    return ErrorBodySchema.safeParse(JSON.parse(answer.body)).success;
  } catch {
    return false;
  }
}

const n = (value: number) => value.toLocaleString('en-US');

/** The R4 lines: what was sent, what held, and the status codes seen. */
export function reportLines(
  api: string,
  run: {
    seed: number;
    operations: number;
    tally: Tally;
    alive: boolean;
    created: string[];
    seconds: number;
  },
): string {
  const { tally } = run;
  const total = tally.bad.sent + tally.edge.sent;
  const errors5xx = [...tally.byStatus]
    .filter(([s]) => s >= 500)
    .reduce((sum, [, c]) => sum + c, 0);
  const statuses = [...tally.byStatus]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status || 'no answer'}: ${n(count)}`)
    .join(', ');
  return [
    `[R4] ${api}: ${n(total)} requests over ${run.operations} operations (seed ${run.seed}) in ${run.seconds.toFixed(1)} s: ` +
      `${n(tally.bad.sent)} bad, ${n(tally.bad.refused)} of them refused with a 4xx and our error body; ` +
      `${n(tally.edge.sent)} edge cases the document allows (${n(tally.edge.documented2xx)} valid 2xx, ${n(tally.edge.refused)} 4xx with our error body` +
      `${tally.edge.upstream ? `, ${n(tally.edge.upstream)} documented 5xx from an unreachable upstream` : ''}); ` +
      `${n(errors5xx)} 5xx${tally.edge.upstream ? ` (${n(tally.edge.upstream)} of them those upstream ones)` : ''}, ${n(tally.findings.length)} findings; ` +
      `${run.alive ? 'process alive' : 'PROCESS DOWN'}; ${run.created.length ? `CREATED: ${run.created.join(', ')}` : 'nothing created'}`,
    `[R4] ${api} statuses: ${statuses}`,
  ].join('\n');
}

/** The first findings, each with what reproduces it. */
export function describeFindings(findings: Finding[], limit = 15): string {
  return findings
    .slice(0, limit)
    .map(({ problem, request, answer }) => {
      const body = request.body
        ? ` body(${request.body.length} B)=${JSON.stringify(request.body.subarray(0, 200).toString('utf8'))}`
        : '';
      return `- ${problem}: ${request.method} ${request.path.slice(0, 300)} [${request.what}] headers=${JSON.stringify(request.headers)}${body} -> ${answer.body.slice(0, 300)}`;
    })
    .join('\n');
}
