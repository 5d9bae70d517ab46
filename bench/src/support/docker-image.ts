import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Fails fast when the runtime image is missing: nothing can be pulled here, so runtime-api would
 * otherwise spend its whole ready timeout on the first start before saying so.
 */
export async function requireImage(image: string): Promise<void> {
  try {
    await run('docker', ['image', 'inspect', '--format', '{{.Id}}', image]);
  } catch {
    throw new Error(
      `image ${image} is not in the engine; build it: scripts/build-runtime-image.sh`,
    );
  }
}
