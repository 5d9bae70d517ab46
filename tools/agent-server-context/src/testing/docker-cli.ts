import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { waitFor } from '@agentrt/testing';

const run = promisify(execFile);

/** Every image and container this test process makes carries this label, for cleanup by label. */
export const TEST_LABEL = `org.agentrt.test=agent-server-context-${randomUUID().slice(0, 8)}`;

export async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, {
    maxBuffer: 64 * 1024 * 1024,
    timeout: 10 * 60_000,
  });
  return stdout.trim();
}

/** `docker build` of a context archive (the classic builder reads it from stdin). */
export async function buildFromArchive(
  archive: string,
  tag: string,
  buildArgs: Record<string, string>,
  target: string,
): Promise<void> {
  const args = ['build', '-q', '--label', TEST_LABEL, '--target', target, '-t', tag];
  for (const [name, value] of Object.entries(buildArgs))
    args.push('--build-arg', `${name}=${value}`);
  // No network for the build: it must work from the context and the local base alone.
  args.push('--network', 'none', '-');
  await run('sh', ['-c', 'exec docker "$@" < "$ARCHIVE"', 'docker-build', ...args], {
    env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', ARCHIVE: archive },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 10 * 60_000,
  });
}

/** Starts `image` with port 8000 published on loopback; returns the container id and its URL. */
export async function startServer(image: string): Promise<{ id: string; url: string }> {
  const id = await docker('run', '-d', '--label', TEST_LABEL, '-p', '127.0.0.1::8000', image);
  const port = (await docker('port', id, '8000/tcp')).split('\n')[0]?.split(':').pop();
  return { id, url: `http://127.0.0.1:${port ?? ''}` };
}

/** Waits until GET /alive answers 200 and returns its body. */
export async function alive(url: string): Promise<unknown> {
  return waitFor(
    async () => {
      // A published port accepts before the server listens; never wait on one attempt for long.
      const response = await fetch(`${url}/alive`, { signal: AbortSignal.timeout(5000) });
      return response.ok && (await response.json());
    },
    { timeoutMs: 30_000, description: `${url}/alive` },
  );
}

/**
 * Removes the containers this test process labelled, then every image with `imageLabel`:
 * the built images and the intermediate ones of their stages (the context's Dockerfile labels
 * them all with the image tag), newest first so children go before their parents.
 */
export async function removeTestResources(imageLabel: string): Promise<void> {
  const containers = await docker('ps', '-aq', '--filter', `label=${TEST_LABEL}`);
  if (containers) await docker('rm', '-f', ...containers.split('\n'));
  const listed = await docker(
    'images',
    '-a',
    '--filter',
    `label=${imageLabel}`,
    '--format',
    '{{.CreatedAt}}|{{.ID}}',
  );
  const ids = listed
    .split('\n')
    .filter(Boolean)
    .sort()
    .reverse()
    .map((line) => line.split('|')[1] ?? '');
  for (const id of ids) {
    // Removing a child also removes parents left without tags; those are gone already.
    await docker('rmi', '-f', id).catch(() => undefined);
  }
}
