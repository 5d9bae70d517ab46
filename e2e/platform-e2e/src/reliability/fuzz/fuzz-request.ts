import fc from 'fast-check';
import type { Operation, Parameter } from './openapi';
import { edgeParam, edgeString, headerSafe } from './edge-values';
import { validValue } from './valid-values';

/**
 * One generated request. `kind` says how the generator meant it: `bad` breaks the document (a
 * 4xx is the only right answer), `edge` is odd but allowed by it (a documented 2xx is fine too).
 */
export interface FuzzRequest {
  kind: 'bad' | 'edge';
  /** `POST /start`, or `(undocumented)`. */
  operation: string;
  /** What was wrong or odd, for the report. */
  what: string;
  method: string;
  /** Raw path and query, sent as is (no client normalisation of `..` or `%`). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Per API: values that exist (an agent id for X-AGENT-ID), so requests get past the lookup. */
export type KnownValues = Record<string, string>;

export interface RequestParts {
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
}

export const describeOp = (op: Operation) => `${op.method} ${op.path}`;

/** One way to break a request, with how often to draw it. */
export type Break = fc.WeightedArbitrary<FuzzRequest>;
// Schema breaks carry the most variety; a few MB bodies and broken escapes need fewer draws.
export const OFTEN = 4;
export const SOMETIMES = 1;

/** A request meant to be refused. */
export function badRequest(
  op: Operation,
  parts: RequestParts,
  what: string,
  body?: { type?: string; data?: Buffer },
): FuzzRequest {
  const headers = { ...parts.headers, ...(body?.type ? { 'content-type': body.type } : {}) };
  const path = urlOf(parts);
  return {
    kind: 'bad',
    operation: describeOp(op),
    what,
    method: op.method,
    path,
    headers,
    body: body?.data,
  };
}

/** A benign value for a parameter (URL-encoded in a path): a known one, else a valid word. */
function paramValue(param: Parameter, known: KnownValues): fc.Arbitrary<string> {
  const value = known[param.name];
  const text =
    value !== undefined
      ? fc.constant(value)
      : validValue(param.schema).map((v) => (Array.isArray(v) ? v.join(',') : String(v)));
  return param.in === 'path' ? text.map(encodeURIComponent) : text;
}

/**
 * The parts of a request to `op` with every parameter valid; `override` replaces one
 * parameter's arbitrary (the one being fuzzed), `undefined` from it leaves the parameter out.
 */
export function validParts(
  op: Operation,
  known: KnownValues,
  override?: { name: string; value: fc.Arbitrary<string | undefined> },
): fc.Arbitrary<RequestParts> {
  const usable = op.parameters.filter((p) => p.in !== 'cookie' && !p.name.includes(' '));
  const values = usable.map((p) => {
    if (override?.name === p.name) return override.value;
    const value = paramValue(p, known);
    // Optional parameters stay out: a made-up cursor (`page_id`) would be the only thing refused.
    return p.required || known[p.name] !== undefined ? value : fc.constant(undefined);
  });
  return fc.tuple(fc.constant(null), ...values).map(([, ...chosen]) => {
    const parts: RequestParts = { path: op.path, query: [], headers: {} };
    usable.forEach((param, index) => place(parts, param, chosen[index]));
    // Wildcard templates (`/api/{path}`) and any parameter the document left undeclared.
    parts.path = parts.path.replace(/\{[^}]+\}/g, 'fuzz');
    return parts;
  });
}

function place(parts: RequestParts, param: Parameter, value: string | undefined): void {
  if (value === undefined) return;
  if (param.in === 'path') parts.path = parts.path.replace(`{${param.name}}`, value);
  else if (param.in === 'query') parts.query.push([param.name, value]);
  else if (headerSafe(value)) parts.headers[param.name] = value;
}

export function urlOf(parts: RequestParts): string {
  const query = parts.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return query.length ? `${parts.path}?${query.join('&')}` : parts.path;
}

/** Edge cases for one parameter of `op`: odd values its schema still allows. */
export function edgeParamRequests(op: Operation, known: KnownValues): fc.Arbitrary<FuzzRequest>[] {
  const plain = validParts(op, known).map((parts) => edgeRequest(op, parts, 'plain request'));
  const params = op.parameters.filter((p) => p.in !== 'cookie');
  return [
    plain,
    ...params.map((param) => {
      // `X-DEBUG-RUN | X-DEBUG-READ | ...`: one header of a documented set, any one of them.
      const name = fc.constantFrom(...param.name.split(' | '));
      const value =
        param.in === 'path'
          ? edgeString(param.schema)
              .filter((v) => v.length > 0)
              .map(encodeURIComponent)
          : edgeParam(param.schema).filter((v) => param.in !== 'header' || headerSafe(v));
      return fc
        .tuple(name, value)
        .chain(([chosen, text]) =>
          validParts(op, known, { name: param.name, value: fc.constant(text) }).map((parts) =>
            param.name.includes(' | ')
              ? edgeRequest(
                  op,
                  { ...parts, headers: { ...parts.headers, [chosen]: text } },
                  `header ${chosen}: odd but allowed`,
                )
              : edgeRequest(op, parts, `${param.in} ${param.name}: odd but allowed`),
          ),
        );
    }),
  ];
}

function edgeRequest(op: Operation, parts: RequestParts, what: string): FuzzRequest {
  return {
    kind: 'edge',
    operation: describeOp(op),
    what,
    method: op.method,
    path: urlOf(parts),
    headers: parts.headers,
  };
}
