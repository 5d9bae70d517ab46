import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
].join(', ');

/**
 * Deletes every manifest pushed to `repos` under `<registry>/<namespace>` (the registry runs with
 * deletes enabled), then the engine's copies of images under the namespace. Each step tolerates
 * things already gone, so it is safe after a failed run.
 */
export async function removeNamespace(
  registry: string,
  namespace: string,
  repos: readonly string[],
): Promise<void> {
  for (const repo of repos) {
    const name = `${namespace}/${repo}`;
    for (const tag of await tagsOf(registry, name)) {
      const digest = await manifestDigest(registry, name, tag);
      if (digest === undefined) continue;
      const response = await fetch(`http://${registry}/v2/${name}/manifests/${digest}`, {
        method: 'DELETE',
      }).catch(() => undefined);
      await response?.body?.cancel();
    }
  }
  const { stdout } = await run('docker', [
    'images',
    '--format',
    '{{.Repository}}:{{.Tag}}',
    '--filter',
    `reference=${registry}/${namespace}/*`,
  ]);
  const images = stdout.split('\n').filter(Boolean);
  if (images.length > 0) await run('docker', ['rmi', '-f', ...images]).catch(() => undefined);
}

async function tagsOf(registry: string, name: string): Promise<string[]> {
  const response = await fetch(`http://${registry}/v2/${name}/tags/list`).catch(() => undefined);
  if (!response?.ok) {
    await response?.body?.cancel();
    return [];
  }
  const body = (await response.json()) as { tags?: string[] | null };
  return body.tags ?? [];
}

async function manifestDigest(
  registry: string,
  name: string,
  tag: string,
): Promise<string | undefined> {
  const response = await fetch(`http://${registry}/v2/${name}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { Accept: MANIFEST_TYPES },
  }).catch(() => undefined);
  return response?.ok ? (response.headers.get('docker-content-digest') ?? undefined) : undefined;
}
