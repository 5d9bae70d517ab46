import { BASE_IMAGE, DOCKER_SOCKET, contextOf, docker, uniqueName } from './build-fixtures.testing';
import { DockerImageBuilder } from './docker-image-builder';
import { ImageBuildError } from './image-build-error';

const REGISTRY = '127.0.0.1:5000';
const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
].join(', ');
const builder = new DockerImageBuilder({ docker: DOCKER_SOCKET });

async function manifestDigest(repo: string, reference: string): Promise<string | null> {
  const response = await fetch(`http://${REGISTRY}/v2/${repo}/manifests/${reference}`, {
    method: 'HEAD',
    headers: { Accept: MANIFEST_TYPES },
  });
  return response.ok ? response.headers.get('docker-content-digest') : null;
}

describe('DockerImageBuilder.push (real engine, local registry)', () => {
  const repo = `agentrt-test/${uniqueName()}`;
  const ref = `${REGISTRY}/${repo}:t`;
  const pushed: string[] = [];

  afterAll(async () => {
    for (const digest of pushed) {
      await fetch(`http://${REGISTRY}/v2/${repo}/manifests/${digest}`, { method: 'DELETE' });
    }
    await builder.remove(ref);
  });

  it('pushes a built image and returns the digest the registry serves', async () => {
    const logs: string[] = [];
    await builder.build({
      context: await contextOf({
        Dockerfile: `ARG BASE_IMAGE\nFROM \${BASE_IMAGE}\nRUN echo ${repo} > /name.txt\n`,
      }),
      tags: [ref],
      buildArgs: { BASE_IMAGE },
      timeoutMs: 60_000,
      onLog: () => undefined,
    });
    const { digest } = await builder.push(ref, { onLog: (line) => logs.push(line) });
    pushed.push(digest);
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await manifestDigest(repo, 't')).toBe(digest);
    expect(logs).toEqual(
      expect.arrayContaining([`The push refers to repository [${REGISTRY}/${repo}]`]),
    );
    expect(logs.at(-1)).toContain(`digest: ${digest}`);
  }, 90_000);

  it('reports pushing an image that does not exist locally as a permanent push_failed', async () => {
    const error: unknown = await builder
      .push(`${REGISTRY}/${repo}:missing`, { onLog: () => undefined })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImageBuildError);
    expect(error).toMatchObject({ kind: 'push_failed', transient: false });
  });

  it('reports an unreachable registry as a transient push_failed', async () => {
    const offlineRef = `127.0.0.1:1/${repo}:t`;
    await builder.remove(offlineRef);
    try {
      // Port 1 on loopback: nothing listens, so the engine cannot reach the registry.
      await docker('tag', BASE_IMAGE, offlineRef);
      const error: unknown = await builder
        .push(offlineRef, { onLog: () => undefined, timeoutMs: 20_000 })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ kind: 'push_failed', transient: true });
    } finally {
      await builder.remove(offlineRef);
    }
  }, 30_000);
});
