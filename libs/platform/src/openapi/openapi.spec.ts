import { Controller, Get, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { startCompanionApp } from '../bootstrap/platform-app';
import { JsonLoggingModule } from '../logging/logger.module';
import { serveOpenApi, servedOpenApiDocument } from './openapi';

@Controller('internal/things')
class ThingsController {
  @Get()
  list(): string[] {
    return [];
  }
}

@Module({
  imports: [JsonLoggingModule.forRoot({ service: 'openapi-test', level: 'silent' })],
  controllers: [ThingsController],
})
class ThingsModule {}

/** Renames `/internal/...` paths to `/public/...`, leaving the argument untouched. */
function publicPaths(document: OpenAPIObject): OpenAPIObject {
  const paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => [
      path.replace(/^\/internal\//, '/public/'),
      item,
    ]),
  );
  return { ...document, paths };
}

async function start(transform?: (document: OpenAPIObject) => OpenAPIObject) {
  const app = await startCompanionApp({
    name: 'openapi test',
    module: { module: ThingsModule },
    host: '127.0.0.1',
    port: 0,
    configure: (created) =>
      serveOpenApi(created, { title: 'things', description: 'test', transform }),
  });
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

describe('serveOpenApi', () => {
  const apps: NestExpressApplication[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it('serves the document as the controllers declare it without a transform', async () => {
    const { app, url } = await start();
    apps.push(app);
    const document = (await (await fetch(`${url}/openapi.json`)).json()) as OpenAPIObject;
    expect(Object.keys(document.paths)).toEqual(['/internal/things']);
  });

  it('serves the transformed document, and hands the same one to other routes', async () => {
    const { app, url } = await start(publicPaths);
    apps.push(app);
    const document = (await (await fetch(`${url}/openapi.json`)).json()) as OpenAPIObject;
    expect(Object.keys(document.paths)).toEqual(['/public/things']);
    expect(document.info.title).toBe('things');
    expect(servedOpenApiDocument(app)).toEqual(document);
  });

  it('refuses to hand out a document for an app that does not serve one', async () => {
    const app = await startCompanionApp({
      name: 'no docs',
      module: { module: ThingsModule },
      host: '127.0.0.1',
      port: 0,
    });
    apps.push(app);
    expect(() => servedOpenApiDocument(app)).toThrow('serveOpenApi was not called');
  });
});
