import { BuildMultipartFieldsSchema } from '@agentrt/contracts';
import busboy from 'busboy';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip, gzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import {
  answerJson,
  type LocalServer,
  type Received,
  serveLocally,
} from '../http/local-server.testing';
import { BuildsClient } from './builds.client';
import { InvalidBuildContextError } from './pack-directory';
import { prepareBuildContext } from './prepare-context';
import { uploadBuild } from './upload-build';

let dir: string;
let server: LocalServer | undefined;
const cleanups: (() => Promise<void>)[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agentrt-build-spec-'));
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await rm(dir, { recursive: true, force: true });
});

/** Every entry of a tar.gz: name -> type, mode and content (or link target). */
async function entriesOf(path: string) {
  const entries = new Map<string, { type: string; mode: number; body: string }>();
  const tar = extract();
  Readable.from([await readFile(path)])
    .pipe(createGunzip())
    .pipe(tar);
  for await (const entry of tar) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    const { name, type, mode, linkname } = entry.header;
    entries.set(name, {
      type: type ?? '',
      mode: (mode ?? 0) & 0o777,
      body: linkname ?? Buffer.concat(chunks).toString(),
    });
  }
  return entries;
}

async function contextDir() {
  const root = join(dir, 'ctx');
  await mkdir(join(root, 'bin'), { recursive: true });
  await writeFile(join(root, 'Dockerfile'), 'FROM scratch\nCOPY . /\n');
  await writeFile(join(root, 'bin', 'run.sh'), '#!/bin/sh\necho hi\n');
  await chmod(join(root, 'bin', 'run.sh'), 0o755);
  await symlink('bin/run.sh', join(root, 'run'));
  return root;
}

describe('preparing a build context', () => {
  it('packs a directory with its file modes and inner links, into a temporary file', async () => {
    const context = await prepareBuildContext(await contextDir());
    cleanups.push(context.remove);
    expect(context.packed).toBe(true);
    const entries = await entriesOf(context.path);
    expect([...entries.keys()]).toEqual(['Dockerfile', 'bin', 'bin/run.sh', 'run']);
    expect(entries.get('bin/run.sh')).toEqual({
      type: 'file',
      mode: 0o755,
      body: '#!/bin/sh\necho hi\n',
    });
    expect(entries.get('Dockerfile')?.mode).toBe(0o644);
    expect(entries.get('run')).toMatchObject({ type: 'symlink', body: 'bin/run.sh' });
    await context.remove();
    await expect(readFile(context.path)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a link that points outside the directory', async () => {
    const root = await contextDir();
    await symlink('../../etc/passwd', join(root, 'bin', 'escape'));
    await expect(prepareBuildContext(root)).rejects.toThrow(
      /bin\/escape points outside the build context \(\.\.\/\.\.\/etc\/passwd\)/,
    );
  });

  it('says so before packing when the directory has no Dockerfile', async () => {
    const root = await contextDir();
    await rm(join(root, 'Dockerfile'));
    await expect(prepareBuildContext(root)).rejects.toThrow(`${root} has no Dockerfile`);
  });

  it('takes a .tar.gz as is, checks it has a Dockerfile, and refuses what is not gzip', async () => {
    const packed = await prepareBuildContext(await contextDir());
    cleanups.push(packed.remove);
    const given = await prepareBuildContext(packed.path);
    expect(given).toMatchObject({ path: packed.path, packed: false, bytes: packed.bytes });

    const plain = join(dir, 'context.tar.gz');
    await writeFile(plain, 'not gzip at all');
    await expect(prepareBuildContext(plain)).rejects.toThrow(
      `${plain} is neither a directory nor a .tar.gz file`,
    );
    const noDockerfile = join(dir, 'empty.tgz');
    await writeFile(noDockerfile, gzipSync(Buffer.alloc(1024)));
    const error = await prepareBuildContext(noDockerfile).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidBuildContextError);
    expect((error as Error).message).toMatch(
      /empty\.tgz is not a valid build context: .*Dockerfile/,
    );
  });
});

/**
 * Reads a multipart `POST /build` the way runtime-api does (busboy, then the contract's field
 * schema) and records what arrived; anything unexpected is a violation answered with a 400.
 */
async function parseBuild(req: Received) {
  const fields: Record<string, string | string[]> = {};
  const files: Record<string, Buffer> = {};
  const parser = busboy({ headers: req.headers });
  parser.on('field', (name, value) => {
    const seen = fields[name];
    fields[name] = seen === undefined ? value : [...[seen].flat(), value];
  });
  parser.on('file', (name, stream) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => (files[name] = Buffer.concat(chunks)));
  });
  await new Promise((resolve, reject) => {
    parser.on('close', resolve).on('error', reject);
    parser.end(req.body);
  });
  return { fields: BuildMultipartFieldsSchema.parse(fields), files };
}

describe('uploading a build', () => {
  it('sends the raw tar.gz as a streamed multipart part, with the options, reporting progress', async () => {
    const uploads: Awaited<ReturnType<typeof parseBuild>>[] = [];
    server = await serveLocally(async (req, res) => {
      const problems: string[] = [];
      if (req.method !== 'POST' || req.url !== '/build') problems.push(`${req.method} ${req.url}`);
      if (req.headers['x-api-key'] !== 'k1') problems.push('no key');
      if (Number(req.headers['content-length']) !== req.body.length) problems.push('length');
      if (problems.length > 0) return answerJson(res, 400, { detail: problems.join(', ') });
      uploads.push(await parseBuild(req));
      answerJson(res, 200, { build_id: 'b-1' });
    });
    const context = await prepareBuildContext(await contextDir());
    cleanups.push(context.remove);
    const progress: [number, number][] = [];
    const buildId = await uploadBuild(
      new BuildsClient({ baseUrl: server.url, apiKey: 'k1' }),
      {
        archivePath: context.path,
        targetImage: 'localhost:5000/agentrt/mine',
        tags: ['v1', 'latest'],
        target: 'runtime',
        buildArgs: { BASE_IMAGE: 'node:22' },
      },
      (sent, total) => progress.push([sent, total]),
    );
    expect(buildId).toBe('b-1');
    expect(uploads).toHaveLength(1);
    expect(uploads[0]?.fields).toMatchObject({
      target_image: 'localhost:5000/agentrt/mine',
      tags: ['v1', 'latest'],
      target: 'runtime',
      build_args: { BASE_IMAGE: 'node:22' },
    });
    expect(uploads[0]?.files['context']?.equals(await readFile(context.path))).toBe(true);
    expect(progress[0]).toEqual([0, context.bytes]);
    expect(progress.at(-1)).toEqual([context.bytes, context.bytes]);
  });

  it("rejects with the API's detail when the build is refused", async () => {
    server = await serveLocally((_req, res) =>
      answerJson(res, 413, {
        detail: 'context too large',
        code: 'payload_too_large',
        request_id: 'r',
      }),
    );
    const context = await prepareBuildContext(await contextDir());
    cleanups.push(context.remove);
    const client = new BuildsClient({ baseUrl: server.url, apiKey: 'k1' });
    await expect(
      uploadBuild(client, { archivePath: context.path, targetImage: 'img', tags: [] }),
    ).rejects.toMatchObject({ status: 413, body: { detail: 'context too large' } });
  });
});
