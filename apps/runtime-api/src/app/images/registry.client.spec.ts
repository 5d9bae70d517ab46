import type { ImageReference } from './image-reference';
import { RegistryClient } from './registry.client';
import { RegistryError } from './registry-error';
import { plainHttpRegistries } from './registry-http';
import { FakeRegistry, REGISTRY_HEADERS, registryErrors } from './testing/fake-registry';

const digest = (char: string) => `sha256:${char.repeat(64)}`;
const CONFIG = { digest: digest('c'), size: 100 };
const LAYERS = [
  { digest: digest('1'), size: 1000 },
  { digest: digest('2'), size: 20 },
];
const IMAGE = { schemaVersion: 2, config: CONFIG, layers: LAYERS };
const MANIFEST = '/v2/team/app/manifests/v1';
const CONFIG_BLOB = `/v2/team/app/blobs/${CONFIG.digest}`;

describe('RegistryClient', () => {
  let fake: FakeRegistry;
  let ref: ImageReference;
  // Generous: the first fetch in a process loads undici, which can take a few hundred ms.
  const client = new RegistryClient({ timeoutMs: 2000, plainHttp: plainHttpRegistries() });
  const impatient = new RegistryClient({ timeoutMs: 300, plainHttp: plainHttpRegistries() });
  const find = () => client.findImage(ref);
  const failure = (by = client) =>
    by.findImage(ref).then(
      () => new Error('expected a RegistryError'),
      (e: unknown) => e,
    );

  beforeEach(async () => {
    fake = await FakeRegistry.start();
    ref = { registry: fake.host, repository: 'team/app', reference: 'v1' };
  });

  afterEach(async () => {
    await fake.close();
    expect(fake.unexpected).toEqual([]);
  });

  it('reads an OCI image without mediaType, asking for every manifest type we understand', async () => {
    fake.on(MANIFEST, { body: IMAGE });
    fake.on(CONFIG_BLOB, { body: { created: '2024-05-01T10:11:12.123456789+02:00' } });
    expect(await find()).toEqual({
      upload_time: '2024-05-01T08:11:12.123Z',
      image_size_bytes: 1120,
    });
    expect(fake.seen[0]?.accept?.split(', ').sort()).toEqual([
      'application/vnd.docker.distribution.manifest.list.v2+json',
      'application/vnd.docker.distribution.manifest.v2+json',
      'application/vnd.oci.image.index.v1+json',
      'application/vnd.oci.image.manifest.v1+json',
    ]);
  });

  it('falls back to the blob time, then to the epoch, when the config has no created', async () => {
    fake.on(MANIFEST, { body: IMAGE });
    fake.on(CONFIG_BLOB, {
      body: {},
      headers: { 'last-modified': 'Wed, 01 May 2024 08:00:00 GMT' },
    });
    expect(await find()).toMatchObject({ upload_time: '2024-05-01T08:00:00.000Z' });
    fake.on(CONFIG_BLOB, { body: { created: 'not a time' } });
    expect(await find()).toMatchObject({ upload_time: '1970-01-01T00:00:00.000Z' });
  });

  it('skips attestations in an index when there is no linux/amd64 entry', async () => {
    const entry = (char: string, os: string, architecture: string) => ({
      digest: digest(char),
      size: 10,
      platform: { os, architecture },
    });
    fake.on(MANIFEST, {
      body: { manifests: [entry('a', 'unknown', 'unknown'), entry('b', 'linux', 'arm64')] },
    });
    fake.on(`/v2/team/app/manifests/${digest('b')}`, { body: IMAGE });
    fake.on(CONFIG_BLOB, { body: { created: '2024-01-01T00:00:00Z' } });
    expect(await find()).toEqual({
      upload_time: '2024-01-01T00:00:00.000Z',
      image_size_bytes: 1120,
    });
  });

  it('answers not found only for a registry 404, not for any web server 404', async () => {
    fake.on(MANIFEST, { status: 404, body: registryErrors('MANIFEST_UNKNOWN') });
    expect(await find()).toBeUndefined();
    fake.on(MANIFEST, { status: 404, headers: REGISTRY_HEADERS, body: '' });
    expect(await find()).toBeUndefined();
    fake.on(MANIFEST, { status: 404, body: '<html>Not Found</html>' });
    expect(await failure()).toEqual(
      new RegistryError(fake.host, 'answered HTTP 404 for the manifest v1'),
    );
  });

  it.each([
    [
      { status: 500, body: registryErrors('UNKNOWN') },
      'answered HTTP 500 (UNKNOWN) for the manifest v1',
    ],
    [{ body: 'oops' }, 'answered something that is not JSON'],
    [{ body: { schemaVersion: 1, fsLayers: [] } }, 'answered an obsolete schema 1 manifest'],
    [{ body: { schemaVersion: 2 } }, 'answered a manifest without config and layers'],
    [{ body: { manifests: [] } }, 'answered an empty image index'],
    [{ body: { manifests: [{ digest: 'x' }] } }, 'answered an image index with malformed entries'],
    [
      { body: 'x'.repeat(4 * 1024 * 1024 + 1) },
      `answered http://HOST${MANIFEST} with more than 4 MiB`,
    ],
  ])('turns an unusable manifest answer into a RegistryError (%j)', async (answer, reason) => {
    fake.on(MANIFEST, answer);
    const error = await failure();
    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({
      message: `registry ${fake.host} ${reason.replace('HOST', fake.host)}`,
    });
  });

  it('gives up on a registry that does not answer in time', async () => {
    fake.on(MANIFEST, { hang: true });
    expect(await failure(impatient)).toEqual(
      new RegistryError(fake.host, 'did not answer within 0.3 s'),
    );
  });

  it('blames the registry for an index entry or config blob it does not have', async () => {
    fake.on(MANIFEST, { body: { manifests: [{ digest: digest('d'), size: 1 }] } });
    fake.on(`/v2/team/app/manifests/${digest('d')}`, { status: 404, headers: REGISTRY_HEADERS });
    expect(await failure()).toMatchObject({
      message: expect.stringContaining(`lists ${digest('d')}`),
    });
    fake.on(MANIFEST, { body: IMAGE });
    fake.on(CONFIG_BLOB, { status: 404, body: registryErrors('BLOB_UNKNOWN') });
    expect(await failure()).toEqual(
      new RegistryError(
        fake.host,
        `answered HTTP 404 (BLOB_UNKNOWN) for the config blob ${CONFIG.digest}`,
      ),
    );
  });
});

describe('plainHttpRegistries', () => {
  it('uses plain http for loopback registries by default and for listed ones when given', () => {
    const loopback = plainHttpRegistries();
    expect(
      ['127.0.0.1:5000', 'localhost', 'LOCALHOST:5000', '[::1]:5000', '127.1.2.3'].map(loopback),
    ).toEqual([true, true, true, true, true]);
    expect(['ghcr.io', 'registry:5000', '127.0.0.1.nip.io', '10.0.0.1:5000'].map(loopback)).toEqual(
      [false, false, false, false],
    );
    const listed = plainHttpRegistries(['registry:5000']);
    expect([listed('registry:5000'), listed('127.0.0.1:5000')]).toEqual([true, false]);
  });
});
