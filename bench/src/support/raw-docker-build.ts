import { spawn } from 'node:child_process';

/** How long the plain docker CLI took for one context: build, then push. */
export interface RawBuildTimes {
  buildMs: number;
  pushMs: number;
  totalMs: number;
}

/**
 * The baseline for `/build`: `docker build` of the tar.gz from stdin, then `docker push`, the same
 * work build-service does. DOCKER_BUILDKIT=0 because build-service uses the classic builder too.
 */
export async function rawBuildAndPush(context: Buffer, tag: string): Promise<RawBuildTimes> {
  const began = performance.now();
  await docker(['build', '-q', '--force-rm', '-t', tag, '-'], context);
  const built = performance.now();
  await docker(['push', '-q', tag]);
  const pushed = performance.now();
  return { buildMs: built - began, pushMs: pushed - built, totalMs: pushed - began };
}

/** Runs the docker CLI with `input` on stdin; rejects with its stderr unless it exits 0. */
function docker(args: string[], input?: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, {
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', DOCKER_BUILDKIT: '0' },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`docker ${args[0]} exited ${code}: ${stderr}`)),
    );
    child.stdin.end(input);
  });
}
