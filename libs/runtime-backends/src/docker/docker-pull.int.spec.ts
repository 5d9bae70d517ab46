import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { RuntimeSpec } from '../runtime-backend';
import { DockerBackend } from './docker-backend';
import {
  BASE_IMAGE,
  bodyOf,
  docker,
  newOwner,
  okSpec,
  removeOwned,
} from './testing/engine-fixture';
import {
  buildImage,
  deleteManifest,
  manifestExists,
  pushImage,
  REGISTRY,
  removeImages,
} from './testing/local-registry';

const run = promisify(execFile);
const owner = newOwner('test-pull');
/** Answers with the IMAGE_VERSION the image sets, so a response tells which image runs. */
const VERSION_SERVER =
  "require('http').createServer((q,s)=>s.end(process.env.IMAGE_VERSION)).listen(8000)";

/** What each test pushed and tagged, removed after it whatever happened. */
let pushed: { ref: string; digest: string }[] = [];
let localImages: string[] = [];

function testRef(name: string): string {
  const ref = `${REGISTRY}/agentrt-test/${name}-${randomUUID().slice(0, 8)}:1`;
  localImages.push(ref);
  return ref;
}

async function push(ref: string): Promise<void> {
  pushed.push({ ref, digest: await pushImage(ref) });
}

function versionImage(ref: string, version: string): Promise<string> {
  return buildImage(ref, `FROM ${BASE_IMAGE}\nENV IMAGE_VERSION=${version}\n`);
}

function start(image: string, pullPolicy: RuntimeSpec['pullPolicy'], command?: string[]) {
  const spec = okSpec({ image, pullPolicy, ...(command ? { command } : {}) });
  return new DockerBackend({ docker, owner }).start(spec);
}

afterEach(async () => {
  await removeOwned(owner);
  await removeImages(localImages);
  for (const { ref, digest } of pushed) await deleteManifest(ref, digest);
  pushed = [];
  localImages = [];
});

// Pushing to the registry takes most of these tests' time.
describe('DockerBackend pulls from the local registry (real engine)', () => {
  it('pulls a missing image when the policy is IfNotPresent', async () => {
    const image = testRef('pull');
    await run('docker', ['tag', BASE_IMAGE, image]);
    await push(image);
    await run('docker', ['rmi', image]);
    const handle = await start(image, 'IfNotPresent');
    expect(await bodyOf(handle.endpoints[8000])).toBe('ok');
    expect((await docker.getImage(image).inspect()).RepoTags).toContain(image);
  }, 120_000);

  it('pulls again with policy Always and runs the image now behind the tag', async () => {
    const image = testRef('always');
    const older = await versionImage(image, '1');
    await push(image);
    const newer = await versionImage(image, '2');
    await push(image);
    localImages.push(older, newer);
    // Locally the tag goes back to the older image, and the newer one is gone: only the
    // registry has it now.
    await run('docker', ['tag', older, image]);
    await run('docker', ['rmi', newer]);
    expect((await docker.getImage(image).inspect()).Id).toBe(older);
    const handle = await start(image, 'Always', ['node', '-e', VERSION_SERVER]);
    expect(await bodyOf(handle.endpoints[8000])).toBe('2');
    expect((await docker.getContainer(`agentrt-${handle.runtimeId}`).inspect()).Image).toBe(newer);
  }, 120_000);

  it('removes the manifests it pushed from the registry', async () => {
    const image = testRef('cleanup');
    await run('docker', ['tag', BASE_IMAGE, image]);
    await push(image);
    const [first] = pushed;
    if (!first) throw new Error('nothing pushed');
    expect(await manifestExists(first.ref, first.digest)).toBe(true);
    await deleteManifest(first.ref, first.digest);
    expect(await manifestExists(first.ref, first.digest)).toBe(false);
  }, 120_000);
});
