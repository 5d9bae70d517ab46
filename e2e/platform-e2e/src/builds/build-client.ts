import { gzipSync } from 'node:zlib';
import { pack, type Header } from 'tar-stream';
import type { BuildStatusResponse } from '@agentrt/contracts';
import { waitFor } from '@agentrt/testing';

/** One tar entry; `body` for regular files. */
export type Entry = Partial<Omit<Header, 'size'>> & { name: string; body?: string };

/** A tar.gz made in memory, the way a client packs its build context. */
export async function tarGz(entries: Entry[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => {
    if (Buffer.isBuffer(chunk)) chunks.push(chunk);
  });
  const ended = new Promise<void>((resolve) => archive.once('end', () => resolve()));
  for (const { body, ...header } of entries) {
    await new Promise<void>((resolve, reject) =>
      archive.entry(header, body ?? '', (error) => (error ? reject(error) : resolve())),
    );
  }
  archive.finalize();
  await ended;
  return gzipSync(Buffer.concat(chunks));
}

/** A context with just a Dockerfile (plus `files`). */
export function dockerContext(
  dockerfile: string,
  files: Record<string, string> = {},
): Promise<Buffer> {
  return tarGz([
    { name: 'Dockerfile', body: dockerfile },
    ...Object.entries(files).map(([name, body]) => ({ name, body })),
  ]);
}

/** Speaks the build routes with the deployment's key. */
export class BuildClient {
  constructor(
    readonly url: string,
    readonly apiKey: string,
  ) {}

  /** The JSON encoding (the agent-server build script's). */
  submitJson(context: Buffer, fields: Record<string, unknown>): Promise<Response> {
    return fetch(`${this.url}/build`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-API-Key': this.apiKey },
      body: JSON.stringify({ context: context.toString('base64'), ...fields }),
    });
  }

  /** The multipart encoding (the OpenHands runtime builder's): base64 text or raw bytes. */
  submitForm(
    context: Buffer,
    fields: Record<string, string | string[]>,
    raw = false,
  ): Promise<Response> {
    const form = new FormData();
    const content = raw ? context : Buffer.from(context.toString('base64'));
    form.append('context', new Blob([content]), 'context.tar.gz');
    for (const [name, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
    }
    return fetch(`${this.url}/build`, {
      method: 'POST',
      headers: { 'X-API-Key': this.apiKey },
      body: form,
    });
  }

  /** Submits (JSON) and returns the build id; the answer must be 200. */
  async build(context: Buffer, fields: Record<string, unknown>): Promise<string> {
    const response = await this.submitJson(context, fields);
    const text = await response.text();
    if (response.status !== 200) throw new Error(`POST /build -> ${response.status}: ${text}`);
    return (JSON.parse(text) as { build_id: string }).build_id;
  }

  async status(buildId: string): Promise<BuildStatusResponse> {
    const response = await fetch(`${this.url}/build_status?build_id=${buildId}`, {
      headers: { 'X-API-Key': this.apiKey },
    });
    if (response.status !== 200)
      throw new Error(`build_status -> ${response.status}: ${await response.text()}`);
    return (await response.json()) as BuildStatusResponse;
  }

  /** Polls until the build is in one of `statuses`; returns that status response. */
  async until(
    buildId: string,
    statuses: string[],
    timeoutMs = 60_000,
  ): Promise<BuildStatusResponse> {
    return await waitFor(
      async () => {
        const current = await this.status(buildId);
        return statuses.includes(current.status) ? current : undefined;
      },
      {
        timeoutMs,
        intervalMs: 100,
        description: `build ${buildId} to reach ${statuses.join('/')}`,
      },
    );
  }

  async logs(buildId: string, follow = false): Promise<string> {
    const response = await fetch(`${this.url}/build_logs?build_id=${buildId}&follow=${follow}`, {
      headers: { 'X-API-Key': this.apiKey },
    });
    if (response.status !== 200) throw new Error(`build_logs -> ${response.status}`);
    return await response.text();
  }

  cancel(buildId: string): Promise<Response> {
    return fetch(`${this.url}/build_cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-API-Key': this.apiKey },
      body: JSON.stringify({ build_id: buildId }),
    });
  }
}
