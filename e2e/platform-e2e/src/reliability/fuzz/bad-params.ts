import fc from 'fast-check';
import { badValue } from './bad-values';
import {
  badRequest,
  type Break,
  type KnownValues,
  OFTEN,
  SOMETIMES,
  validParts,
} from './fuzz-request';
import type { Operation, Parameter } from './openapi';
import { mainType } from './schema-checks';

/** Broken path escapes, and query parameters invalid or missing. */
export function parameterBreaks(op: Operation, known: KnownValues): Break[] {
  const breaks: Break[] = [];
  const paths = op.parameters.filter((p) => p.in === 'path');
  if (paths.length) {
    // A broken percent-escape in one path segment: a URL no router can decode.
    const escape = fc.constantFrom('%', '%ZZ', '%E0%A4%A', 'a%2', '%C0%AF', '%FF%FE');
    const broken = fc
      .constantFrom(...paths)
      .chain((param) =>
        validParts(op, known, { name: param.name, value: escape }).map((p) =>
          badRequest(op, p, `path ${param.name}: broken percent-escape`),
        ),
      );
    breaks.push({ weight: SOMETIMES, arbitrary: broken });
  }
  for (const param of op.parameters.filter((p) => p.in === 'query')) {
    const texts = badQueryTexts(param);
    if (texts.length) {
      const value = fc.constantFrom(...texts);
      const arbitrary = validParts(op, known, { name: param.name, value }).map((p) =>
        badRequest(op, p, `query ${param.name}: invalid`),
      );
      breaks.push({ weight: OFTEN, arbitrary });
    }
    if (param.required) {
      const arbitrary = validParts(op, known, {
        name: param.name,
        value: fc.constant(undefined),
      }).map((p) => badRequest(op, p, `query ${param.name}: required, missing`));
      breaks.push({ weight: OFTEN, arbitrary });
    }
  }
  return breaks;
}

/** Texts a query parameter refuses. */
function badQueryTexts(param: Parameter): string[] {
  const schema = param.schema;
  switch (mainType(schema)) {
    case 'integer':
    case 'number':
      return numberTexts(param);
    case 'boolean':
      return ['maybe', '2', 'TRUE!', 'yes please'];
    case 'array':
      return (schema.items?.minLength ?? 0) > 0 ? [''] : [];
    default: {
      const bad = badValue(schema, '');
      if (!bad) return [];
      const values = fc.sample(bad, { numRuns: 20, seed: 1 }).map((m) => m.value);
      return [...new Set(values.filter((value): value is string => typeof value === 'string'))];
    }
  }
}

function numberTexts(param: Parameter): string[] {
  const schema = param.schema;
  const texts = ['abc', '1e999', '--1', '1/2'];
  if (mainType(schema) === 'integer') texts.push('1.5');
  if (schema.minimum !== undefined) texts.push(String(schema.minimum - 1));
  if (schema.maximum !== undefined) texts.push(String(schema.maximum + 1));
  return texts;
}
