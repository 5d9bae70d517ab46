import type { OpenAPIObject, OperationObject, ParameterObject } from '@nestjs/swagger';
import { type Operation, operationsOf } from './operations';
import { sampleOf } from './schema-sample';

export const POSTMAN_SCHEMA_URL =
  'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/** The parts of a Postman Collection v2.1 this converter writes. */
export interface PostmanKeyValue {
  key: string;
  value: string;
  description?: string;
  disabled?: boolean;
  type?: 'string';
}
export interface PostmanRequest {
  method: string;
  header: PostmanKeyValue[];
  url: {
    raw: string;
    host: string[];
    path: string[];
    query?: PostmanKeyValue[];
    variable?: PostmanKeyValue[];
  };
  body?: { mode: 'raw'; raw: string; options: { raw: { language: 'json' } } };
  description?: string;
}
export interface PostmanRequestItem {
  name: string;
  request: PostmanRequest;
  response: [];
}
export interface PostmanFolder {
  name: string;
  item: PostmanRequestItem[];
}
export interface PostmanCollection {
  info: { name: string; description?: string; version?: string; schema: string };
  item: PostmanFolder[];
  auth: { type: 'apikey'; apikey: PostmanKeyValue[] };
  variable: PostmanKeyValue[];
}

/**
 * A Postman v2.1 collection of the document: one folder per tag, one request per operation, the
 * base URL and API key as collection variables (`{{baseUrl}}`, `{{apiKey}}`), sent as X-API-Key.
 */
export function postmanCollectionOf(document: OpenAPIObject, baseUrl: string): PostmanCollection {
  const folders = new Map<string, PostmanRequestItem[]>();
  for (const operation of operationsOf(document)) {
    const tag = operation.operation.tags?.[0] ?? 'other';
    folders.set(tag, [...(folders.get(tag) ?? []), requestItemOf(operation, document)]);
  }
  return {
    info: {
      name: document.info.title,
      description: document.info.description,
      version: document.info.version,
      schema: POSTMAN_SCHEMA_URL,
    },
    item: [...folders].map(([name, item]) => ({ name, item })),
    auth: {
      type: 'apikey',
      apikey: [
        { key: 'key', value: 'X-API-Key', type: 'string' },
        { key: 'value', value: '{{apiKey}}', type: 'string' },
        { key: 'in', value: 'header', type: 'string' },
      ],
    },
    variable: [
      { key: 'baseUrl', value: baseUrl, type: 'string' },
      { key: 'apiKey', value: '', type: 'string' },
    ],
  };
}

function requestItemOf({ path, method, operation }: Operation, document: OpenAPIObject) {
  const parameters = parametersOf(operation);
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((segment) => segment.replace(/^\{(.+)\}$/, ':$1'));
  const query = parameters.filter((p) => p.in === 'query').map((p) => keyValue(p, !p.required));
  const variable = parameters.filter((p) => p.in === 'path').map((p) => keyValue(p, false));
  const queryString = query.length ? `?${query.map((q) => `${q.key}=`).join('&')}` : '';
  const body = jsonBodyOf(operation, document);
  const header = [
    ...parameters.filter((p) => p.in === 'header').map((p) => keyValue(p, !p.required)),
    ...(body === undefined ? [] : [{ key: 'Content-Type', value: 'application/json' }]),
  ];
  const request: PostmanRequest = {
    method: method.toUpperCase(),
    header,
    url: {
      raw: `{{baseUrl}}/${segments.join('/')}${queryString}`,
      host: ['{{baseUrl}}'],
      path: segments,
      ...(query.length ? { query } : {}),
      ...(variable.length ? { variable } : {}),
    },
    ...(body === undefined
      ? {}
      : { body: { mode: 'raw', raw: body, options: { raw: { language: 'json' } } } }),
    ...(operation.description ? { description: operation.description } : {}),
  };
  return {
    name: operation.summary ?? `${method.toUpperCase()} ${path}`,
    request,
    response: [] as [],
  };
}

/** Parameters given inline (our documents use no parameter references). */
function parametersOf(operation: OperationObject): ParameterObject[] {
  return (operation.parameters ?? []).filter((p): p is ParameterObject => 'in' in p);
}

function keyValue(parameter: ParameterObject, disabled: boolean): PostmanKeyValue {
  return {
    key: parameter.name,
    value: '',
    ...(parameter.description ? { description: parameter.description } : {}),
    ...(disabled ? { disabled: true } : {}),
  };
}

function jsonBodyOf(operation: OperationObject, document: OpenAPIObject): string | undefined {
  const body = operation.requestBody;
  if (!body || '$ref' in body) return undefined;
  const json = body.content['application/json'];
  if (!json) return undefined;
  return JSON.stringify(sampleOf(json.schema, document) ?? {}, null, 2);
}
