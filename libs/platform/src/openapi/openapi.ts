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
  return cleanupOpenApiDoc(SwaggerModule.createDocument(app, builder.build()));
}

/**
 * Serves the document at `GET /openapi.json` (public, like the OpenHands servers). It is built on
 * the first request, not at boot: every runtime boots an agent server, and boot time is on the
 * time-to-interactive path. The e2e tier fetches every app's document, so a schema nestjs-zod
 * cannot document still fails CI.
 */
export function serveOpenApi(app: INestApplication, options: OpenApiOptions): void {
  let document: OpenAPIObject | undefined;
  const http = app.getHttpAdapter();
  http.get('/openapi.json', (_req: Request, res: Response) => {
    document ??= buildOpenApiDocument(app, options);
    res.json(document);
  });
}
