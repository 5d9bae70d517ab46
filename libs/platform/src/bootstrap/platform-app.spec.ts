import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { z } from 'zod';
import { contractDto } from '../http/contract-dto';
import { ApiException } from '../http/api-exception';
import { JsonLoggingModule } from '../logging/logger.module';
import { startCompanionApp } from './platform-app';

class EchoDto extends contractDto(z.object({ name: z.string().min(1) })) {}

@Controller()
class ProbeController {
  @Get('teapot')
  teapot(): never {
    throw new ApiException(418, 'short and stout', 'bad_request', {}, { 'retry-after': '7' });
  }

  @Post('echo')
  echo(@Body() body: EchoDto): EchoDto {
    return body;
  }
}

@Module({
  imports: [JsonLoggingModule.forRoot({ service: 'companion-test', level: 'silent' })],
  controllers: [ProbeController],
})
class ProbeModule {}

describe('startCompanionApp', () => {
  let app: NestExpressApplication;
  let url: string;
  const configured: string[] = [];

  beforeAll(async () => {
    app = await startCompanionApp({
      name: 'companion test',
      module: { module: ProbeModule },
      host: '127.0.0.1',
      port: 0,
      bodyLimit: '100b',
      configure: (created) => {
        created.use((req: { url: string }, _res: unknown, next: (error?: unknown) => void) => {
          configured.push(req.url);
          next(req.url === '/refused' ? new ApiException(401, 'refused early') : undefined);
        });
      },
    });
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(() => app.close());

  it('answers errors with the platform error body, headers and request id', async () => {
    const response = await fetch(`${url}/teapot`, { headers: { 'x-request-id': 'companion-1' } });
    expect(response.status).toBe(418);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('x-request-id')).toBe('companion-1');
    expect(await response.json()).toEqual({
      detail: 'short and stout',
      code: 'bad_request',
      request_id: 'companion-1',
    });
  });

  it('validates bodies with the contract pipe and enforces the body limit', async () => {
    const post = (body: string) =>
      fetch(`${url}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    expect(await (await post('{"name":"ada"}')).json()).toEqual({ name: 'ada' });
    const invalid = await post('{"name":""}');
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ code: 'validation_failed' });
    const tooLarge = await post(JSON.stringify({ name: 'x'.repeat(200) }));
    expect(tooLarge.status).toBe(413);
  });

  it('runs the configure hook ahead of the routes', async () => {
    await (await fetch(`${url}/teapot?from=configure`)).body?.cancel();
    expect(configured).toContain('/teapot?from=configure');
  });

  it('gives answers from early middleware and bad bodies the request id too', async () => {
    const refused = await fetch(`${url}/refused`, { headers: { 'x-request-id': 'early-1' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toBe('early-1');
    expect(await refused.json()).toMatchObject({ detail: 'refused early', request_id: 'early-1' });
    const badJson = await fetch(`${url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    const id = badJson.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await badJson.json()).toMatchObject({ code: 'bad_request', request_id: id });
  });
});
