/** The part of JSON Schema (as our OpenAPI 3.0 documents write it) the fuzzer reads. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

/** One documented operation, its schemas dereferenced. */
export interface Operation {
  method: string;
  /** The path template, e.g. `/runtime/{runtime_id}`. */
  path: string;
  parameters: Parameter[];
  body?: { required: boolean; contentTypes: string[]; schema: JsonSchema };
  /** Documented status codes. */
  responses: string[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface RawOperation {
  parameters?: { name: string; in: Parameter['in']; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, unknown>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];
// Deeper than any request body we serve; stops a self-referencing schema from looping.
const MAX_DEPTH = 12;

/** Every operation of `document`, with `$ref`s resolved. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const resolve = (schema: JsonSchema | undefined) => deref(document, schema ?? {}, 0);
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, raw]) => {
        const [contentTypes, schema] = bodyOf(raw);
        return {
          method: method.toUpperCase(),
          path,
          parameters: (raw.parameters ?? []).map((p) => ({
            name: p.name,
            in: p.in,
            required: p.required ?? false,
            schema: resolve(p.schema),
          })),
          body: contentTypes.length
            ? {
                required: raw.requestBody?.required ?? false,
                contentTypes,
                schema: resolve(schema),
              }
            : undefined,
          responses: Object.keys(raw.responses ?? {}),
        };
      }),
  );
}

function bodyOf(raw: RawOperation): [string[], JsonSchema | undefined] {
  const content = raw.requestBody?.content ?? {};
  const types = Object.keys(content);
  const json = content['application/json'] ?? Object.values(content)[0];
  return [types, json?.schema];
}

function deref(document: OpenApiDocument, schema: JsonSchema, depth: number): JsonSchema {
  if (depth > MAX_DEPTH) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return deref(document, document.components?.schemas?.[name] ?? {}, depth + 1);
  }
  const next = (inner: JsonSchema) => deref(document, inner, depth + 1);
  const out: JsonSchema = { ...schema };
  if (schema.items) out.items = next(schema.items);
  if (schema.properties)
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, inner]) => [key, next(inner)]),
    );
  if (typeof schema.additionalProperties === 'object')
    out.additionalProperties = next(schema.additionalProperties);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = schema[key];
    if (list) out[key] = list.map(next);
  }
  return out;
}

/** Fetches a booted app's document (`headers` for the apps that guard it, e.g. the admin port). */
export async function fetchDocument(
  baseUrl: string,
  headers: Record<string, string> = {},
): Promise<OpenApiDocument> {
  const response = await fetch(`${baseUrl}/openapi.json`, { headers });
  if (!response.ok) throw new Error(`${baseUrl}/openapi.json answered ${response.status}`);
  return (await response.json()) as OpenApiDocument;
}
