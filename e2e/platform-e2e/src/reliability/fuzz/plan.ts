import fc from 'fast-check';
import { badRequests } from './bad-requests';
import { malformedBodies } from './bad-bodies';
import { edgeString } from './edge-values';
import { edgeParamRequests, type FuzzRequest, type KnownValues } from './fuzz-request';
import type { Operation } from './openapi';

export interface FuzzPlan {
  seed: number;
  operations: number;
  /** Requests that break the document: each must be refused with a 4xx. */
  bad: FuzzRequest[];
  /** Odd requests the document allows (GET with a traversal id...): 2xx or 4xx, never 5xx. */
  edge: FuzzRequest[];
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * The requests for one API, drawn from its document with a fixed seed: `bad` requests spread
 * over every operation that can be broken (plus methods and paths the document does not have),
 * `edge` ones over the operations without a body (a body the document allows could create
 * something: only broken bodies are sent).
 */
export function planRequests(
  operations: Operation[],
  known: KnownValues,
  counts: { seed: number; bad: number; edge: number },
): FuzzPlan {
  // An operation is drawn as often as it has ways to break (weights summed), so a body with ten
  // fields gets more requests than a GET whose only break is its path.
  const perOperation = operations
    .map((op) => badRequests(op, known))
    .filter((list) => list.length > 0)
    .map((list) => ({
      weight: list.reduce((sum, b) => sum + b.weight, 0),
      arbitrary: fc.oneof(...list),
    }));
  const undocumented = undocumentedMethod(operations);
  const apiWide = [...(undocumented ? [undocumented] : []), unknownPath()].map((arbitrary) => ({
    weight: 2,
    arbitrary,
  }));
  const bad = fc.oneof(...perOperation, ...apiWide);
  // Known ids only where nothing changes: a DELETE of the one agent that exists is not odd input.
  const edges = operations
    .filter((op) => !op.body)
    .flatMap((op) => edgeParamRequests(op, ['GET', 'HEAD'].includes(op.method) ? known : {}));
  return {
    seed: counts.seed,
    operations: operations.length,
    bad: fc.sample(bad, { seed: counts.seed, numRuns: counts.bad }),
    edge: edges.length
      ? fc.sample(fc.oneof(...edges), { seed: counts.seed + 1, numRuns: counts.edge })
      : [],
  };
}

/** A documented path with a method the document does not list for it (404 or 405). */
function undocumentedMethod(operations: Operation[]): fc.Arbitrary<FuzzRequest> | undefined {
  const byPath = new Map<string, string[]>();
  for (const op of operations) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op.method]);
  const pairs = [...byPath].flatMap(([path, methods]) =>
    METHODS.filter((m) => !methods.includes(m)).map((method) => ({ path, method })),
  );
  if (pairs.length === 0) return undefined;
  return fc
    .tuple(fc.constantFrom(...pairs), fc.option(malformedBodies(), { nil: undefined }))
    .map(([{ path, method }, body]): FuzzRequest => ({
      kind: 'bad',
      operation: '(undocumented)',
      what: `${method} on ${path}, which the document does not list`,
      method,
      path: path.replace(/\{[^}]+\}/g, 'fuzz'),
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body?.data,
    }));
}

/** A path under no documented prefix, with odd segments. */
function unknownPath(): fc.Arbitrary<FuzzRequest> {
  const segment = edgeString({})
    .filter((v) => v.length > 0)
    .map(encodeURIComponent);
  return fc
    .tuple(fc.constantFrom(...METHODS), fc.array(segment, { minLength: 0, maxLength: 3 }))
    .map(([method, segments]): FuzzRequest => ({
      kind: 'bad',
      operation: '(undocumented)',
      what: 'a path the document does not have',
      method,
      path: `/zz-fuzz-unknown/${segments.join('/')}`,
      headers: {},
    }));
}
