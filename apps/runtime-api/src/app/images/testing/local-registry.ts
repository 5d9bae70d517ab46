import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The dev registry started by scripts/dev-env.sh (plain http, deletes enabled). */
export const LOCAL_REGISTRY = '127.0.0.1:5000';
export const BASE_IMAGE = 'agentrt-local/node-base:bookworm';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const ANY_MANIFEST = `${OCI_INDEX}, ${OCI_MANIFEST}, application/vnd.docker.distribution.manifest.v2+json`;

export interface Blob {
  digest: string;
  size: number;
}

/** Test-side access to one repository of the local registry through its v2 API. */
export class LocalRepository {
  readonly base: string;

  constructor(readonly repository: string) {
    this.base = `http://${LOCAL_REGISTRY}/v2/${repository}`;
  }

  /** Tags the base image into this repository and pushes it with the docker CLI. */
  async pushBaseImage(tag: string): Promise<string> {
    const ref = `${LOCAL_REGISTRY}/${this.repository}:${tag}`;
    await run('docker', ['tag', BASE_IMAGE, ref]);
    await run('docker', ['push', ref], { timeout: 120_000 });
    return ref;
  }

  async uploadBlob(content: Buffer): Promise<Blob> {
    const digest = `sha256:${createHash('sha256').update(content).digest('hex')}`;
    const start = await fetch(`${this.base}/blobs/uploads/`, { method: 'POST' });
    const url = new URL(start.headers.get('location') ?? '', this.base);
    url.searchParams.set('digest', digest);
    const put = await fetch(url, { method: 'PUT', body: content });
    if (put.status !== 201) throw new Error(`blob upload answered HTTP ${put.status}`);
    return { digest, size: content.byteLength };
  }

  /** Pushes an OCI image manifest (config + layers) under `tag`; returns its digest. */
  putImage(tag: string, config: Blob, layers: Blob[]): Promise<string> {
    const layer = (blob: Blob) => ({
      mediaType: 'application/vnd.oci.image.layer.v1.tar',
      ...blob,
    });
    return this.putManifest(tag, OCI_MANIFEST, {
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: layers.map(layer),
    });
  }

  /** Pushes an OCI index of `entries` (digest + platform) under `tag`; returns its digest. */
  async putIndex(tag: string, entries: { digest: string; platform: string }[]): Promise<string> {
    const manifests = await Promise.all(
      entries.map(async ({ digest, platform }) => {
        const [os, architecture] = platform.split('/');
        const size = (await this.manifestBytes(digest)).byteLength;
        return { mediaType: OCI_MANIFEST, digest, size, platform: { os, architecture } };
      }),
    );
    return this.putManifest(tag, OCI_INDEX, { manifests });
  }

  async digestOf(reference: string): Promise<string> {
    const res = await fetch(`${this.base}/manifests/${reference}`, {
      method: 'HEAD',
      headers: { accept: ANY_MANIFEST },
    });
    const digest = res.headers.get('docker-content-digest');
    if (res.status !== 200 || !digest) throw new Error(`HEAD ${reference}: HTTP ${res.status}`);
    return digest;
  }

  /** Deletes manifests by digest; a registry without deletes (405) leaves them, as is harmless. */
  async deleteManifests(digests: readonly string[]): Promise<void> {
    for (const digest of digests) {
      const res = await fetch(`${this.base}/manifests/${digest}`, { method: 'DELETE' });
      if (![202, 404, 405].includes(res.status)) throw new Error(`DELETE ${digest}: ${res.status}`);
    }
  }

  private async manifestBytes(digest: string): Promise<Buffer> {
    const res = await fetch(`${this.base}/manifests/${digest}`, {
      headers: { accept: ANY_MANIFEST },
    });
    return Buffer.from(await res.arrayBuffer());
  }

  private async putManifest(tag: string, mediaType: string, body: object): Promise<string> {
    const res = await fetch(`${this.base}/manifests/${tag}`, {
      method: 'PUT',
      headers: { 'content-type': mediaType },
      body: JSON.stringify({ schemaVersion: 2, mediaType, ...body }),
    });
    const digest = res.headers.get('docker-content-digest');
    if (res.status !== 201 || !digest) {
      throw new Error(`PUT manifest ${tag}: HTTP ${res.status} ${await res.text()}`);
    }
    return digest;
  }
}

/** Removes a local tag; a tag that is already gone is fine. */
export async function removeLocalTag(ref: string): Promise<void> {
  await run('docker', ['rmi', ref]).catch((error: unknown) => {
    if (!String(error).includes('No such image')) throw error;
  });
}

/** The base image's `Created`, which is what its config blob says too. */
export async function baseImageCreated(): Promise<string> {
  const { stdout } = await run('docker', [
    'image',
    'inspect',
    '--format',
    '{{.Created}}',
    BASE_IMAGE,
  ]);
  return new Date(stdout.trim()).toISOString();
}
