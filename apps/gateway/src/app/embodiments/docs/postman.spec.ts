import { z } from 'zod';
import { gatewayDocument } from './docs.fixture';
import { POSTMAN_SCHEMA_URL, postmanCollectionOf } from './postman';
import { publicOpenApiDocument } from './public-document';

/**
 * The Postman Collection v2.1 schema (schema.getpostman.com, collection.json v2.1.0), the parts
 * a generated collection uses, strict so that a misspelt or misplaced field fails.
 */
const KeyValue = z.strictObject({
  key: z.string(),
  value: z.string(),
  description: z.string().optional(),
  disabled: z.boolean().optional(),
  type: z.literal('string').optional(),
});
const Url = z.strictObject({
  raw: z.string(),
  host: z.array(z.string()),
  path: z.array(z.string()),
  query: z.array(KeyValue).optional(),
  variable: z.array(KeyValue).optional(),
});
const Request = z.strictObject({
  method: z.enum(['GET', 'PUT', 'POST', 'PATCH', 'DELETE', 'COPY', 'HEAD', 'OPTIONS']),
  header: z.array(KeyValue),
  url: Url,
  body: z
    .strictObject({
      mode: z.enum(['raw', 'urlencoded', 'formdata', 'file', 'graphql']),
      raw: z.string(),
      options: z.strictObject({ raw: z.strictObject({ language: z.literal('json') }) }),
    })
    .optional(),
  description: z.string().optional(),
});
const Item = z.strictObject({ name: z.string(), request: Request, response: z.array(z.never()) });
const Folder = z.strictObject({ name: z.string(), item: z.array(Item) });
const CollectionV21 = z.strictObject({
  info: z.strictObject({
    name: z.string(),
    description: z.string().optional(),
    version: z.string().optional(),
    schema: z.literal('https://schema.getpostman.com/json/collection/v2.1.0/collection.json'),
  }),
  item: z.array(Folder),
  auth: z.strictObject({ type: z.literal('apikey'), apikey: z.array(KeyValue) }),
  variable: z.array(KeyValue),
});

describe('postmanCollectionOf', () => {
  const collection = postmanCollectionOf(
    publicOpenApiDocument(gatewayDocument()),
    'https://gw.example.com',
  );
  const requests = collection.item.flatMap((folder) => folder.item);
  const named = (name: string) => requests.find((item) => item.name === name)?.request;

  it('is a valid Postman v2.1 collection, one folder per tag in document order', () => {
    expect(CollectionV21.parse(collection)).toEqual(collection);
    expect(collection.info.schema).toBe(POSTMAN_SCHEMA_URL);
    expect(collection.item.map((folder) => folder.name)).toEqual([
      'agent-runner',
      'embodiment: openai',
      'debugger',
    ]);
  });

  it('addresses requests through {{baseUrl}}, with path variables and optional query params', () => {
    expect(named('One run')?.url).toEqual({
      raw: '{{baseUrl}}/api/runs/:runId',
      host: ['{{baseUrl}}'],
      path: ['api', 'runs', ':runId'],
      variable: [{ key: 'runId', value: '' }],
    });
    expect(named("The caller's runs")?.url.raw).toBe('{{baseUrl}}/api/runs?offset=&limit=');
    expect(named("The caller's runs")?.url.query).toEqual([
      { key: 'offset', value: '', disabled: true },
      { key: 'limit', value: '', disabled: true },
    ]);
    expect(collection.variable).toEqual([
      { key: 'baseUrl', value: 'https://gw.example.com', type: 'string' },
      { key: 'apiKey', value: '', type: 'string' },
    ]);
  });

  it('sends the API key as X-API-Key and an example JSON body from the schema', () => {
    expect(collection.auth.apikey).toContainEqual({
      key: 'key',
      value: 'X-API-Key',
      type: 'string',
    });
    const run = named('Run the agent named by X-AGENT-ID');
    expect(run?.header).toEqual([
      { key: 'X-AGENT-ID', value: '', disabled: true },
      { key: 'Content-Type', value: 'application/json' },
    ]);
    expect(JSON.parse(run?.body?.raw ?? '')).toEqual({
      input: '',
      mode: 'sync',
      timeout_seconds: 300,
    });
  });
});
