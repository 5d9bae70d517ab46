import fc from 'fast-check';
import { badValue, type Mutation } from './bad-values';
import {
  deepBody,
  malformedBodies,
  malformedMultipart,
  oversizedBody,
  wrongContentTypes,
} from './bad-bodies';
import { parameterBreaks } from './bad-params';
import {
  badRequest,
  type Break,
  type KnownValues,
  OFTEN,
  type RequestParts,
  SOMETIMES,
  validParts,
} from './fuzz-request';
import type { Operation } from './openapi';
import { mainType } from './schema-checks';
import { validValue } from './valid-values';

const JSON_TYPE = 'application/json';
const MULTIPART = 'multipart/form-data';

/** Every way the generator knows to break a request to `op`, weighted. */
export function badRequests(op: Operation, known: KnownValues): Break[] {
  return [...bodyBreaks(op, known), ...parameterBreaks(op, known)];
}

function bodyBreaks(op: Operation, known: KnownValues): Break[] {
  if (!op.body) return [];
  const { schema, contentTypes } = op.body;
  const parts = validParts(op, known);
  const takesJson = contentTypes.includes(JSON_TYPE);
  const out: Break[] = [];
  const bad = takesJson ? badValue(schema, 'body') : undefined;
  const json = (m: Mutation) => ({ type: JSON_TYPE, data: Buffer.from(JSON.stringify(m.value)) });
  if (bad)
    out.push({
      weight: OFTEN * 2,
      arbitrary: fc.tuple(parts, bad).map(([p, m]) => badRequest(op, p, m.what, json(m))),
    });
  if (takesJson) {
    const broken = fc.tuple(parts, malformedBodies());
    out.push({
      weight: OFTEN,
      arbitrary: broken.map(([p, b]) =>
        badRequest(op, p, b.what, { type: JSON_TYPE, data: b.data }),
      ),
    });
  }
  if (contentTypes.includes(MULTIPART)) {
    const broken = fc.tuple(parts, malformedMultipart());
    out.push({ weight: OFTEN, arbitrary: broken.map(([p, b]) => badRequest(op, p, b.what, b)) });
  }
  // Without a required field, an empty or unreadable body could be a valid `{}`.
  if ((schema.required ?? []).length > 0 || mainType(schema) !== 'object')
    out.push(...fieldlessBodies(op, parts));
  return out;
}

/** Bodies the app cannot read fields from: wrong content type, none at all, or megabytes of padding. */
function fieldlessBodies(op: Operation, parts: fc.Arbitrary<RequestParts>): Break[] {
  const accepted = op.body?.contentTypes ?? [];
  const valid = validValue(op.body?.schema ?? {}).map((value) =>
    Buffer.from(JSON.stringify(value)),
  );
  const wrongType = fc.tuple(parts, valid, wrongContentTypes(accepted));
  const type = accepted.includes(JSON_TYPE) ? JSON_TYPE : accepted[0];
  return [
    {
      weight: OFTEN,
      arbitrary: wrongType.map(([p, data, t]) =>
        badRequest(op, p, `body sent as ${t ?? 'no content type'}`, { type: t, data }),
      ),
    },
    {
      weight: OFTEN,
      arbitrary: parts.map((p) => badRequest(op, p, 'required body missing', { type })),
    },
    {
      weight: SOMETIMES,
      arbitrary: fc.tuple(parts, deepBody()).map(([p, data]) =>
        badRequest(op, p, 'JSON nested thousands deep, missing required fields', {
          type: JSON_TYPE,
          data,
        }),
      ),
    },
    {
      weight: SOMETIMES,
      arbitrary: fc.tuple(parts, oversizedBody()).map(([p, data]) =>
        badRequest(op, p, `oversized body (${data.length} bytes) missing required fields`, {
          type: JSON_TYPE,
          data,
        }),
      ),
    },
  ];
}
