import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { ErrorBodySchema, SuccessResponseSchema } from '@agentrt/contracts';
import { AppProcess } from '../support/app-process';

const API_KEY = `files-e2e-${randomUUID()}`;
const MAX_BYTES = 8 * 1024 * 1024;

describe('agent-server: /api/file over HTTP', () => {
  let workspace: string;
  let outside: string;
  let server: AppProcess;

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'agentrt-files-e2e-'));
    outside = await mkdtemp(join(tmpdir(), 'agentrt-files-outside-'));
    await writeFile(join(outside, 'secret.txt'), 'not for the agent');
    await symlink(outside, join(workspace, 'out-dir'));
    await symlink(join(outside, 'secret.txt'), join(workspace, 'out-file.txt'));
    server = await (
      await AppProcess.start('agent-server', {
        WORKSPACE_DIR: workspace,
        SESSION_API_KEY: API_KEY,
        FILE_UPLOAD_MAX_BYTES: String(MAX_BYTES),
        FILE_UPLOAD_ALLOWED_EXTENSIONS: '.bin,.txt',
      })
    ).listening();
  });

  afterAll(async () => {
    await server?.stop();
    await rm(workspace, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  const headers = (key: string | undefined = API_KEY) =>
    key ? { 'X-Session-API-Key': key } : ({} as Record<string, string>);
  const form = (content: Uint8Array, field = 'file') => {
    const body = new FormData();
    body.append(field, new Blob([content]), 'upload.bin');
    return body;
  };
  const upload = (route: string, content: Uint8Array, key?: string) =>
    fetch(`${server.url}${route}`, { method: 'POST', headers: headers(key), body: form(content) });
  const uploadTo = (path: string, content: Uint8Array) =>
    upload(`/api/file/upload?path=${encodeURIComponent(path)}`, content);
  const download = (route: string, key?: string) =>
    fetch(`${server.url}${route}`, { headers: headers(key) });
  const downloadFrom = (path: string) =>
    download(`/api/file/download?path=${encodeURIComponent(path)}`);
  const problem = async (response: Response) => ErrorBodySchema.parse(await response.json());
  const exists = (path: string) =>
    stat(path).then(
      () => true,
      () => false,
    );

  it('refuses uploads and downloads without the session key', async () => {
    const path = join(workspace, 'a.txt');
    expect((await upload(`/api/file/upload?path=${path}`, Buffer.from('x'), '')).status).toBe(401);
    expect((await download(`/api/file/download?path=${path}`, 'wrong')).status).toBe(401);
    expect(await exists(path)).toBe(false);
  });

  it('round-trips 5 MiB of random bytes through both path forms, creating directories', async () => {
    const content = randomBytes(5 * 1024 * 1024);
    const path = join(workspace, 'new', 'deeper', 'random.bin');
    const uploaded = await uploadTo(path, content);
    expect(uploaded.status).toBe(200);
    expect(SuccessResponseSchema.parse(await uploaded.json())).toEqual({ success: true });
    expect((await readFile(path)).equals(content)).toBe(true);

    for (const route of [
      `/api/file/download?path=${encodeURIComponent(path)}`,
      `/api/file/download/${path}`, // `/download//workspace/...`, as the older clients send it
      `/api/file/download/${encodeURIComponent(path)}`,
    ]) {
      const response = await download(route);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/octet-stream');
      expect(response.headers.get('content-length')).toBe(String(content.length));
      expect(response.headers.get('content-disposition')).toContain('filename="random.bin"');
      expect(Buffer.from(await response.arrayBuffer()).equals(content)).toBe(true);
    }
  });

  it('accepts the older upload form with the path after /upload/', async () => {
    const content = randomBytes(64 * 1024);
    const path = join(workspace, 'older-form.bin');
    const response = await upload(`/api/file/upload/${encodeURIComponent(path)}`, content);
    expect(response.status).toBe(200);
    expect((await readFile(path)).equals(content)).toBe(true);
  });

  it('overwrites an existing file in place', async () => {
    const path = join(workspace, 'twice.txt');
    await uploadTo(path, Buffer.from('first version, longer'));
    expect((await uploadTo(path, Buffer.from('second'))).status).toBe(200);
    expect(await readFile(path, 'utf8')).toBe('second');
  });

  it('refuses relative paths with 400 saying why', async () => {
    const byQuery = await uploadTo('relative/a.txt', Buffer.from('x'));
    expect(byQuery.status).toBe(400);
    expect((await problem(byQuery)).detail).toContain('path must be absolute');
    const byPath = await download('/api/file/download/relative.txt');
    expect(byPath.status).toBe(400);
    expect((await problem(byPath)).detail).toContain('path must be absolute');
  });

  it('refuses `..` leading out of the allowed roots, writing nothing', async () => {
    const escape = `${workspace}/../${outside.split('/').pop()}/escaped.txt`;
    const response = await uploadTo(escape, Buffer.from('x'));
    expect(response.status).toBe(403);
    expect((await problem(response)).detail).toContain('outside the directories');
    expect(await exists(join(outside, 'escaped.txt'))).toBe(false);
    expect(
      (await downloadFrom(`${workspace}/../${outside.split('/').pop()}/secret.txt`)).status,
    ).toBe(403);
  });

  it('refuses symlinks pointing out of the roots, for upload and download', async () => {
    expect((await downloadFrom(join(workspace, 'out-file.txt'))).status).toBe(403);
    expect((await downloadFrom(join(workspace, 'out-dir', 'secret.txt'))).status).toBe(403);
    const through = await uploadTo(join(workspace, 'out-dir', 'planted.txt'), Buffer.from('x'));
    expect(through.status).toBe(403);
    const over = await uploadTo(join(workspace, 'out-file.txt'), Buffer.from('overwritten'));
    expect(over.status).toBe(403);
    expect(await readdir(outside)).toEqual(['secret.txt']);
    expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('not for the agent');
  });

  /** A request sent byte for byte (fetch would resolve `..` and `%2e%2e` before sending). */
  const raw = async (method: 'GET' | 'POST', path: string, content?: Uint8Array) => {
    const request = new Request('http://x/', {
      method: 'POST',
      body: form(content ?? new Uint8Array()),
    });
    const body = content ? Buffer.from(await request.arrayBuffer()) : undefined;
    const type = content ? { 'content-type': request.headers.get('content-type') ?? '' } : {};
    return await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { port } = new URL(server.url);
      const outgoing = httpRequest(
        { host: '127.0.0.1', port, method, path, headers: { ...headers(), ...type } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  };
  const outsideName = () => outside.split('/').pop() ?? '';
  /** Nothing was written next to the secret, and the secret is as it was. */
  const outsideUntouched = async () => {
    expect(await readdir(outside)).toEqual(['secret.txt']);
    expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('not for the agent');
  };

  it('refuses absolute paths outside the allowed roots, for upload and download', async () => {
    for (const path of ['/etc/passwd', join(outside, 'secret.txt')]) {
      const response = await downloadFrom(path);
      expect(response.status).toBe(403);
      expect((await problem(response)).detail).toContain('outside the directories');
    }
    for (const path of [join(outside, 'planted.txt'), '/etc/agentrt-planted.txt']) {
      expect((await uploadTo(path, Buffer.from('x'))).status).toBe(403);
    }
    expect(await exists('/etc/agentrt-planted.txt')).toBe(false);
    await outsideUntouched();
  });

  it.each([
    ['`..` sent as is', '..'],
    ['`%2e%2e`', '%2e%2e'],
    ['`%2E%2E`', '%2E%2E'],
    ['`.%2e`', '.%2e'],
  ])('refuses traversal with %s in the path form of upload and download', async (_name, dots) => {
    const escape = `${workspace}/${dots}/${outsideName()}`;
    const down = await raw('GET', `/api/file/download/${escape}/secret.txt`);
    expect(down.status).toBe(403);
    expect(down.body).not.toContain('not for the agent');
    const up = await raw('POST', `/api/file/upload/${escape}/planted.txt`, Buffer.from('x'));
    expect(up.status).toBe(403);
    const byQuery = await raw(
      'POST',
      `/api/file/upload?path=${escape}/planted.txt`,
      Buffer.from('x'),
    );
    expect(byQuery.status).toBe(403);
    await outsideUntouched();
  });

  it('refuses paths with a NUL byte with 400, for upload and download, writing nothing', async () => {
    const path = `${workspace}/nul\u0000.txt`;
    for (const response of [
      await uploadTo(path, Buffer.from('x')),
      await downloadFrom(path),
      await raw('GET', `/api/file/download/${encodeURI(workspace)}/nul%00.txt`),
      await raw('POST', `/api/file/upload/${encodeURI(workspace)}/nul%00.txt`, Buffer.from('x')),
    ]) {
      expect(response.status).toBe(400);
    }
    expect((await readdir(workspace)).filter((name) => name.startsWith('nul'))).toEqual([]);
    await outsideUntouched();
  });

  it('answers 413 past the size limit and leaves nothing behind', async () => {
    const directory = join(workspace, 'big');
    await mkdir(directory);
    const response = await uploadTo(join(directory, 'too-big.bin'), randomBytes(MAX_BYTES + 1));
    expect(response.status).toBe(413);
    expect((await problem(response)).detail).toContain(String(MAX_BYTES));
    expect(await readdir(directory)).toEqual([]);

    const fresh = join(workspace, 'not-created', 'too-big.bin');
    expect((await uploadTo(fresh, randomBytes(MAX_BYTES + 1))).status).toBe(413);
    expect(await exists(join(workspace, 'not-created'))).toBe(false);

    expect((await uploadTo(join(directory, 'exact.bin'), randomBytes(MAX_BYTES))).status).toBe(200);
  });

  it('answers 415 for an extension that is not allowed', async () => {
    const path = join(workspace, 'tool.exe');
    const response = await uploadTo(path, Buffer.from('MZ'));
    expect(response.status).toBe(415);
    expect((await problem(response)).detail).toContain('.exe');
    expect(await exists(path)).toBe(false);
  });

  it('answers 400 for a body without the file field, and 415 for one that is not multipart', async () => {
    const path = join(workspace, 'nothing.txt');
    const noField = await fetch(`${server.url}/api/file/upload?path=${path}`, {
      method: 'POST',
      headers: headers(),
      body: form(Buffer.from('x'), 'other'),
    });
    expect(noField.status).toBe(400);
    expect((await problem(noField)).detail).toContain('"file"');
    const json = await fetch(`${server.url}/api/file/upload?path=${path}`, {
      method: 'POST',
      headers: { ...headers(), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    expect(await exists(path)).toBe(false);
  });

  it('answers 404 for a missing file and 400 for a directory', async () => {
    const missing = await downloadFrom(join(workspace, 'missing.txt'));
    expect(missing.status).toBe(404);
    expect((await problem(missing)).code).toBe('not_found');
    expect((await downloadFrom(workspace)).status).toBe(400);
  });
});
