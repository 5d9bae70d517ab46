import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';

type Schema = SchemaObject | ReferenceObject;

/** Deep enough for our request bodies; guards against recursive schemas. */
const MAX_DEPTH = 6;

/**
 * An example value for a schema, for a request body someone will edit (a Postman collection):
 * the schema's own example or default when it has one, else a placeholder of the right type.
 */
export function sampleOf(schema: Schema | undefined, document: OpenAPIObject, depth = 0): unknown {
  if (!schema || depth > MAX_DEPTH) return undefined;
  const resolved = resolve(schema, document);
  if (!resolved) return undefined;
  if (resolved.example !== undefined) return resolved.example;
  if (resolved.default !== undefined) return resolved.default;
  if (resolved.enum?.length) return resolved.enum[0];
  const variant = resolved.oneOf?.[0] ?? resolved.anyOf?.[0] ?? resolved.allOf?.[0];
  if (variant) return sampleOf(variant, document, depth + 1);
  return sampleOfType(resolved, document, depth);
}

function sampleOfType(schema: SchemaObject, document: OpenAPIObject, depth: number): unknown {
  const declared: unknown = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const type = typeof declared === 'string' ? declared : schema.properties ? 'object' : 'unknown';
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([name]) => schema.required?.includes(name) ?? false)
          .map(([name, property]) => [name, sampleOf(property, document, depth + 1)]),
      );
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    case 'string':
      return '';
    default:
      return undefined;
  }
}

/** A local `#/components/schemas/<name>` reference, followed; anything else as it is. */
export function resolve(schema: Schema, document: OpenAPIObject): SchemaObject | undefined {
  if (!('$ref' in schema)) return schema;
  const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1];
  const target = name === undefined ? undefined : document.components?.schemas?.[name];
  return target && !('$ref' in target) ? target : undefined;
}
