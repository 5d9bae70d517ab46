import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The registry scripts/dev-env.sh starts (deletes enabled in Debian's config.yml). */
export const REGISTRY = '127.0.0.1:5000';

/** Builds a Dockerfile given as text (no context) as `tag`; resolves with the image id. */
export function buildImage(tag: string, dockerfile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', ['build', '-q', '-t', tag, '-'], { stdio: 'pipe' });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve(Buffer.concat(out).toString().trim())
        : reject(new Error(`docker build ${tag} failed: ${Buffer.concat(err).toString()}`)),
    );
    child.stdin.end(dockerfile);
  });
}

/** Pushes `ref` to the local registry; resolves with the digest of the manifest it stored. */
export async function pushImage(ref: string): Promise<string> {
  const { stdout } = await run('docker', ['push', ref]);
  const digest = /digest: (sha256:[0-9a-f]{64})/.exec(stdout)?.[1];
  if (!digest) throw new Error(`no digest in the output of docker push ${ref}:\n${stdout}`);
  return digest;
}

/** Deletes a manifest (by digest) of `ref`'s repository from the registry; gone already is fine. */
export async function deleteManifest(ref: string, digest: string): Promise<void> {
  const url = manifestUrl(ref, digest);
  const response = await fetch(url, { method: 'DELETE' });
  if (response.status !== 202 && response.status !== 404) {
    throw new Error(`DELETE ${url} answered ${response.status}: ${await response.text()}`);
  }
}

/** Whether the registry still serves `ref`'s repository at `digest`. */
export async function manifestExists(ref: string, digest: string): Promise<boolean> {
  const response = await fetch(manifestUrl(ref, digest), {
    method: 'HEAD',
    headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' },
  });
  return response.status === 200;
}

/** `127.0.0.1:5000/agentrt-test/x:1` -> the registry URL of repository agentrt-test/x at digest. */
function manifestUrl(ref: string, digest: string): string {
  const repository = ref.slice(`${REGISTRY}/`.length).replace(/:[^/:]+$/, '');
  return `http://${REGISTRY}/v2/${repository}/manifests/${digest}`;
}

/** Removes local images by id or reference; missing ones are fine. */
export async function removeImages(refs: readonly string[]): Promise<void> {
  if (refs.length > 0) await run('docker', ['rmi', '-f', ...refs]).catch(() => undefined);
}
