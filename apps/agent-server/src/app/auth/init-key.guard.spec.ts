import { ErrorBodyFilter, ContractValidationPipe } from '@agentrt/platform';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../config/agent-server.config';
import { RuntimeEnvironment } from '../environment/runtime-environment';
import { ActivityTracker, CLOCK } from '../health/activity-tracker';
import { RuntimeInitController } from './runtime-init.controller';
import { RuntimeInitService } from './runtime-init.service';
import { SessionKeys } from './session-keys';

const INIT_KEY = 'init-key-0123456789';

/** The init route over HTTP, with the validation pipe and error filter every app uses. */
async function initApp(initKey: string | undefined): Promise<INestApplication> {
  const config = {
    SESSION_API_KEYS: [],
    INIT_API_KEY: initKey,
    CHILD_ENV: { PATH: '/bin' },
  } as unknown as AgentServerConfig;
  const moduleRef = await Test.createTestingModule({
    controllers: [RuntimeInitController],
    providers: [
      { provide: AGENT_SERVER_CONFIG, useValue: config },
      { provide: CLOCK, useValue: () => Date.now() },
      SessionKeys,
      RuntimeEnvironment,
      ActivityTracker,
      RuntimeInitService,
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(new ErrorBodyFilter());
  app.useGlobalPipes(new ContractValidationPipe());
  await app.listen(0, '127.0.0.1');
  return app;
}

describe('POST /init checks its key before it reads the body', () => {
  let app: INestApplication | undefined;
  afterEach(async () => app?.close());

  const post = async (headers: Record<string, string>, body: unknown) => {
    const response = await fetch(`${await app?.getUrl()}/init`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('answers 401 to a bad body without the key, not 400 with the schema', async () => {
    app = await initApp(INIT_KEY);
    const attempts: Record<string, string>[] = [{}, { 'x-init-api-key': 'wrong-key-of-same-len' }];
    for (const headers of attempts) {
      const refused = await post(headers, {});
      expect(refused).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
      expect(JSON.stringify(refused.body)).not.toContain('session_api_key');
    }
  });

  it('validates the body once the key is right, and is 404 when init is off', async () => {
    app = await initApp(INIT_KEY);
    const invalid = await post({ 'x-init-api-key': INIT_KEY }, {});
    expect(invalid).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    const accepted = await post({ 'x-init-api-key': INIT_KEY }, { session_api_key: 's-1' });
    expect(accepted).toMatchObject({ status: 200, body: { success: true } });
    await app.close();
    app = await initApp(undefined);
    expect((await post({}, {})).status).toBe(404);
  });
});
