import type { ImageReference } from './image-reference';
import { RegistryClient } from './registry.client';
import { plainHttpRegistries } from './registry-http';
import { FakeRegistry, registryErrors, type SeenRequest } from './testing/fake-registry';

const CONFIG = { digest: `sha256:${'c'.repeat(64)}`, size: 7 };
const MANIFEST = '/v2/team/app/manifests/v1';
const TOKEN = '/token?service=fake-hub&scope=repository%3Ateam%2Fapp%3Apull';

/** Docker Hub's way: 401 with a bearer challenge until the request carries a pull token. */
describe('RegistryClient with token auth', () => {
  let fake: FakeRegistry;
  let ref: ImageReference;
  const client = new RegistryClient({ timeoutMs: 2000, plainHttp: plainHttpRegistries() });

  const challenge = (valid: string) => (req: SeenRequest) =>
    req.authorization === `Bearer ${valid}`
      ? {}
      : {
          status: 401,
          headers: {
            'www-authenticate': `Bearer realm="http://${fake.host}/token",service="fake-hub",scope="repository:team/app:pull"`,
          },
          body: registryErrors('UNAUTHORIZED'),
        };
  const guarded = (valid: string, body: object) => (req: SeenRequest) => {
    const refusal = challenge(valid)(req);
    return 'status' in refusal ? refusal : { body };
  };

  beforeEach(async () => {
    fake = await FakeRegistry.start();
    ref = { registry: fake.host, repository: 'team/app', reference: 'v1' };
  });

  afterEach(async () => {
    await fake.close();
    expect(fake.unexpected).toEqual([]);
  });

  it('fetches an anonymous token once and sends it with every later request', async () => {
    fake.on(TOKEN, { body: { token: 'tok' } });
    fake.on(MANIFEST, guarded('tok', { config: CONFIG, layers: [] }));
    fake.on(
      `/v2/team/app/blobs/${CONFIG.digest}`,
      guarded('tok', { created: '2024-01-01T00:00:00Z' }),
    );
    expect(await client.findImage(ref)).toEqual({
      upload_time: '2024-01-01T00:00:00.000Z',
      image_size_bytes: 7,
    });
    expect(fake.seen.map((req) => [req.url, req.authorization])).toEqual([
      [MANIFEST, undefined],
      [TOKEN, undefined],
      [MANIFEST, 'Bearer tok'],
      [`/v2/team/app/blobs/${CONFIG.digest}`, 'Bearer tok'],
    ]);
  });

  it('says the repository is private or absent when the token does not open it', async () => {
    fake.on(TOKEN, { body: { access_token: 'useless' } });
    fake.on(MANIFEST, challenge('never'));
    await expect(client.findImage(ref)).rejects.toThrow(
      `registry ${fake.host} refused anonymous access to the manifest v1 (HTTP 401): the repository is private or does not exist`,
    );
  });

  it('needs credentials it does not have for a Basic challenge', async () => {
    fake.on(MANIFEST, { status: 401, headers: { 'www-authenticate': 'Basic realm="r"' } });
    await expect(client.findImage(ref)).rejects.toThrow(/refused anonymous access .* \(HTTP 401\)/);
  });

  it('reports a token service that gives no token', async () => {
    fake.on(TOKEN, { status: 503, body: 'down' });
    fake.on(MANIFEST, challenge('tok'));
    await expect(client.findImage(ref)).rejects.toThrow(
      `registry ${fake.host} gave no pull token (http://${fake.host}/token answered HTTP 503)`,
    );
  });
});
