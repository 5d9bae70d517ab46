import { MODULES_BY_SERVER_MODE } from '@agentrt/contracts';
import { servedOpenApiDocument } from '@agentrt/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { Express, Request, Response } from 'express';
import type { GatewayConfig } from '../../config/gateway.config';
import { chatGptActionsDocument } from './chatgpt-actions';
import { postmanCollectionOf } from './postman';

/**
 * The embodiment module's documents, all derived from the one served at `/openapi.json`:
 * `/swagger` (Swagger UI), `/postman` (Postman v2.1) and `/chatgpt/openapi.json` (GPT Actions).
 * Mounted from main.ts because they need the Nest app, which builds that document; public, like
 * `/openapi.json` (the edge's public paths).
 */
export function mountEmbodimentDocs(app: NestExpressApplication, config: GatewayConfig): void {
  if (!MODULES_BY_SERVER_MODE[config.SERVER_MODE].includes('embodiment')) return;
  const documentOf = () => servedOpenApiDocument(app);
  const http: Express = app.getHttpAdapter().getInstance();
  http.get('/postman', (req: Request, res: Response) => {
    res.json(postmanCollectionOf(documentOf(), publicUrlOf(req, config)));
  });
  http.get('/chatgpt/openapi.json', (req: Request, res: Response) => {
    res.json(chatGptActionsDocument(documentOf(), publicUrlOf(req, config)));
  });
  SwaggerModule.setup('swagger', app, documentOf, {
    raw: false, // the document itself is at /openapi.json
    customSiteTitle: 'agentrt gateway API',
  });
}

/**
 * The URL clients reach this gateway at: PUBLIC_URL when set (behind a load balancer), else
 * what the request came to (X-Forwarded-Proto counts only when TRUST_PROXY says so).
 */
export function publicUrlOf(req: Request, config: Pick<GatewayConfig, 'PUBLIC_URL'>): string {
  return config.PUBLIC_URL ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
