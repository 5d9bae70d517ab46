import fc from 'fast-check';
import type { JsonSchema } from './openapi';
import { jsonTypeOf, mainBranch, mainType, stringOk, typeAccepts } from './schema-checks';
import { badObject } from './bad-objects';
import { ODD_STRINGS } from './odd-strings';
import { lowerBound, upperBound, validValue } from './valid-values';

/** A value the schema refuses, and what is wrong with it (for the report). */
export interface Mutation {
  value: unknown;
  what: string;
}

const WRONG_TYPES: unknown[] = [42, 1.5, -1, 'fuzz', '', true, null, [], ['fuzz'], {}, { a: 1 }];

/** Values `schema` refuses, or undefined when it accepts anything. */
export function badValue(schema: JsonSchema, where: string): fc.Arbitrary<Mutation> | undefined {
  const options = [wrongType(schema, where), ...constraintBreaks(schema, where)].filter(
    (option): option is fc.Arbitrary<Mutation> => option !== undefined,
  );
  return options.length ? fc.oneof(...options) : undefined;
}

function wrongType(schema: JsonSchema, where: string): fc.Arbitrary<Mutation> | undefined {
  const wrong = WRONG_TYPES.filter((value) => !typeAccepts(schema, value));
  if (wrong.length === 0) return undefined;
  return fc.constantFrom(...wrong).map((value) => ({
    value,
    what: `${where}: wrong type (${jsonTypeOf(value)})`,
  }));
}

/** Breaks of the constraints of the schema's own type; unions are only checked for type. */
function constraintBreaks(
  schema: JsonSchema,
  where: string,
): (fc.Arbitrary<Mutation> | undefined)[] {
  if (schema.anyOf || schema.oneOf) return [];
  const branch = mainBranch(schema);
  if (branch.enum) return [badEnum(branch, where)];
  switch (mainType(branch)) {
    case 'string':
      return [badString(branch, where)];
    case 'integer':
    case 'number':
      return [badNumber(branch, where)];
    case 'array':
      return badArray(branch, where);
    case 'object':
      return badObject(branch, where, badValue);
    default:
      return [];
  }
}

function constants(values: unknown[], what: string): fc.Arbitrary<Mutation> | undefined {
  return values.length ? fc.constantFrom(...values).map((value) => ({ value, what })) : undefined;
}

function badEnum(schema: JsonSchema, where: string): fc.Arbitrary<Mutation> | undefined {
  const first = schema.enum?.find((value) => typeof value === 'string');
  const candidates = [
    'not-an-enum-value',
    '',
    0,
    3,
    ...(typeof first === 'string' ? [first.toUpperCase(), ` ${first}`] : []),
  ];
  const refused = candidates.filter((value) => !schema.enum?.includes(value));
  return constants(refused, `${where}: not one of the enum`);
}

function badString(schema: JsonSchema, where: string): fc.Arbitrary<Mutation> | undefined {
  const lengths: string[] = [];
  if (schema.minLength) lengths.push('x'.repeat(schema.minLength - 1));
  if (schema.maxLength !== undefined) lengths.push('x'.repeat(schema.maxLength + 1));
  const odd = schema.pattern ? ODD_STRINGS.filter((value) => !stringOk(schema, value)) : [];
  const formats = schema.format === 'uri' ? ['not a uri', 'http//x'] : [];
  return constants(
    [...lengths, ...odd, ...formats],
    `${where}: breaks its length, pattern or format`,
  );
}

function badNumber(schema: JsonSchema, where: string): fc.Arbitrary<Mutation> | undefined {
  const low = lowerBound(schema);
  const high = upperBound(schema);
  const exclusiveLow = schema.exclusiveMinimum !== undefined && schema.exclusiveMinimum !== false;
  const values: number[] = [];
  if (low !== undefined) values.push(exclusiveLow ? low : low - 1, -1e300);
  if (high !== undefined) values.push(high + 1, 1e300);
  if (mainType(schema) === 'integer') values.push((low ?? 0) + 1.5);
  return constants(values, `${where}: out of range or not an integer`);
}

function badArray(schema: JsonSchema, where: string): (fc.Arbitrary<Mutation> | undefined)[] {
  const item = validValue(schema.items ?? {});
  const tooFew = schema.minItems
    ? fc.constant({ value: [], what: `${where}: too few items` })
    : undefined;
  const tooMany =
    schema.maxItems !== undefined && schema.maxItems < 10_000
      ? fc
          .array(item, { minLength: schema.maxItems + 1, maxLength: schema.maxItems + 1 })
          .map((value) => ({ value, what: `${where}: too many items` }))
      : undefined;
  const badItem = badValue(schema.items ?? {}, `${where}[]`)?.map((m) => ({
    ...m,
    value: [m.value],
  }));
  return [tooFew, tooMany, badItem];
}
