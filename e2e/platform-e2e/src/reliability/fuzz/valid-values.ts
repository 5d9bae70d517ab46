import fc from 'fast-check';
import type { JsonSchema } from './openapi';
import { mainBranch, mainType, propertiesOf, stringOk } from './schema-checks';

/**
 * A valid, harmless value for `schema`: the siblings of a mutated field, so a bad request fails
 * on that one field. Strings are plain words (a request an app wrongly accepted must not run
 * anything surprising); patterns get a matching string.
 */
export function validValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  const branch = mainBranch(schema);
  const choices = branch.enum?.filter((value) => value !== null);
  if (choices?.length) return fc.constantFrom(...choices);
  switch (mainType(branch)) {
    case 'string':
      return validString(branch);
    case 'integer':
    case 'number':
      return validNumber(branch);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return validArray(branch);
    case 'object':
      return validObject(branch);
    case 'null':
      return fc.constant(null);
    default:
      return fc.constant('fuzz');
  }
}

// Plain words first; then the shapes our patterns ask for (cheaper than matching a pattern).
const WORDS = [
  'fuzz',
  'fuzz-value',
  'fuzz_1',
  'f',
  '1.0',
  '2024-01-01T00:00:00Z',
  '00000000-0000-4000-8000-000000000000',
  'Zm9v',
];

export function validString(schema: JsonSchema): fc.Arbitrary<string> {
  const plain = WORDS.find((word) => stringOk(schema, word));
  if (plain) return fc.constantFrom(...WORDS.filter((word) => stringOk(schema, word)));
  if (schema.format === 'uri') return fc.constant('http://127.0.0.1:9/fuzz');
  if (schema.pattern) {
    const min = schema.minLength ?? 0;
    const max = schema.maxLength ?? Infinity;
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((value) => value.length >= min && value.length <= max);
  }
  return fc.constant('f'.repeat(Math.max(1, schema.minLength ?? 1)));
}

/** Lower bound of the valid range (inclusive), as the schema states it. */
export function lowerBound(schema: JsonSchema): number | undefined {
  if (typeof schema.exclusiveMinimum === 'number') return schema.exclusiveMinimum;
  return schema.minimum;
}

export function upperBound(schema: JsonSchema): number | undefined {
  if (typeof schema.exclusiveMaximum === 'number') return schema.exclusiveMaximum;
  return schema.maximum;
}

function validNumber(schema: JsonSchema): fc.Arbitrary<number> {
  // Near the bottom of the range: a timeout or a size that takes effect stays small.
  const exclusiveLow =
    typeof schema.exclusiveMinimum === 'number' || schema.exclusiveMinimum === true;
  const low = Math.ceil((lowerBound(schema) ?? 0) + (exclusiveLow ? 1 : 0));
  const high = Math.min(upperBound(schema) ?? low + 10, low + 10);
  return fc.integer({ min: low, max: Math.max(low, high) });
}

function validArray(schema: JsonSchema): fc.Arbitrary<unknown[]> {
  const minLength = schema.minItems ?? 0;
  const maxLength = Math.min(schema.maxItems ?? minLength + 2, minLength + 2);
  return fc.array(validValue(schema.items ?? {}), { minLength, maxLength });
}

export function validObject(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const properties = propertiesOf(schema);
  if (properties.length === 0) return fc.constant({});
  const model = Object.fromEntries(properties.map((p) => [p.key, validValue(p.schema)]));
  return fc.record(model, {
    requiredKeys: properties.filter((p) => p.required).map((p) => p.key),
  });
}
