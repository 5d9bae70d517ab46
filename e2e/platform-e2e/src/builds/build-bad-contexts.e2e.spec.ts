import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { BuildClient, tarGz, type Entry } from './build-client';
import { BuildDeployment } from './build-deployment';

const DOCKERFILE: Entry = { name: 'Dockerfile', body: 'FROM scratch\n' };

/** R4's build part: every malicious or malformed context refused with a 4xx naming why. */
const corpus: { title: string; context: () => Promise<Buffer>; status: number; reason?: string }[] =
  [
    {
      title: 'not gzip',
      context: () => Promise.resolve(Buffer.from('plain text, no gzip')),
      status: 400,
      reason: 'not_gzip',
    },
    {
      title: 'gzip but not tar',
      context: () => Promise.resolve(gzipSync(Buffer.from('x'.repeat(2000)))),
      status: 400,
      reason: 'bad_tar',
    },
    {
      title: 'no Dockerfile',
      context: () => tarGz([{ name: 'README', body: 'hi' }]),
      status: 400,
      reason: 'no_dockerfile',
    },
    {
      title: '../ traversal',
      context: () => tarGz([DOCKERFILE, { name: '../escape.txt', body: 'x' }]),
      status: 400,
      reason: 'path_escape',
    },
    {
      title: 'nested traversal',
      context: () => tarGz([DOCKERFILE, { name: 'a/../../escape.txt', body: 'x' }]),
      status: 400,
      reason: 'path_escape',
    },
    {
      title: 'absolute path',
      context: () => tarGz([DOCKERFILE, { name: '/etc/cron.d/x', body: 'x' }]),
      status: 400,
      reason: 'absolute_path',
    },
    {
      title: 'symlink out of the root',
      context: () =>
        tarGz([DOCKERFILE, { name: 'link', type: 'symlink', linkname: '../../etc/passwd' }]),
      status: 400,
      reason: 'link_escape',
    },
    {
      title: 'absolute symlink',
      context: () =>
        tarGz([DOCKERFILE, { name: 'link', type: 'symlink', linkname: '/etc/passwd' }]),
      status: 400,
      reason: 'link_escape',
    },
    {
      title: 'hard link out of the root',
      context: () => tarGz([DOCKERFILE, { name: 'hard', type: 'link', linkname: '../outside' }]),
      status: 400,
      reason: 'link_escape',
    },
    {
      title: 'character device',
      context: () =>
        tarGz([DOCKERFILE, { name: 'null', type: 'character-device', devmajor: 1, devminor: 3 }]),
      status: 400,
      reason: 'device_file',
    },
    {
      title: 'block device',
      context: () =>
        tarGz([DOCKERFILE, { name: 'sda', type: 'block-device', devmajor: 8, devminor: 0 }]),
      status: 400,
      reason: 'device_file',
    },
    {
      title: 'a decompression bomb',
      context: () => zeroBomb(80 * 1024 * 1024),
      status: 400,
      reason: 'bomb',
    },
    {
      title: 'over the size limit',
      context: () => randomContext(3 * 1024 * 1024),
      status: 413,
      reason: 'too_large',
    },
  ];

describe('R4 (builds): malicious and malformed contexts', () => {
  let deployment: BuildDeployment;
  let client: BuildClient;

  beforeAll(async () => {
    deployment = await BuildDeployment.start({
      api: { BUILD_MAX_CONTEXT_BYTES: String(2 * 1024 * 1024) },
    });
    client = new BuildClient(deployment.url, deployment.apiKey);
  }, 60_000);
  afterAll(() => deployment?.tearDown(), 60_000);

  it.each(corpus)('refuses $title with $status ($reason), in both encodings', async (bad) => {
    const context = await bad.context();
    for (const response of [
      await client.submitJson(context, { target_image: 'x' }),
      await client.submitForm(context, { target_image: 'x' }, true),
    ]) {
      const body = (await response.json()) as { detail: string; reason?: string };
      expect({ status: response.status, reason: body.reason }).toEqual({
        status: bad.status,
        reason: bad.reason,
      });
      expect(body.detail).toMatch(/build context/i);
    }
  });

  it('wrote nothing for any of them: no stored context, no build, no log', async () => {
    const entries = await readdir(deployment.dataDir, { recursive: true });
    const files = entries.filter(
      (entry) => !['blobs', 'blobs/tmp', 'blobs/sha256', 'logs'].includes(entry),
    );
    expect(files).toEqual([]);
    const active = await fetch(`${deployment.url}/build_status?build_id=b-none`, {
      headers: { 'X-API-Key': deployment.apiKey },
    });
    expect(active.status).toBe(404);
  });
});

/** `size` zero bytes in one entry, gzip level 9: a few KB that expand enormously. */
async function zeroBomb(size: number): Promise<Buffer> {
  const archive = pack();
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => gzip.once('end', resolve));
  archive.pipe(gzip);
  const file = archive.entry({ name: 'Dockerfile', size });
  const zeros = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < size; written += zeros.length) {
    if (!file.write(zeros))
      await new Promise<void>((resolve) => file.once('drain', () => resolve()));
  }
  file.end(Buffer.alloc(0));
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Incompressible content, so the upload itself is over the limit. */
function randomContext(size: number): Promise<Buffer> {
  return tarGz([DOCKERFILE, { name: 'noise.bin', body: randomBytes(size).toString('latin1') }]);
}
