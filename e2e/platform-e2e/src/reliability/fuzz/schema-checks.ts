import type { JsonSchema } from './openapi';

/** The JSON types a schema accepts; empty means any value. */
export function typesOf(schema: JsonSchema): string[] {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const each = branches.map(typesOf);
    if (each.some((types) => types.length === 0)) return [];
    return withNull(schema, [...new Set(each.flat())]);
  }
  if (schema.allOf?.[0]) return withNull(schema, typesOf(schema.allOf[0]));
  if (schema.enum) return [...new Set(schema.enum.map(jsonTypeOf))];
  if (schema.type) return withNull(schema, [schema.type].flat());
  if (schema.properties) return withNull(schema, ['object']);
  if (schema.items) return withNull(schema, ['array']);
  return [];
}

function withNull(schema: JsonSchema, types: string[]): string[] {
  return schema.nullable ? [...types, 'null'] : types;
}

export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** True when `value`'s JSON type is one the schema accepts (constraints aside). */
export function typeAccepts(schema: JsonSchema, value: unknown): boolean {
  const types = typesOf(schema);
  const type = jsonTypeOf(value);
  return (
    types.length === 0 || types.includes(type) || (type === 'integer' && types.includes('number'))
  );
}

/** True when a string meets the schema's length and pattern (the checks our zod schemas make). */
export function stringOk(schema: JsonSchema, value: string): boolean {
  if (schema.enum) return schema.enum.includes(value);
  if (schema.minLength !== undefined && value.length < schema.minLength) return false;
  if (schema.maxLength !== undefined && value.length > schema.maxLength) return false;
  return schema.pattern === undefined || new RegExp(schema.pattern).test(value);
}

/** The object schema's properties, the required ones first. */
export function propertiesOf(
  schema: JsonSchema,
): { key: string; schema: JsonSchema; required: boolean }[] {
  const required = schema.required ?? [];
  return Object.entries(schema.properties ?? {}).map(([key, inner]) => ({
    key,
    schema: inner,
    required: required.includes(key),
  }));
}

/** The first branch of a union, the one valid values are drawn from. */
export function mainBranch(schema: JsonSchema): JsonSchema {
  return schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0] ?? schema;
}

/**
 * The main type a schema's valid values have: `null` only when nothing else is allowed, `any`
 * when the schema does not say.
 */
export function mainType(schema: JsonSchema): string {
  const types = typesOf(mainBranch(schema)).filter((type) => type !== 'null');
  return types[0] ?? (schema.nullable ? 'null' : 'any');
}
