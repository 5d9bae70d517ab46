import { randomBytes } from 'node:crypto';
import {
  AppConfigModule,
  ContractValidationPipe,
  ErrorBodyFilter,
  loadConfig,
} from '@agentrt/platform';
import { freePort } from '@agentrt/testing';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { RUNTIME_API_CONFIG, RuntimeApiConfigSchema } from '../config/runtime-api.config';
import { ImagesModule } from './images.module';
import {
  baseImageCreated,
  LOCAL_REGISTRY,
  LocalRepository,
  removeLocalTag,
} from './testing/local-registry';

const PREFIX = `${LOCAL_REGISTRY}/agentrt-int`;
const repo = new LocalRepository(`agentrt-test/img-${randomBytes(4).toString('hex')}`);
const image = (suffix: string) => `${LOCAL_REGISTRY}/${repo.repository}${suffix}`;

describe('images routes against the local registry', () => {
  let app: INestApplication<App>;
  let pushedRef: string | undefined;
  const digests: string[] = [];

  beforeAll(async () => {
    const config = loadConfig('runtime-api', RuntimeApiConfigSchema, {
      REDIS_URL: 'redis://127.0.0.1:6379',
      RUNTIME_API_KEY_HASHES: 'ab'.repeat(32),
      REGISTRY_PREFIX: PREFIX,
    });
    const moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(RUNTIME_API_CONFIG, config), ImagesModule],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new ErrorBodyFilter());
    app.useGlobalPipes(new ContractValidationPipe());
    await app.init();
    pushedRef = await repo.pushBaseImage('t1');
    digests.push(await repo.digestOf('t1'));
  }, 180_000);

  afterAll(async () => {
    await repo.deleteManifests(digests);
    if (pushedRef) await removeLocalTag(pushedRef);
    await app?.close();
  });

  const exists = (ref: string) =>
    request(app.getHttpServer()).get('/image_exists').query({ image: ref });

  it('answers the configured registry prefix', async () => {
    const res = await request(app.getHttpServer()).get('/registry_prefix').expect(200);
    expect(res.body).toEqual({ registry_prefix: PREFIX });
  });

  it('finds a pushed image by tag and by digest, with its creation time and size', async () => {
    const byTag = await exists(image(':t1')).expect(200);
    expect(byTag.body).toEqual({
      exists: true,
      image: { upload_time: await baseImageCreated(), image_size_bytes: expect.any(Number) },
    });
    // Compressed layers of a ~225 MB Debian + node image: tens of MB, never nothing.
    expect(byTag.body.image.image_size_bytes).toBeGreaterThan(10 * 1024 * 1024);
    const byDigest = await exists(image(`@${digests[0]}`)).expect(200);
    expect(byDigest.body).toEqual(byTag.body);
  });

  it('answers exists false for an unknown tag and an unknown repository', async () => {
    await exists(image(':never-pushed')).expect(200, { exists: false });
    await exists(`${LOCAL_REGISTRY}/agentrt-test/absent-${randomBytes(4).toString('hex')}`).expect(
      200,
      { exists: false },
    );
  });

  it('picks linux/amd64 from an index, else its first image, and sums config and layers', async () => {
    const config = await repo.uploadBlob(
      Buffer.from(JSON.stringify({ created: '2001-02-03T04:05:06.789123456Z', os: 'linux' })),
    );
    const layer = await repo.uploadBlob(randomBytes(1000));
    const armDigest = await repo.putImage('arm', config, [layer, layer]);
    const amdDigest = await repo.digestOf('t1');
    digests.push(
      armDigest,
      await repo.putIndex('multi', [
        { digest: armDigest, platform: 'linux/arm64' },
        { digest: amdDigest, platform: 'linux/amd64' },
      ]),
      await repo.putIndex('arm-only', [{ digest: armDigest, platform: 'linux/arm64' }]),
    );
    const amd = await exists(image(':t1')).expect(200);
    await exists(image(':multi')).expect(200, amd.body);
    await exists(image(':arm-only')).expect(200, {
      exists: true,
      image: { upload_time: '2001-02-03T04:05:06.789Z', image_size_bytes: config.size + 2000 },
    });
  });

  it.each([
    ['a closed port', async () => `127.0.0.1:${await freePort()}`],
    ['a port fetch refuses', () => Promise.resolve('127.0.0.1:1')],
  ])('answers 502 naming the registry when it is unreachable (%s)', async (_, registry) => {
    const host = await registry();
    const res = await exists(`${host}/agentrt-test/img:t1`).expect(502);
    expect(res.body).toEqual({
      code: 'bad_gateway',
      detail: expect.stringMatching(new RegExp(`^registry ${host} is unreachable \\(.+\\)$`)),
      registry: host,
      request_id: expect.any(String),
    });
  });

  it.each([
    ['Ubuntu', /must be lowercase/],
    ['ubuntu:bad tag', /whitespace/],
    ['ubuntu@sha256:abc', /not a digest/],
    [`${LOCAL_REGISTRY}/`, /repository name is missing/],
    ['   ', /image must not be empty/],
  ])('answers 400 validation_failed for the malformed reference %j', async (ref, message) => {
    const res = await exists(ref).expect(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', detail: expect.any(String) });
    expect(res.body.errors).toEqual([{ path: 'image', message: expect.stringMatching(message) }]);
  });
});
