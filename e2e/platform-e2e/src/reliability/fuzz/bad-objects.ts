import fc from 'fast-check';
import type { Mutation } from './bad-values';
import { ODD_STRINGS } from './odd-strings';
import type { JsonSchema } from './openapi';
import { propertiesOf, stringOk } from './schema-checks';
import { validObject } from './valid-values';

/** badValue, passed in: objects and values break each other recursively. */
type BadValue = (schema: JsonSchema, where: string) => fc.Arbitrary<Mutation> | undefined;

/**
 * Breaks of an object: each required property left out, each property given a value its
 * schema refuses (siblings valid), and properties where none or none of that kind are allowed.
 */
export function badObject(
  schema: JsonSchema,
  where: string,
  badValue: BadValue,
): (fc.Arbitrary<Mutation> | undefined)[] {
  const base = validObject(schema);
  const missing = propertiesOf(schema)
    .filter((p) => p.required)
    .map((p) =>
      base.map((object) => {
        const rest = Object.fromEntries(Object.entries(object).filter(([key]) => key !== p.key));
        return { value: rest, what: `${where}.${p.key}: required, missing` };
      }),
    );
  const wrongProperty = propertiesOf(schema).flatMap((p) => {
    const bad = badValue(p.schema, `${where}.${p.key}`);
    return bad
      ? [
          fc
            .tuple(base, bad)
            .map(([object, m]) => ({ ...m, value: { ...object, [p.key]: m.value } })),
        ]
      : [];
  });
  return [...missing, ...wrongProperty, ...extraProperties(schema, base, where, badValue)];
}

function extraProperties(
  schema: JsonSchema,
  base: fc.Arbitrary<Record<string, unknown>>,
  where: string,
  badValue: BadValue,
): (fc.Arbitrary<Mutation> | undefined)[] {
  const extra = schema.additionalProperties;
  if (extra === false)
    return [
      base.map((object) => ({
        value: { ...object, fuzz_extra: 1 },
        what: `${where}: extra property`,
      })),
    ];
  if (typeof extra !== 'object') return [];
  const badEntry = badValue(extra, `${where}.*`)?.chain((m) =>
    base.map((object) => ({ ...m, value: { ...object, fuzz_key: m.value } })),
  );
  const names = schema.propertyNames?.pattern
    ? ODD_STRINGS.filter((key) => !stringOk(schema.propertyNames ?? {}, key)).slice(0, 6)
    : [];
  const badName = names.length
    ? fc.tuple(base, fc.constantFrom(...names)).map(([object, key]) => ({
        value: { ...object, [key]: 'fuzz' },
        what: `${where}: property name breaks its pattern`,
      }))
    : undefined;
  return [badEntry, badName];
}
