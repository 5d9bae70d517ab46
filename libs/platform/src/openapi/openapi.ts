import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { AGENTRT_VERSION } from '../version';

export interface OpenApiOptions {
  title: string;
  description: string;
  /** Security scheme the app's guarded routes use, if any. */
  apiKeyHeader?: string;
  /**
   * Rewrites the generated document before it is served, e.g. to show the public paths of
   * routes that a middleware re-addresses to internal ones. Must not mutate its argument.
   */
  transform?: (document: OpenAPIObject) => OpenAPIObject;
}

/** Builds the app's OpenAPI document from its controllers and their contracts DTOs. */
export function buildOpenApiDocument(
  app: INestApplication,
  options: OpenApiOptions,
): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion(AGENTRT_VERSION);
  if (options.apiKeyHeader) {
    builder.addApiKey({ type: 'apiKey', in: 'header', name: options.apiKeyHeader }, 'apiKey');
    builder.addSecurityRequirements('apiKey');
  }
  const document = cleanupOpenApiDoc(SwaggerModule.createDocument(app, builder.build()));
  return options.transform ? options.transform(document) : document;
}

/** The served document of each app, built once on first use (see `serveOpenApi`). */
const servedDocuments = new WeakMap<INestApplication, () => OpenAPIObject>();

/**
 * Serves the document at `GET /openapi.json` (public, like the OpenHands servers). It is built on
 * the first request, not at boot: every runtime boots an agent server, and boot time is on the
 * time-to-interactive path. The e2e tier fetches every app's document, so a schema nestjs-zod
 * cannot document still fails CI.
 */
export function serveOpenApi(app: INestApplication, options: OpenApiOptions): void {
  let document: OpenAPIObject | undefined;
  const documentOf = () => (document ??= buildOpenApiDocument(app, options));
  servedDocuments.set(app, documentOf);
  app.getHttpAdapter().get('/openapi.json', (_req: Request, res: Response) => {
    res.json(documentOf());
  });
}

/**
 * The document `serveOpenApi` serves for this app, for routes that derive other formats from it
 * (a Swagger UI, a Postman collection). Call it while serving a request: routes registered
 * before `serveOpenApi` ran may use it, as long as they call it later.
 */
export function servedOpenApiDocument(app: INestApplication): OpenAPIObject {
  const documentOf = servedDocuments.get(app);
  if (!documentOf)
    throw new Error('servedOpenApiDocument: serveOpenApi was not called for this app');
  return documentOf();
}
