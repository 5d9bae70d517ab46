import fc from 'fast-check';
import type { JsonSchema } from './openapi';
import { mainType, stringOk } from './schema-checks';
import { lowerBound, upperBound } from './valid-values';

/** Odd strings a plain `type: string` allows: the inputs a careless handler trips on. */
const ODD = [
  '',
  ' ',
  '..',
  '../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e',
  '/etc/passwd',
  '\u0000',
  'a\u0000b',
  'ä€😀',
  '\u202e\u200b',
  'a\r\nX-Injected: 1',
  '<script>alert(1)</script>',
  "' OR '1'='1",
  '${jndi:ldap://127.0.0.1/x}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  '-1',
  'NaN',
  'null',
  'x'.repeat(4_000),
];

/**
 * An odd string the schema still accepts: one of ODD, or random unicode within its lengths (a
 * random match of its pattern, when it has one: filtering random text would never end).
 */
export function edgeString(schema: JsonSchema): fc.Arbitrary<string> {
  const allowed = ODD.filter((value) => stringOk(schema, value));
  const minLength = schema.minLength ?? 0;
  const random = schema.pattern
    ? fc.stringMatching(new RegExp(schema.pattern)).filter((value) => stringOk(schema, value))
    : fc.string({ unit: 'binary', minLength, maxLength: Math.min(schema.maxLength ?? 300, 300) });
  return allowed.length ? fc.oneof(fc.constantFrom(...allowed), random) : random;
}

/** An edge value for a query or header parameter, as the text it is sent as. */
export function edgeParam(schema: JsonSchema): fc.Arbitrary<string> {
  switch (mainType(schema)) {
    case 'integer':
    case 'number': {
      const bounds = [lowerBound(schema), upperBound(schema)].filter(
        (value): value is number => value !== undefined,
      );
      return fc.constantFrom(...bounds.map(String), '0').filter((text) => numberOk(schema, text));
    }
    case 'boolean':
      return fc.constantFrom('true', 'false');
    default:
      return schema.enum ? fc.constantFrom(...schema.enum.map(String)) : edgeString(schema);
  }
}

function numberOk(schema: JsonSchema, text: string): boolean {
  const value = Number(text);
  const low = lowerBound(schema);
  const high = upperBound(schema);
  const exclusiveLow = schema.exclusiveMinimum !== undefined && schema.exclusiveMinimum !== false;
  const exclusiveHigh = schema.exclusiveMaximum !== undefined && schema.exclusiveMaximum !== false;
  if (low !== undefined && (exclusiveLow ? value <= low : value < low)) return false;
  return high === undefined || (exclusiveHigh ? value < high : value <= high);
}

/** Header values must be bytes HTTP allows (tab, visible ASCII, latin-1); the client refuses others. */
export function headerSafe(value: string): boolean {
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(value);
}
