import { z } from 'zod';

/**
 * Python clients serialise unset optional fields as `null` (pydantic `model_dump`), so request
 * fields they may leave unset accept `null` and parse it as "absent": handlers then only ever see
 * `undefined`.
 */
export function nullAsMissing<T extends z.ZodType>(schema: T) {
  return schema
    .nullish()
    .transform((value) => value ?? undefined)
    .optional();
}

/**
 * Like {@link nullAsMissing}, but an absent or `null` field takes a copy of `fallback` (a copy,
 * so a handler that changes its request cannot change the next request's default).
 */
export function nullishDefault<T extends z.ZodType>(schema: T, fallback: z.output<T>) {
  return schema.nullish().transform((value): z.output<T> => value ?? structuredClone(fallback));
}

function splitCommaSeparated(value: unknown): unknown {
  if (typeof value !== 'string' && !Array.isArray(value)) return value;
  const items: unknown[] = Array.isArray(value) ? value : [value];
  return items.flatMap((item) =>
    typeof item === 'string'
      ? item
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part.length > 0)
      : [item],
  );
}

/**
 * A list that clients send either repeated (`?ids=a&ids=b`, Express gives an array) or
 * comma-separated (`?ids=a,b`), or a mix. `arraySchema` states the item type and bounds, e.g.
 * `commaSeparatedList(z.array(z.string()).min(1))`.
 */
export function commaSeparatedList<T extends z.ZodType>(arraySchema: T) {
  return z.preprocess(splitCommaSeparated, arraySchema);
}

const QUERY_BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
};

/**
 * A boolean query parameter. Query strings carry text, and `z.coerce.boolean()` would read
 * `"false"` as true, so only `true`/`false`/`1`/`0` (any case) are accepted.
 */
export function queryBoolean() {
  return z.preprocess(
    (value) => (typeof value === 'string' ? (QUERY_BOOLEANS[value.toLowerCase()] ?? value) : value),
    z.boolean({ error: 'expected true, false, 1 or 0' }),
  );
}

/**
 * An ISO 8601 timestamp as OpenHands peers write it: `Z`, a `+00:00` offset, or none at all
 * (the SDK stamps events with naive `datetime.now().isoformat()`).
 */
export function isoTimestamp() {
  return z.iso.datetime({ offset: true, local: true });
}
